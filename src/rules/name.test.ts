import { test } from 'node:test';

import { checkPersonName } from './name.js';
import { assertAccepts, assertRefuses } from './testing.js';

const accepts = (input: string): void => assertAccepts(checkPersonName, input, input);

test('C25 accepts apostrophes, hyphens, inner spaces, accents and one letter unchanged', () => {
  for (const input of ["O'Neill", 'O’Neill', 'Smith-Jones', 'van der Berg', 'Ó Briain'])
    accepts(input);
  for (const input of ['Zoë', 'José', 'J']) accepts(input);
});

test('C25 never encodes, strips or re-cases a name', () => {
  for (const input of ["d'Artagnan", 'mcDONALD', 'DE LA CRUZ', 'St. John', "'t Hooft", 'J.R.R.']) {
    accepts(input);
  }
});

test('accepts letters of any script and the U+2010 hyphen', () => {
  for (const input of ['李', 'Nguyễn', 'Ахмед', 'محمد', 'देवी', 'Jean\u2010Luc', 'ʻIolani']) {
    accepts(input);
  }
});

test('C25 returns decomposed accents composed (NFC)', () => {
  assertAccepts(checkPersonName, 'Zoe\u0308', 'Zoë');
  assertAccepts(checkPersonName, 'Jose\u0301', 'José');
  assertAccepts(checkPersonName, ' Ciara ', 'Ciara');
});

test('refuses digits, symbols and markup', () => {
  const cases = [
    'J0hn',
    'Anne2',
    '<script>',
    'Ann&Bob',
    'Ann@home',
    'Ann_Marie',
    'Ann😀',
    'Ann/Bob',
  ];
  for (const input of [...cases, 'Ann,Bob', 'Ann"Bob', 'Ann\u2011Marie', 'Ｊｏｈｎ１']) {
    assertRefuses(checkPersonName, input);
  }
});

test('refuses control and invisible characters and other spaces', () => {
  const cases = [
    'Ann\u0000',
    'An\u200bn',
    'An\u200dn',
    'Ann\tMarie',
    'Ann\nMarie',
    'Ann\u00a0Marie',
  ];
  for (const input of [...cases, 'Ann\u202eMarie']) assertRefuses(checkPersonName, input);
});

test('refuses double spaces, punctuation alone and loose combining marks', () => {
  for (const input of ['Ann  Marie', '-', "'", '.', "'-.", '\u0301Ann', 'Ann \u0301Marie', '']) {
    assertRefuses(checkPersonName, input);
  }
  assertRefuses(checkPersonName, '   ');
});

test('takes 100 code points and refuses 101', () => {
  accepts('a'.repeat(100));
  assertRefuses(checkPersonName, 'a'.repeat(101));
  accepts('李'.repeat(100));
  assertRefuses(checkPersonName, '李'.repeat(101));
});

test('counts code points, not UTF-16 units, and counts after NFC', () => {
  // U+2000B is a CJK letter outside the BMP: two UTF-16 units, one code point.
  accepts('\u{2000b}'.repeat(100));
  assertRefuses(checkPersonName, '\u{2000b}'.repeat(101));
  assertAccepts(checkPersonName, 'e\u0308'.repeat(100), 'ë'.repeat(100));
  assertRefuses(checkPersonName, 'e\u0308'.repeat(101));
});
