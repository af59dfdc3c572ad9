/**
 * Bounded retries for calls that cannot duplicate work (reads and authentication): exponential
 * backoff with full jitter, or Seccl's `Retry-After` when it sends one.
 */
import {
  SecclNetworkError,
  SecclRateLimitedError,
  SecclTimeoutError,
  SecclUpstreamError,
} from './errors.js';

/** First backoff ceiling; each retry doubles it. */
export const BACKOFF_BASE_MS = 200;
/** Backoff never waits longer than this. */
export const BACKOFF_CAP_MS = 5_000;
/** A `Retry-After` longer than this is waited for this long only. */
export const RETRY_AFTER_CAP_MS = 30_000;

export interface RetryPolicy {
  /** Retries after the first attempt; 0 means one attempt. */
  retries: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/**
 * Runs `attempt` until it succeeds, fails with an error a retry cannot help, or the retries are
 * spent; the last error is thrown as it is. `mayRetry` can veto a retry (an open circuit) so
 * that we neither sleep for nothing nor hide the real failure behind the circuit's.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  mayRetry: () => boolean = () => true,
): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (err) {
      if (retry >= policy.retries || !isRetryable(err) || !mayRetry()) throw err;
      await policy.sleep(retryDelayMs(err, retry, policy.random));
    }
  }
}

/** Network errors, timeouts, 429 and 5xx are worth another try; anything else is an answer. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof SecclNetworkError || err instanceof SecclTimeoutError) return true;
  if (err instanceof SecclRateLimitedError) return true;
  return err instanceof SecclUpstreamError && err.status !== undefined && err.status >= 500;
}

/** The wait before retry number `retry` (from 0): `Retry-After` when given, else full jitter. */
export function retryDelayMs(err: unknown, retry: number, random: () => number): number {
  const after =
    err instanceof SecclRateLimitedError || err instanceof SecclUpstreamError
      ? err.retryAfterSeconds
      : undefined;
  if (after !== undefined) return Math.min(after * 1000, RETRY_AFTER_CAP_MS);
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry));
}

/**
 * Reads a `Retry-After` header, delta-seconds or an HTTP date (IMF-fixdate), as whole seconds
 * from `nowMs`, rounded up and never negative. Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;

  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);

  // Only the IMF-fixdate form: Date.parse alone would read almost anything (even `1.5`) as a date.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text))
    return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}
