import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkCountryCode } from './country.js';
import { assertAccepts, assertRefuses } from './testing.js';

test('C11 refuses UK in any case and says to use GB', () => {
  for (const input of ['UK', 'uk', 'Uk', ' UK ']) {
    assert.deepEqual(checkCountryCode(input), {
      ok: false,
      reason: 'UK is not an ISO 3166-1 code; use GB for the United Kingdom.',
    });
  }
});

test('C11 upper-cases a lower-case code', () => {
  for (const input of ['gb', 'Gb', ' gB ']) assertAccepts(checkCountryCode, input, 'GB');
  assertAccepts(checkCountryCode, 'ie', 'IE');
});

test('C12 accepts Kosovo as XK', () => {
  assertAccepts(checkCountryCode, 'XK', 'XK');
  assertAccepts(checkCountryCode, 'xk', 'XK');
});

test('accepts alpha-2 codes across the list', () => {
  for (const code of ['FR', 'DE', 'US', 'JE', 'GG', 'IM', 'GI', 'FK', 'SH', 'AQ']) {
    assertAccepts(checkCountryCode, code, code);
  }
});

test('refuses alpha-3 and numeric codes that the library would also take', () => {
  for (const input of ['GBR', 'gbr', '826', '372', 'IRL']) assertRefuses(checkCountryCode, input);
});

test('refuses unassigned and reserved pairs and wrong lengths', () => {
  for (const input of [
    'ZZ',
    'AA',
    'EU',
    'UN',
    'XX',
    'EL',
    'G',
    'G B',
    'G-B',
    '',
    'ＧＢ',
    'G\u0130',
  ]) {
    assertRefuses(checkCountryCode, input);
  }
});
