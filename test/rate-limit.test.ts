/**
 * The request budget: per user, shared by every instance through the database (or Redis), with
 * the headers on every answer and a 429 with Retry-After past the limit. Each test counts under a
 * key prefix of its own, so test files sharing one PostgreSQL database never share counts.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { like } from 'drizzle-orm';
import { buildApp, type App } from '../src/app.js';
import { rateLimitCounters } from '../src/db/schema.js';
import { DatabaseRateLimiter } from '../src/http/rate-limit.database.js';
import type { RateLimiter } from '../src/http/rate-limit.js';
import { RedisRateLimiter } from '../src/http/rate-limit.redis.js';
import { createLogger } from '../src/logger.js';
import type { Clock } from '../src/rules/index.js';
import { SecclClient } from '../src/seccl/client.js';
import { startHarness, type Harness } from './support/harness.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

function movableClock(iso: string): Clock & { set(iso: string): void } {
  let ms = Date.parse(iso);
  return { now: () => new Date(ms), set: (to) => (ms = Date.parse(to)) };
}

interface Instance {
  app: App;
  get(path: string, token?: string | null): Promise<Response>;
}

describe('rate limit', () => {
  let h: Harness;
  const instances: Instance[] = [];

  /** Another instance of the service on the harness's database, with its own limiter object. */
  async function instance(limiter: RateLimiter, clock: Clock, logs?: string[]): Promise<Instance> {
    const sink = { write: (line: string) => void logs?.push(line) };
    const app = await buildApp({
      db: h.database.db,
      box: h.box,
      seccl: new SecclClient({ timeoutMs: 2000 }),
      clock,
      logger: createLogger('debug', sink),
      rateLimiter: limiter,
    });
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const made: Instance = {
      app,
      get: (path, token = h.firm.token) =>
        fetch(`${url}${path}`, {
          headers: token === null ? {} : { authorization: `Bearer ${token}` },
        }),
    };
    instances.push(made);
    return made;
  }

  const prefix = () => `test:${randomBytes(6).toString('hex')}:`;
  const limited = (limit: number, keyPrefix = prefix()) =>
    new DatabaseRateLimiter(h.database.db, { limit, prefix: keyPrefix });

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    for (const made of instances) await made.app.server.close();
    await h.close();
  });

  test('counts down on every answer and answers 429 with Retry-After past the limit', async () => {
    const clock = movableClock('2026-07-01T12:00:15Z');
    const one = await instance(limited(3), clock);

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await one.get('/api/v1/addon-subscriptions'));

    assert.deepEqual(
      answers.map((r) => [r.status, r.headers.get('x-ratelimit-remaining')]),
      [
        [200, '2'],
        [200, '1'],
        [200, '0'],
        [429, '0'],
      ],
    );
    const refused = answers[3]!;
    assert.equal(refused.headers.get('x-ratelimit-limit'), '3');
    assert.equal(refused.headers.get('retry-after'), '45');
    assert.deepEqual(await refused.json(), { message: 'Too Many Attempts.' });
    assert.ok(refused.headers.get('x-request-id'));
  });

  test('shares one count between two instances on one database', async () => {
    const clock = movableClock('2026-07-01T12:00:00Z');
    const shared = prefix();
    const one = await instance(limited(3, shared), clock);
    const two = await instance(limited(3, shared), clock);

    const statuses = [];
    for (const made of [one, two, one, two]) {
      const res = await made.get('/api/v1/addon-subscriptions');
      statuses.push([res.status, res.headers.get('x-ratelimit-remaining')]);
    }

    assert.deepEqual(statuses, [
      [200, '2'],
      [200, '1'],
      [200, '0'],
      [429, '0'],
    ]);
  });

  test('starts a fresh count in the next minute and deletes the finished window', async () => {
    const clock = movableClock('2026-07-01T12:00:59Z');
    const keyPrefix = prefix();
    const one = await instance(limited(1, keyPrefix), clock);
    assert.equal((await one.get('/api/v1/addon-subscriptions')).status, 200);
    assert.equal((await one.get('/api/v1/addon-subscriptions')).status, 429);

    clock.set('2026-07-01T12:01:00Z');
    const res = await one.get('/api/v1/addon-subscriptions');

    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-ratelimit-remaining'), '0');
    const rows = await h.database.db
      .select()
      .from(rateLimitCounters)
      .where(like(rateLimitCounters.key, `${keyPrefix}%`));
    assert.deepEqual(
      rows.map((r) => r.windowStart.toISOString()),
      ['2026-07-01T12:01:00.000Z'],
    );
  });

  test('counts each user apart, and requests without a valid token per address', async () => {
    const clock = movableClock('2026-07-01T12:00:00Z');
    const other = await h.addFirm();
    const one = await instance(limited(2), clock);

    const mine = [
      await one.get('/api/v1/addon-subscriptions'),
      await one.get('/api/v1/addon-subscriptions'),
    ];
    const theirs = await one.get('/api/v1/addon-subscriptions', other.token);
    const anonymous = [];
    for (const token of [null, 'not-a-token', `${other.token}x`])
      anonymous.push(await one.get('/api/v1/addon-subscriptions', token));
    const stillMine = await one.get('/api/v1/addon-subscriptions');

    assert.deepEqual(
      mine.map((r) => r.headers.get('x-ratelimit-remaining')),
      ['1', '0'],
    );
    assert.equal(theirs.status, 200);
    assert.equal(theirs.headers.get('x-ratelimit-remaining'), '1');
    assert.deepEqual(
      anonymous.map((r) => [r.status, r.headers.get('x-ratelimit-remaining')]),
      [
        [401, '1'],
        [401, '0'],
        [429, '0'],
      ],
    );
    assert.equal(stillMine.status, 429);
  });

  test('puts the headers on unmatched routes and leaves /health uncounted', async () => {
    const one = await instance(limited(5), movableClock('2026-07-01T12:00:00Z'));

    const missing = await one.get('/api/v1/nothing-here');
    const health = await one.get('/health');

    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('x-ratelimit-remaining'), '4');
    assert.equal(health.status, 200);
    assert.equal(health.headers.get('x-ratelimit-remaining'), null);
  });

  test('loses no count when many requests arrive at once', async () => {
    const limiter = limited(10);
    const now = new Date('2026-07-01T12:00:00Z');

    const hits = await Promise.all(Array.from({ length: 25 }, () => limiter.hit('user:same', now)));

    assert.deepEqual(
      hits.map((hit) => hit.count).sort((x, y) => x - y),
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
  });

  test('lets requests through uncounted, with a warning, when the counter store is down', async () => {
    const logs: string[] = [];
    const broken = await RedisRateLimiter.connect('redis://127.0.0.1:1', { limit: 1 });
    const one = await instance(broken, movableClock('2026-07-01T12:00:00Z'), logs);

    const res = await one.get('/api/v1/addon-subscriptions');
    await broken.close();

    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-ratelimit-remaining'), null);
    assert.ok(logs.some((line) => line.includes('rate limit counter unavailable')));
  });

  describe('in Redis', () => {
    let probe: Redis | undefined;
    const redisPrefix = `seccl-addon-test:${randomBytes(6).toString('hex')}:`;

    before(async () => {
      const client = new Redis(REDIS_URL, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        connectTimeout: 1000,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.ping();
        probe = client;
      } catch {
        client.disconnect();
      }
    });
    after(async () => {
      if (!probe) return;
      const keys = await probe.keys(`${redisPrefix}*`);
      if (keys.length > 0) await probe.del(...keys);
      await probe.quit();
    });

    test('shares one count between two connections, with an expiry on the key', async (t) => {
      if (!probe) return t.skip('Redis is not reachable on 127.0.0.1:6379');
      const one = await RedisRateLimiter.connect(REDIS_URL, { limit: 3, prefix: redisPrefix });
      const two = await RedisRateLimiter.connect(REDIS_URL, { limit: 3, prefix: redisPrefix });
      const now = new Date('2026-07-01T12:00:20Z');

      try {
        const counts = [];
        for (const limiter of [one, two, one, two])
          counts.push((await limiter.hit('user:u1', now)).count);
        const hit = await one.hit('user:u1', now);

        assert.deepEqual(counts, [1, 2, 3, 4]);
        assert.equal(hit.resetAt.toISOString(), '2026-07-01T12:01:00.000Z');
        const keys = await probe.keys(`${redisPrefix}*`);
        assert.equal(keys.length, 1);
        assert.ok((await probe.pttl(keys[0]!)) > 0, 'the window key expires by itself');
      } finally {
        await one.close();
        await two.close();
      }
    });

    test('limits two app instances through one Redis', async (t) => {
      if (!probe) return t.skip('Redis is not reachable on 127.0.0.1:6379');
      const clock = movableClock('2026-07-01T12:00:30Z');
      const keyPrefix = `${redisPrefix}app:`;
      const limiters = await Promise.all(
        [0, 1].map(() => RedisRateLimiter.connect(REDIS_URL, { limit: 2, prefix: keyPrefix })),
      );
      const [one, two] = [await instance(limiters[0]!, clock), await instance(limiters[1]!, clock)];

      try {
        const answers = [
          await one!.get('/api/v1/addon-subscriptions'),
          await two!.get('/api/v1/addon-subscriptions'),
          await one!.get('/api/v1/addon-subscriptions'),
        ];

        assert.deepEqual(
          answers.map((r) => [r.status, r.headers.get('x-ratelimit-remaining')]),
          [
            [200, '1'],
            [200, '0'],
            [429, '0'],
          ],
        );
        assert.equal(answers[2]!.headers.get('retry-after'), '30');
      } finally {
        for (const limiter of limiters) await limiter.close();
      }
    });
  });
});
