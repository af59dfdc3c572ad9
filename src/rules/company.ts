import { fail, ok, type Check } from './result.js';
import { NOT_TEXT, trimmed } from './text.js';

// Eight digits (England and Wales), two letters and six digits (SC, NI, OC, SO, NC...), or
// R0 and six digits: Northern Ireland companies registered before partition, whose prefix
// has a digit in it.
const COMPANY_NUMBER = /^(?:\d{8}|[A-Z]{2}\d{6}|R0\d{6})$/;

/**
 * Checks a Companies House registration number and returns it upper case. It is always eight
 * characters: Companies House pads numeric ones with leading zeros, so a shorter form such as
 * 1234567 is refused rather than padded here.
 *
 * @example
 * checkCompanyRegNo('sc123456'); // { ok: true, value: 'SC123456' }
 */
export function checkCompanyRegNo(raw: string): Check<string> {
  const text = trimmed(raw);
  if (text === undefined) return fail(NOT_TEXT);

  // ASCII first, so that upper-casing cannot turn a non-ASCII letter into an ASCII one.
  const number = /^[A-Za-z0-9]+$/.test(text) ? text.toUpperCase() : '';
  if (!COMPANY_NUMBER.test(number)) {
    return fail(
      'A company registration number is 8 digits, or 2 letters and 6 digits; short numbers need their leading zeros.',
    );
  }
  return ok(number);
}
