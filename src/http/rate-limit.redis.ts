/**
 * The request counter in Redis: INCR and PEXPIRE in one MULTI, on a key per window, so the count
 * is atomic across instances and a finished window's key expires by itself.
 */
import { Redis } from 'ioredis';
import {
  RATE_LIMIT_WINDOW_MS,
  windowStart,
  type RateLimiter,
  type RateLimitHit,
} from './rate-limit.js';

export interface RedisRateLimiterOptions {
  limit: number;
  windowMs?: number;
  /** Prepended to every key (default `seccl-addon:rl:`). */
  prefix?: string;
}

export class RedisRateLimiter implements RateLimiter {
  readonly limit: number;
  private readonly windowMs: number;
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    options: RedisRateLimiterOptions,
  ) {
    this.limit = options.limit;
    this.windowMs = options.windowMs ?? RATE_LIMIT_WINDOW_MS;
    this.prefix = options.prefix ?? 'seccl-addon:rl:';
  }

  /**
   * A limiter on its own connection to `url`, once the connection is ready (or has failed for
   * `readyTimeoutMs`). Commands fail at once while Redis is away instead of queueing, so a request
   * is never held up waiting for the counter; the connection keeps retrying in the background.
   */
  static async connect(
    url: string,
    options: RedisRateLimiterOptions & { readyTimeoutMs?: number },
  ): Promise<RedisRateLimiter> {
    const redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    });
    // Without a listener an unreachable Redis would be reported as an unhandled 'error' event.
    redis.on('error', () => undefined);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, options.readyTimeoutMs ?? 2000);
      redis.once('ready', done);
      redis.once('error', done);
      function done() {
        clearTimeout(timer);
        redis.off('ready', done);
        redis.off('error', done);
        resolve();
      }
    });
    return new RedisRateLimiter(redis, options);
  }

  async hit(key: string, now: Date): Promise<RateLimitHit> {
    const start = windowStart(now, this.windowMs);
    const name = `${this.prefix}${key}:${start}`;

    const results = await this.redis
      .multi()
      .incr(name)
      // Twice the window: a key outlives its window a little, which only costs memory.
      .pexpire(name, this.windowMs * 2)
      .exec();
    const [incr] = results ?? [];
    if (!incr || incr[0]) throw incr?.[0] ?? new Error('Redis returned no result for INCR');
    return { count: Number(incr[1]), resetAt: new Date(start + this.windowMs) };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
