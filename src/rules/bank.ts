import { fail, ok, type Check } from './result.js';
import { NOT_TEXT, trimmed } from './text.js';

// Spaces and every dash people type or paste between the pairs: hyphen-minus and the other
// Unicode dash punctuation (hyphen, non-breaking hyphen, figure, en and em dash...), plus the
// minus sign, which is a maths symbol rather than a dash in Unicode.
const SEPARATORS = /[\p{Zs}\p{Pd}\u2212]/gu;

/**
 * Checks a UK sort code and returns its six digits with the separators removed. Only spaces
 * and dashes are removed: anything else, and any count of digits but six, is refused.
 *
 * @example
 * checkSortCode('10–88–00'); // { ok: true, value: '108800' }
 */
export function checkSortCode(raw: string): Check<string> {
  const text = trimmed(raw);
  if (text === undefined) return fail(NOT_TEXT);

  const digits = text.replace(SEPARATORS, '');
  if (!/^\d{6}$/.test(digits)) {
    return fail('A sort code is 6 digits, optionally in pairs split by spaces or dashes.');
  }
  return ok(digits);
}

/**
 * Checks a UK bank account number: exactly eight digits, returned as given. Leading zeros are
 * part of the number; a longer number is refused, never cut, since which digit a bank drops
 * depends on the bank.
 *
 * @example
 * checkAccountNumber('00733445'); // { ok: true, value: '00733445' }
 */
export function checkAccountNumber(raw: string): Check<string> {
  const text = trimmed(raw);
  if (text === undefined) return fail(NOT_TEXT);

  if (!/^\d{8}$/.test(text)) {
    return fail('An account number is exactly 8 digits, with any leading zeros kept.');
  }
  return ok(text);
}
