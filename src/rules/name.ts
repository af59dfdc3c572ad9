import { fail, ok, type Check } from './result.js';
import { NOT_TEXT, trimmed } from './text.js';

const MAX_LENGTH = 100;

// Letters and combining marks of any script, both apostrophes (' and U+2019), the hyphen-minus
// and U+2010 hyphen, full stops and spaces. Digits, symbols and \p{C} (controls, format
// characters, unassigned code points) fall outside it.
const ALLOWED = /^[\p{L}\p{M}'\u2019\-\u2010. ]+$/u;
// A combining mark has to sit on a letter; at the start or after punctuation it would stack
// on nothing (or be used to pile marks up).
const LOOSE_MARK = /(?:^|[^\p{L}\p{M}])\p{M}/u;

/**
 * Checks a first name or surname and returns it in Unicode NFC, otherwise exactly as given:
 * no change of case, nothing stripped or HTML-encoded. Accepts letters of any script with
 * accents, apostrophes (' and ’), hyphens, full stops and single inner spaces; 1 to 100
 * characters, counted as code points after NFC.
 *
 * @example
 * checkPersonName('O’Neill'); // { ok: true, value: 'O’Neill' }
 * checkPersonName('Zoe\u0308'); // { ok: true, value: 'Zoë' }
 */
export function checkPersonName(raw: string): Check<string> {
  const text = trimmed(raw);
  if (text === undefined) return fail(NOT_TEXT);

  const name = text.normalize('NFC');
  const length = [...name].length;
  if (length < 1 || length > MAX_LENGTH) {
    return fail('A name must be 1 to 100 characters long.');
  }
  if (!ALLOWED.test(name) || LOOSE_MARK.test(name)) {
    return fail('A name may contain only letters, spaces, apostrophes, hyphens and full stops.');
  }
  if (name.includes('  ')) {
    return fail('A name may not contain two spaces in a row.');
  }
  if (!/\p{L}/u.test(name)) {
    return fail('A name must contain at least one letter.');
  }
  return ok(name);
}
