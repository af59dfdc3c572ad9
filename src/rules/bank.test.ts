import { test } from 'node:test';

import { checkAccountNumber, checkSortCode } from './bank.js';
import { assertAccepts, assertRefuses } from './testing.js';

test('C04 accepts sort codes split by spaces, hyphens or an en dash', () => {
  for (const input of ['10-88-00', '10 88 00', '10–88–00', '108800', ' 10-88-00 ']) {
    assertAccepts(checkSortCode, input, '108800');
  }
});

test('C04 accepts the other Unicode dashes and the minus sign', () => {
  const dashes = ['\u2010', '\u2011', '\u2012', '\u2014', '\u2015', '\u2212', '\ufe63', '\uff0d'];
  for (const dash of dashes) assertAccepts(checkSortCode, `10${dash}88${dash}00`, '108800');
  assertAccepts(checkSortCode, '10\u00a088\u00a000', '108800');
});

test('C04 refuses five digits and letters', () => {
  for (const input of ['10-88-0', 'AB-12-34', '10-88-0O']) assertRefuses(checkSortCode, input);
});

test('C05 refuses a sort code and account number that were swapped', () => {
  assertRefuses(checkSortCode, '71435108');
  assertRefuses(checkAccountNumber, '400302');
});

test('refuses sort codes on both sides of six digits and other separators', () => {
  for (const input of ['10885', '1088000', '10/88/00', '10.88.00', '10_88_00', '10+88+00', '']) {
    assertRefuses(checkSortCode, input);
  }
  assertRefuses(checkSortCode, '١٠٨٨٠٠'); // Arabic-Indic digits are digits, but not ASCII ones
});

test('C05 keeps the leading zeros of an account number', () => {
  assertAccepts(checkAccountNumber, '00733445', '00733445');
  assertAccepts(checkAccountNumber, ' 00000000 ', '00000000');
});

test('C05 refuses a nine-digit account number rather than dropping a digit', () => {
  for (const input of ['123456789', '1234567', '733445', ''])
    assertRefuses(checkAccountNumber, input);
});

test('refuses account numbers with separators or other characters', () => {
  for (const input of ['0073 3445', '0073-3445', '0073344A', '+0733445', '7.33445e5', '١٢٣٤٥٦٧٨']) {
    assertRefuses(checkAccountNumber, input);
  }
});
