import { test } from 'node:test';

import { checkCompanyRegNo } from './company.js';
import { assertAccepts, assertRefuses } from './testing.js';

test('accepts 8 digits with their leading zeros', () => {
  for (const input of ['12345678', '00012345', '00000001']) {
    assertAccepts(checkCompanyRegNo, input, input);
  }
});

test('accepts 2 letters and 6 digits, upper-cased', () => {
  const cases: Array<[string, string]> = [
    ['SC123456', 'SC123456'],
    ['sc123456', 'SC123456'],
    ['NI012345', 'NI012345'],
    ['oc301234', 'OC301234'],
    ['SO301234', 'SO301234'],
    ['NC001234', 'NC001234'],
    [' FC012345 ', 'FC012345'],
    ['R0000123', 'R0000123'],
  ];
  for (const [input, value] of cases) assertAccepts(checkCompanyRegNo, input, value);
});

test('refuses the short numeric form rather than padding it, and 9 characters', () => {
  for (const input of ['1234567', '123456789', 'SC12345', 'SC1234567', '']) {
    assertRefuses(checkCompanyRegNo, input);
  }
});

test('refuses other shapes, separators and look-alike characters', () => {
  const cases = ['S1234567', 'SCX12345', 'SC 123456', 'SC-12345', 'R1123456', '12345678A'];
  for (const input of [...cases, '１２３４５６７８', '\u017fC123456', 'ÅB123456']) {
    assertRefuses(checkCompanyRegNo, input);
  }
});
