import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

test('leases outlast ten Seccl timeouts and database faults are off by default', () => {
  const config = loadConfig({ SECCL_TIMEOUT_MS: '20000' });

  assert.equal(config.intentLeaseMs, 200_000);
  assert.equal(loadConfig({}).intentLeaseMs, 100_000);
  assert.equal(config.reconcileBackoffMs, 1000);
  assert.equal(config.testingDbFaultRate, 0);
});

test('reads the testing fault mode and the lease when set', () => {
  const config = loadConfig({
    INTENT_LEASE_MS: '5000',
    RECONCILE_BACKOFF_MS: '50',
    TESTING_DB_FAULT_RATE: '0.05',
    TESTING_DB_FAULT_SEED: '9',
  });

  assert.equal(config.intentLeaseMs, 5000);
  assert.equal(config.reconcileBackoffMs, 50);
  assert.equal(config.testingDbFaultRate, 0.05);
  assert.equal(config.testingDbFaultSeed, 9);
});

test('reports a fault rate outside 0 to 1 and a lease under a second', () => {
  const error = (() => {
    try {
      loadConfig({ TESTING_DB_FAULT_RATE: '1.5', INTENT_LEASE_MS: '10' });
    } catch (e) {
      return e;
    }
  })();

  assert.ok(error instanceof ConfigError);
  assert.equal(error.problems.length, 2);
});
