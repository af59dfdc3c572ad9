/**
 * The request counter in PostgreSQL (or PGlite): one row per key and window, bumped by a single
 * atomic upsert, so concurrent requests on any number of instances never lose a count. Each
 * instance deletes finished windows once per window.
 */
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { rateLimitCounters } from '../db/schema.js';
import {
  RATE_LIMIT_WINDOW_MS,
  windowStart,
  type RateLimiter,
  type RateLimitHit,
} from './rate-limit.js';

export interface DatabaseRateLimiterOptions {
  limit: number;
  windowMs?: number;
  /** Prepended to every key; lets tests share a database without sharing counts. */
  prefix?: string;
}

export class DatabaseRateLimiter implements RateLimiter {
  readonly limit: number;
  private readonly windowMs: number;
  private readonly prefix: string;
  private sweptBefore = 0;

  constructor(
    private readonly db: Db,
    options: DatabaseRateLimiterOptions,
  ) {
    this.limit = options.limit;
    this.windowMs = options.windowMs ?? RATE_LIMIT_WINDOW_MS;
    this.prefix = options.prefix ?? '';
  }

  async hit(key: string, now: Date): Promise<RateLimitHit> {
    const start = windowStart(now, this.windowMs);
    await this.sweep(start);

    const [row] = await this.db
      .insert(rateLimitCounters)
      .values({ key: this.prefix + key, windowStart: new Date(start), count: 1 })
      .onConflictDoUpdate({
        target: [rateLimitCounters.key, rateLimitCounters.windowStart],
        set: { count: sql`${rateLimitCounters.count} + 1` },
      })
      .returning({ count: rateLimitCounters.count });
    return { count: row!.count, resetAt: new Date(start + this.windowMs) };
  }

  // Once per window per instance; several instances sweeping the same rows is harmless.
  private async sweep(start: number): Promise<void> {
    if (start <= this.sweptBefore) return;
    this.sweptBefore = start;
    await this.db
      .delete(rateLimitCounters)
      .where(lt(rateLimitCounters.windowStart, new Date(start)));
  }
}
