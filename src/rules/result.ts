/**
 * The outcome of a format check: the normalised value, or a short English reason.
 *
 * A `reason` never repeats the input, because it may be logged or sent back to the caller.
 *
 * @example
 * const r: Check<string> = checkSortCode('10-88-00'); // { ok: true, value: '108800' }
 */
export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Builds a passing {@link Check}. */
export function ok<T>(value: T): Check<T> {
  return { ok: true, value };
}

/** Builds a failing {@link Check}; `reason` must be a fixed sentence, never the input. */
export function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
