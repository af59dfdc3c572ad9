import { checkIsoDate } from './dates.js';

/** A source of the current instant, passed in so tests can fix time. */
export interface Clock {
  now(): Date;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => new Date(),
};

// A time of day must carry Z or an offset so that a test means the same instant on every
// machine; a bare date is read as UTC midnight, which is the same day in London all year.
const TIME = String.raw`T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?`;
const ZONE = String.raw`(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)`;
const ISO_INSTANT = new RegExp(String.raw`^(\d{4}-\d{2}-\d{2})(?:${TIME}${ZONE})?$`);

/**
 * A clock stuck at one instant, for tests. `iso` is `YYYY-MM-DD` (UTC midnight) or an ISO 8601
 * date-time with `Z` or an offset; anything else, including an impossible day that Date would
 * roll over, throws a RangeError. Each call returns a fresh Date, so mutating one is harmless.
 *
 * @example
 * fixedClock('2026-07-01T23:30:00Z').now(); // 2026-07-01T23:30:00.000Z
 */
export function fixedClock(iso: string): Clock {
  const match = ISO_INSTANT.exec(iso);
  if (match === null || !checkIsoDate(match[1] ?? '').ok) {
    throw new RangeError(
      'fixedClock needs YYYY-MM-DD or an ISO 8601 date-time with Z or an offset.',
    );
  }

  const ms = new Date(iso).getTime();
  return { now: () => new Date(ms) };
}
