import { fail, ok, type Check } from './result.js';
import { NOT_TEXT, trimmed } from './text.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Splits a real calendar date into numbers, or returns undefined; never goes through Date. */
function parts(text: string): { year: number; month: number; day: number } | undefined {
  const match = ISO_DATE.exec(text);
  if (match === null) return undefined;

  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

/**
 * Checks a calendar date written strictly as `YYYY-MM-DD` (years 1000 to 9999) and returns it
 * unchanged. Impossible days such as 2023-02-29 are refused rather than rolled over, and no
 * time or zone part is allowed.
 *
 * @example
 * checkIsoDate('2004-02-29'); // { ok: true, value: '2004-02-29' }
 * checkIsoDate('2023-02-29'); // refused
 */
export function checkIsoDate(raw: string): Check<string> {
  const text = trimmed(raw);
  if (text === undefined) return fail(NOT_TEXT);

  if (!ISO_DATE.test(text)) {
    return fail('A date must be written as YYYY-MM-DD, with a four-digit year.');
  }
  if (parts(text) === undefined) {
    return fail('This is not a real calendar date between the years 1000 and 9999.');
  }
  return ok(text);
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in the UK (Europe/London, so BST in summer) at the instant `now`, as
 * `YYYY-MM-DD`, whatever zone the machine runs in. Throws a RangeError for an invalid Date.
 *
 * @example
 * londonDate(new Date('2026-07-01T23:30:00Z')); // '2026-07-02'
 */
export function londonDate(now: Date): string {
  const found = new Map(LONDON.formatToParts(now).map((p) => [p.type, p.value]));
  const year = (found.get('year') ?? '').padStart(4, '0');
  return `${year}-${found.get('month')}-${found.get('day')}`;
}

/**
 * Age in whole years on `today` for someone born on `dateOfBirth`, both `YYYY-MM-DD`, counted
 * on the calendar. Someone born on 29 February turns a year older on 1 March in a common year.
 * Negative when the birth date is after `today`. Outer whitespace is ignored. Throws a RangeError if either is not a real
 * date, since callers are expected to have checked them with {@link checkIsoDate}.
 *
 * @example
 * ageOn('2008-02-29', '2026-02-28'); // 17
 * ageOn('2008-02-29', '2026-03-01'); // 18
 */
export function ageOn(dateOfBirth: string, today: string): number {
  const born = parts(dateOfBirth.trim());
  const now = parts(today.trim());
  if (born === undefined || now === undefined) {
    throw new RangeError('ageOn needs two real dates written as YYYY-MM-DD.');
  }

  const years = now.year - born.year;
  const birthdayPassed = now.month * 100 + now.day >= born.month * 100 + born.day;
  return birthdayPassed ? years : years - 1;
}
