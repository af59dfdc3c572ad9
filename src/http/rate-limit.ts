/**
 * The request budget: so many requests a minute per user, counted in a store every instance
 * shares (the database, or Redis), so adding instances does not add budget. Requests without a
 * valid token (401s, the OAuth2 token endpoint) are counted per client address instead, so every
 * answer carries the headers and guessing tokens is throttled as well.
 *
 * Every counted answer carries `X-Ratelimit-Limit` and `X-Ratelimit-Remaining`; over the budget
 * the answer is 429 `{"message":"Too Many Attempts."}` with `Retry-After`, before any handler
 * runs. `/health` is not counted: a load balancer's probes must never be refused.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TooManyRequestsError } from '../errors.js';
import type { Clock } from '../rules/index.js';

/** One request counted: how many the key has made in the window, and when the window ends. */
export interface RateLimitHit {
  count: number;
  resetAt: Date;
}

/** A shared fixed-window counter. */
export interface RateLimiter {
  /** Requests allowed per window. */
  readonly limit: number;
  /** Counts one request for `key` in the window holding `now`. */
  hit(key: string, now: Date): Promise<RateLimitHit>;
  close?(): Promise<void>;
}

export const RATE_LIMIT_WINDOW_MS = 60_000;

/** The start of the fixed window holding `now`. Windows start on the minute, on every instance. */
export function windowStart(now: Date, windowMs = RATE_LIMIT_WINDOW_MS): number {
  return Math.floor(now.getTime() / windowMs) * windowMs;
}

const EXEMPT_ROUTES = new Set(['/health']);

/**
 * The counter's key: the user behind a valid token, else a digest of the client address (the
 * address itself is personal data and has no business in the counter table).
 */
export function rateLimitKey(request: FastifyRequest): string {
  if (request.caller) return `user:${request.caller.userId}`;
  const digest = createHash('sha256').update(request.ip).digest('base64url').slice(0, 22);
  return `ip:${digest}`;
}

/**
 * Counts every request after the caller is identified. When the store fails the request goes
 * through without the headers and a warning is logged: an outage of the counter must not take
 * the API down with it.
 */
export function installRateLimit(app: FastifyInstance, limiter: RateLimiter, clock: Clock): void {
  app.addHook('onRequest', async (request, reply) => {
    if (EXEMPT_ROUTES.has(request.routeOptions.url ?? '')) return;
    const now = clock.now();

    let hit: RateLimitHit;
    try {
      hit = await limiter.hit(rateLimitKey(request), now);
    } catch (error) {
      request.log.warn(
        { err: { type: (error as Error).name, code: (error as { code?: unknown }).code } },
        'rate limit counter unavailable; request let through uncounted',
      );
      return;
    }

    reply.header('X-Ratelimit-Limit', String(limiter.limit));
    reply.header('X-Ratelimit-Remaining', String(Math.max(0, limiter.limit - hit.count)));
    if (hit.count > limiter.limit) {
      throw new TooManyRequestsError((hit.resetAt.getTime() - now.getTime()) / 1000);
    }
  });
}
