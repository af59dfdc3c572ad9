import countries from 'i18n-iso-countries';

import { fail, ok, type Check } from './result.js';
import { NOT_TEXT, trimmed } from './text.js';

/**
 * Checks an ISO 3166-1 alpha-2 country code and returns it upper case. XK (Kosovo) is
 * accepted: it is user-assigned in ISO but used by the EU, the IMF and SWIFT.
 *
 * @example
 * checkCountryCode('gb'); // { ok: true, value: 'GB' }
 * checkCountryCode('UK'); // refused with a reason that points to GB
 */
export function checkCountryCode(raw: string): Check<string> {
  const text = trimmed(raw);
  if (text === undefined) return fail(NOT_TEXT);

  // The library also takes alpha-3 and numeric codes, so the shape is pinned here first.
  if (!/^[A-Za-z]{2}$/.test(text)) {
    return fail('A country code is two letters (ISO 3166-1 alpha-2), like GB.');
  }

  const code = text.toUpperCase();
  if (code === 'UK') {
    return fail('UK is not an ISO 3166-1 code; use GB for the United Kingdom.');
  }
  if (!countries.isValid(code)) {
    return fail('This is not an ISO 3166-1 alpha-2 country code.');
  }
  return ok(code);
}
