import { fail, ok, type Check } from './result.js';
import { NOT_TEXT, SPACES, trimmed } from './text.js';

// Royal Mail's outward shapes A9, A99, AA9, AA99, A9A and AA9A with its letter rules by
// position: first never Q V X, second never I J Z, a letter third or fourth from a short list.
const OUTWARD = /^[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY])$/;
// The inward code is a digit and two letters, never C I K M O V.
const INWARD = /^\d[ABD-HJLNP-UW-Z]{2}$/;

// Non-geographic Royal Mail codes outside the usual letter rules: Girobank's, and Father
// Christmas's, which Royal Mail really delivers to.
const SPECIAL = new Set(['GIR0AA', 'SANTA1']);

// British Overseas Territories that borrowed the UK shape for their single postcode. They are
// not in the UK and have ISO codes of their own (SH, IO, AQ, FK, GI, PN, GS, TC), so an address
// there should not be filed as GB. GX11 is Gibraltar's: the only one the general shape accepts.
const OVERSEAS = new Set([
  'ASCN',
  'STHL',
  'TDCU',
  'BBND',
  'BIQQ',
  'FIQQ',
  'GX11',
  'PCRN',
  'SIQQ',
  'TKCA',
]);

// Deliberately accepted because they are in Royal Mail's address file and follow its shape:
// BF1 (the postcodes standing for BFPO numbers) and the Crown Dependencies JE, GY and IM.

/**
 * Checks a UK postcode against Royal Mail's format and returns it upper case with exactly one
 * space before the three-character inward code. Only spaces are removed; no other character is
 * dropped or "corrected" (O is never read as 0), so a typo cannot become another real postcode.
 *
 * @example
 * checkUkPostcode(' po77yh '); // { ok: true, value: 'PO7 7YH' }
 * checkUkPostcode('PO!7 7YH'); // refused
 */
export function checkUkPostcode(raw: string): Check<string> {
  const text = trimmed(raw);
  if (text === undefined) return fail(NOT_TEXT);

  const compact = text.replace(SPACES, '');
  if (!/^[A-Za-z0-9]+$/.test(compact)) {
    return fail('A postcode may contain only letters, digits and spaces.');
  }

  const code = compact.toUpperCase();
  if (/^BFPO\d{1,4}$/.test(code)) {
    return fail('A BFPO number is not a postcode; give the BF1 postcode that stands for it.');
  }
  if (code.length < 5 || code.length > 7) {
    return fail('A UK postcode is 5 to 7 letters and digits, like SW1A 1AA.');
  }

  const outward = code.slice(0, -3);
  const inward = code.slice(-3);
  if (OVERSEAS.has(outward)) {
    return fail(
      'This is the postcode of a British Overseas Territory, not the UK; give that territory as the country.',
    );
  }
  if (!SPECIAL.has(code) && !(OUTWARD.test(outward) && INWARD.test(inward))) {
    return fail('This is not in the UK postcode format, like SW1A 1AA.');
  }
  return ok(`${outward} ${inward}`);
}
