import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { SecclRateLimitedError, SecclUpstreamError } from './errors.js';
import { parseRetryAfter, retryDelayMs, withRetries } from './retry.js';

const now = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    assert.equal(parseRetryAfter(' 7 ', now), 7);
  });

  it('reads an HTTP date as seconds from now, rounded up and never negative', () => {
    assert.equal(parseRetryAfter(new Date(now + 2500).toUTCString(), now), 2);
    assert.equal(parseRetryAfter(new Date(now + 2000).toUTCString(), now + 500), 2);
    assert.equal(parseRetryAfter(new Date(now - 60_000).toUTCString(), now), 0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [null, '', '1.5', '-3', 'soon', '2025-01-01']) {
      assert.equal(parseRetryAfter(value, now), undefined, String(value));
    }
  });
});

describe('retryDelayMs', () => {
  it('uses full jitter under an exponential ceiling capped at 5 s', () => {
    const top = () => 0.999_999;
    const ceilings = [0, 1, 2, 3, 4, 5, 10].map((retry) => retryDelayMs(new Error(), retry, top));

    assert.deepEqual(ceilings, [199, 399, 799, 1599, 3199, 4999, 4999]);
    assert.equal(
      retryDelayMs(new Error(), 3, () => 0),
      0,
    );
  });

  it('prefers Retry-After, capped at 30 s', () => {
    assert.equal(
      retryDelayMs(new SecclRateLimitedError('r', 4), 0, () => 0.5),
      4000,
    );
    assert.equal(
      retryDelayMs(new SecclUpstreamError('u', 3600), 0, () => 0.5),
      30_000,
    );
  });
});

describe('withRetries', () => {
  it('stops retrying when told to, and throws the error it has', async () => {
    const err = new SecclUpstreamError('u', undefined, { status: 503 });
    let attempts = 0;
    const sleeps: number[] = [];

    await assert.rejects(
      withRetries(
        async () => {
          attempts += 1;
          throw err;
        },
        { retries: 5, random: () => 0, sleep: async (ms) => void sleeps.push(ms) },
        () => attempts < 2,
      ),
      (e) => e === err,
    );
    assert.equal(attempts, 2);
    assert.equal(sleeps.length, 1);
  });
});
