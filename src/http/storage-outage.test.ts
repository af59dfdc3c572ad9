import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStorageOutage } from './storage-outage.js';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

test('knows a lost or refusing database, also when wrapped as a cause', () => {
  assert.equal(isStorageOutage(withCode('57P01')), true);
  assert.equal(isStorageOutage(withCode('08006')), true);
  assert.equal(isStorageOutage(withCode('53300')), true);
  assert.equal(
    isStorageOutage(new Error('query failed', { cause: withCode('ECONNREFUSED') })),
    true,
  );
  assert.equal(isStorageOutage(new Error('Connection terminated unexpectedly')), true);
});

test('does not take a bug or a constraint violation for an outage', () => {
  assert.equal(isStorageOutage(withCode('23505')), false);
  assert.equal(isStorageOutage(withCode('22021')), false);
  assert.equal(isStorageOutage(new TypeError('undefined is not a function')), false);
  assert.equal(isStorageOutage(undefined), false);
});
