import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkUkPostcode } from './postcode.js';
import { assertAccepts, assertRefuses } from './testing.js';

test('C08 accepts missing, doubled and outer spaces and lower case, normalised', () => {
  for (const input of [
    'po77yh',
    'PO7  7YH',
    ' po7 7yh ',
    'PO77YH',
    'P O 7 7 Y H',
    'po7\u00a07yh',
  ]) {
    assertAccepts(checkUkPostcode, input, 'PO7 7YH');
  }
});

test('C08 refuses other characters instead of dropping them', () => {
  for (const input of ['PO!7 7YH', 'PO7-7YH', 'PO7.7YH', 'PO7\t7YH', 'PO7_7YH', 'ＰＯ7 7YH']) {
    assertRefuses(checkUkPostcode, input);
  }
});

test('accepts every outward shape', () => {
  const cases: Array<[string, string]> = [
    ['m11ae', 'M1 1AE'], // A9
    ['B338TH', 'B33 8TH'], // A99
    ['CR2 6XH', 'CR2 6XH'], // AA9
    ['DN55 1PT', 'DN55 1PT'], // AA99
    ['W1A 0AX', 'W1A 0AX'], // A9A
    ['EC1A 1BB', 'EC1A 1BB'], // AA9A
    ['SW1A 2AA', 'SW1A 2AA'],
  ];
  for (const [input, value] of cases) assertAccepts(checkUkPostcode, input, value);
});

test('refuses a letter typed for a digit instead of correcting it', () => {
  // O typed for 0, I for 1 and G for 6: each is refused, not read as the digit.
  for (const input of ['SW1A OAA', 'SWIA 1AA', 'CR2 GXH']) assertRefuses(checkUkPostcode, input);
});

test('applies the letter rules by position', () => {
  for (const letter of 'QVX') assertRefuses(checkUkPostcode, `${letter}1 1AA`);
  for (const letter of 'IJZ') assertRefuses(checkUkPostcode, `A${letter}1 1AA`);
  for (const letter of 'ABCDEFGHJKPSTUW')
    assertAccepts(checkUkPostcode, `W1${letter} 1AA`, `W1${letter} 1AA`);
  for (const letter of 'ILMNOQRVXYZ') assertRefuses(checkUkPostcode, `W1${letter} 1AA`);
  for (const letter of 'ABEHMNPRVWXY')
    assertAccepts(checkUkPostcode, `EC1${letter} 1AA`, `EC1${letter} 1AA`);
  for (const letter of 'CDFGIJKLOQSTUZ') assertRefuses(checkUkPostcode, `EC1${letter} 1AA`);
  for (const letter of 'CIKMOV') {
    assertRefuses(checkUkPostcode, `M1 1${letter}A`);
    assertRefuses(checkUkPostcode, `M1 1A${letter}`);
  }
});

test('refuses lengths on both sides of 5 to 7 characters and malformed inward codes', () => {
  for (const input of ['M1 1A', 'M11A', 'EC1A1 1BB', 'ABC12 3DE', 'M1 AAA', 'M1 11A', '']) {
    assertRefuses(checkUkPostcode, input);
  }
});

test('accepts the special Royal Mail postcodes GIR 0AA and SAN TA1', () => {
  assertAccepts(checkUkPostcode, 'gir0aa', 'GIR 0AA');
  assertAccepts(checkUkPostcode, 'SAN TA1', 'SAN TA1');
  assertAccepts(checkUkPostcode, 'santa1', 'SAN TA1');
});

test('accepts British Forces BF1 postcodes and the Crown Dependencies', () => {
  const cases: Array<[string, string]> = [
    ['BF1 4FB', 'BF1 4FB'],
    ['je2 3ab', 'JE2 3AB'],
    ['GY1 1AA', 'GY1 1AA'],
    ['IM1 1AA', 'IM1 1AA'],
  ];
  for (const [input, value] of cases) assertAccepts(checkUkPostcode, input, value);
});

test('refuses a BFPO number and says to use its BF1 postcode', () => {
  assert.match(assertRefuses(checkUkPostcode, 'BFPO 123'), /BF1/);
  assertRefuses(checkUkPostcode, 'BFPO 1234');
});

test('refuses overseas territory postcodes, even Gibraltar which fits the UK shape', () => {
  const cases = ['ASCN 1ZZ', 'STHL 1ZZ', 'TDCU 1ZZ', 'BBND 1ZZ', 'BIQQ 1ZZ', 'FIQQ 1ZZ'];
  for (const input of [...cases, 'GX11 1AA', 'PCRN 1ZZ', 'SIQQ 1ZZ', 'TKCA 1ZZ', 'gx111aa']) {
    assert.match(assertRefuses(checkUkPostcode, input), /Overseas Territory/);
  }
});

test('refuses non-UK postcodes such as the Cayman Islands form', () => {
  for (const input of ['KY1-1234', 'KY1 1234', 'VG1110', 'H0H 0H0', '10115', 'HM 12']) {
    assertRefuses(checkUkPostcode, input);
  }
});
