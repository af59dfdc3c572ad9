import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { TokenCache } from './auth.js';
import { conn } from './test-support.js';

function counting() {
  const issued: string[] = [];
  const releases: Array<() => void> = [];
  const cache = new TokenCache(async () => {
    const value = `t${issued.length + 1}`;
    issued.push(value);
    await new Promise<void>((resolve) => releases.push(resolve));
    return value;
  });
  const releaseAll = () => releases.splice(0).forEach((release) => release());
  return { cache, issued, releaseAll };
}

describe('TokenCache', () => {
  it('renews once when many calls report the same refused token', async () => {
    const { cache, issued, releaseAll } = counting();
    const first = cache.get(conn);
    releaseAll();
    const old = await first;

    for (let i = 0; i < 5; i += 1) cache.invalidate(conn, old);
    const renewals = Array.from({ length: 5 }, () => cache.get(conn));
    releaseAll();

    assert.deepEqual(await Promise.all(renewals), ['t2', 't2', 't2', 't2', 't2']);
    assert.deepEqual(issued, ['t1', 't2']);
  });

  it('leaves a newer token alone when an older one is reported', async () => {
    const { cache, releaseAll } = counting();
    const first = cache.get(conn);
    releaseAll();
    const old = await first;
    cache.invalidate(conn, old);
    const second = cache.get(conn);
    releaseAll();
    await second;

    cache.invalidate(conn, old);

    assert.equal(await cache.get(conn), 't2');
  });

  it('does not keep a token whose authentication was in flight when forgotten', async () => {
    const { cache, releaseAll } = counting();
    const inFlight = cache.get(conn);

    cache.forget(conn.key);
    const fresh = cache.get(conn);
    releaseAll();

    assert.equal(await inFlight, 't1');
    assert.equal(await fresh, 't2');
    assert.equal(await cache.get(conn), 't2');
  });

  it('shares a failed authentication with its waiters, then tries afresh', async () => {
    let calls = 0;
    const cache = new TokenCache(async () => {
      calls += 1;
      if (calls === 1) throw new Error('refused');
      return 'ok';
    });

    const results = await Promise.allSettled([cache.get(conn), cache.get(conn)]);

    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.equal(await cache.get(conn), 'ok');
    assert.equal(calls, 2);
  });
});
