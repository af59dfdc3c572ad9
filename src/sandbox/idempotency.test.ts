import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IDEMPOTENCY_TTL_MS, IdempotencyStore, fingerprint } from './idempotency.js';

describe('fingerprint', () => {
  it('ignores the order of object keys but not of array items', () => {
    assert.equal(
      fingerprint({ a: 1, b: { c: 2, d: 3 } }),
      fingerprint({ b: { d: 3, c: 2 }, a: 1 }),
    );
    assert.notEqual(fingerprint({ a: [1, 2] }), fingerprint({ a: [2, 1] }));
  });
});

describe('IdempotencyStore', () => {
  it('keeps keys per firm and forgets them after 72 hours', () => {
    let now = 1_000;
    const store = new IdempotencyStore(
      () => now,
      () => undefined,
    );
    store.remember('TESTF', 'k1', 'print', { status: 201, body: { data: { id: 'ABC1234' } } });

    assert.equal(store.find('TESTF', 'k1')?.status, 201);
    assert.equal(store.find('OTHRF', 'k1'), undefined);
    now += IDEMPOTENCY_TTL_MS;
    assert.equal(store.find('TESTF', 'k1'), undefined);
  });
});
