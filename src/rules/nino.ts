import { fail, ok, type Check } from './result.js';
import { NOT_TEXT, SPACES, trimmed } from './text.js';

// HMRC NIM39110: D, F, I, Q, U and V are never a prefix letter; O is never the second one.
const FIRST = /^[A-CEGHJ-PR-TW-Z]$/;
const SECOND = /^[A-CEGHJ-NPR-TW-Z]$/;
const NEVER_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const SHAPE = /^[A-Z]{2}\d{6}[A-Z]$/;
// A temporary reference number: HMRC's own reference, often mistaken for a NINO.
const TRN = /^\d{2}[A-Z]\d{5}$/;

/**
 * Checks a UK National Insurance number against HMRC's published format and returns it
 * compact and upper case. Spaces anywhere are dropped (printed pairs are common); any other
 * separator is refused rather than stripped, so a typo is never turned into a number.
 *
 * @example
 * checkNino('ab 12 34 56 c'); // { ok: true, value: 'AB123456C' }
 * checkNino('TN123456A'); // refused: temporary numbers are not National Insurance numbers
 */
export function checkNino(raw: string): Check<string> {
  const text = trimmed(raw);
  if (text === undefined) return fail(NOT_TEXT);

  const compact = text.replace(SPACES, '');
  // Tested before upper-casing: 'ı'.toUpperCase() is 'I', which would smuggle in a letter.
  if (!/^[A-Za-z0-9]*$/.test(compact)) {
    return fail('A National Insurance number may contain only letters, digits and spaces.');
  }

  const nino = compact.toUpperCase();
  if (TRN.test(nino)) {
    return fail(
      'This is shaped like an HMRC temporary reference number, not a National Insurance number.',
    );
  }
  if (!SHAPE.test(nino)) {
    return fail(
      'A National Insurance number is two letters, six digits and a letter, like QQ123456C.',
    );
  }

  const prefix = nino.slice(0, 2);
  if (prefix === 'TN') {
    return fail('Temporary TN numbers are not National Insurance numbers.');
  }
  if (!FIRST.test(nino.charAt(0)) || !SECOND.test(nino.charAt(1)) || NEVER_ISSUED.has(prefix)) {
    return fail('The first two letters are not a prefix HMRC issues.');
  }
  if (!/[A-D]$/.test(nino)) {
    return fail('The last letter of a National Insurance number is A, B, C or D.');
  }
  return ok(nino);
}
