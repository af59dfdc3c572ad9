import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkNino } from './nino.js';
import { assertAccepts, assertRefuses } from './testing.js';

test('C01 refuses never-issued prefixes, TN, bad suffixes and TRNs', () => {
  for (const input of [
    'GB123456A',
    'NK123456B',
    'ZZ123456D',
    'TN123456A',
    'AB123456E',
    '12A34567',
  ]) {
    assertRefuses(checkNino, input);
  }
});

test('C01 accepts the control number', () => {
  assertAccepts(checkNino, 'AB123456C', 'AB123456C');
});

test('refuses every never-issued prefix, in either case', () => {
  for (const prefix of ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']) {
    assertRefuses(checkNino, `${prefix}123456A`);
    assertRefuses(checkNino, `${prefix.toLowerCase()}123456a`);
  }
});

test('refuses D F I Q U V as first letter and D F I O Q U V as second', () => {
  for (const letter of 'DFIQUV') assertRefuses(checkNino, `${letter}A123456A`);
  for (const letter of 'DFIOQUV') assertRefuses(checkNino, `A${letter}123456A`);
});

test('accepts O as a first letter and every allowed suffix', () => {
  assertAccepts(checkNino, 'OA123456A', 'OA123456A');
  for (const suffix of 'ABCD') assertAccepts(checkNino, `JG103759${suffix}`, `JG103759${suffix}`);
  for (const suffix of 'EFMXZ') assertRefuses(checkNino, `JG103759${suffix}`);
});

test('names the temporary and TRN forms in the reason', () => {
  assert.match(assertRefuses(checkNino, 'TN311287F'), /Temporary/);
  assert.match(assertRefuses(checkNino, '12A34567'), /temporary reference number/);
  assert.match(assertRefuses(checkNino, '12 A3 45 67'), /temporary reference number/);
});

test('C03 accepts printed pairs, lower case and outer spaces, normalised', () => {
  const cases = [
    'ab 12 34 56 c',
    ' AB123456C ',
    'Ab12 3456c',
    'AB 12 34 56 C',
    'a b 1 2 3 4 5 6 c',
  ];
  for (const input of cases) assertAccepts(checkNino, input, 'AB123456C');
  assertAccepts(checkNino, 'AB\u00a012\u00a034\u00a056\u00a0C', 'AB123456C');
});

test('C03 refuses separators other than spaces instead of stripping them', () => {
  const cases = ['AB/12/34/56/C', 'AB-12-34-56-C', 'AB.12.34.56.C', 'AB\t123456C', 'AB_123456C'];
  for (const input of cases) assertRefuses(checkNino, input);
});

test('refuses wrong lengths on both sides of nine characters', () => {
  for (const input of ['AB12345C', 'AB1234567C', 'AB123456', 'AB123456CD', '', '   ']) {
    assertRefuses(checkNino, input);
  }
});

test('refuses look-alike letters that upper-case into ASCII', () => {
  // Dotless i upper-cases to I and long s to S; they must not slip through as letters.
  assertRefuses(checkNino, 'AB123456\u0131');
  assertRefuses(checkNino, '\u017fA123456A');
  assertRefuses(checkNino, 'ＡＢ123456C');
});
