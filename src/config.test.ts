import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

test('runs on embedded defaults with an empty environment', () => {
  const config = loadConfig({});

  assert.equal(config.port, 8080);
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.sandboxPort, 4010);
  assert.equal(config.seedDemo, true);
  assert.equal(config.rateLimitPerMinute, 500);
});

test('reports every bad setting at once', () => {
  const env = {
    PORT: 'eighty',
    DATABASE_URL: 'mysql://x',
    SANDBOX_PORT: '70000',
    LOG_LEVEL: 'loud',
    SEED_DEMO: 'maybe',
    REDIS_URL: 'http://x',
  };

  const error = (() => {
    try {
      loadConfig(env);
    } catch (e) {
      return e;
    }
  })();

  assert.ok(error instanceof ConfigError);
  assert.equal(error.problems.length, 7);
  assert.ok(error.problems.some((p) => p.startsWith('APP_KEY is required')));
});

test('requires APP_KEY with PostgreSQL and seeds nothing there by default', () => {
  assert.throws(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x' }), ConfigError);

  assert.throws(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x', APP_KEY: 'k:abc' }));
  const key = `k:${Buffer.alloc(32, 7).toString('base64')}`;
  const config = loadConfig({ DATABASE_URL: 'postgres://localhost/x', APP_KEY: key });

  assert.equal(config.seedDemo, false);
});
