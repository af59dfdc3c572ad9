import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import * as rules from './index.js';
import type { Check } from './result.js';

const checks: Array<[string, (raw: string) => Check<string>]> = [
  ['checkNino', rules.checkNino],
  ['checkUkPostcode', rules.checkUkPostcode],
  ['checkSortCode', rules.checkSortCode],
  ['checkAccountNumber', rules.checkAccountNumber],
  ['checkCountryCode', rules.checkCountryCode],
  ['checkEmail', rules.checkEmail],
  ['checkIsoDate', rules.checkIsoDate],
  ['checkPersonName', rules.checkPersonName],
  ['checkCompanyRegNo', rules.checkCompanyRegNo],
];

test('re-exports the whole API', () => {
  for (const name of ['ageOn', 'londonDate', 'fixedClock', 'ok', 'fail']) {
    assert.equal(typeof (rules as Record<string, unknown>)[name], 'function', name);
  }
  assert.equal(typeof rules.systemClock.now, 'function');
});

test('C05 refuses a number or null where text is expected instead of throwing', () => {
  for (const [name, check] of checks) {
    for (const value of [733445, null, undefined, {}, ['GB']]) {
      const result = check(value as unknown as string);
      assert.deepEqual(result, { ok: false, reason: 'The value must be given as text.' }, name);
    }
  }
});

test('never throws, and a passing value passes again unchanged', () => {
  for (const [name, check] of checks) {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => {
        const first = check(input);
        if (first.ok) assert.deepEqual(check(first.value), first, name);
      }),
    );
  }
});

test('a reason never repeats the input', () => {
  for (const [name, check] of checks) {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 12, maxLength: 300 }), (input) => {
        const result = check(input);
        const core = input.trim();
        if (!result.ok && core.length >= 12) assert.ok(!result.reason.includes(core), name);
      }),
    );
  }
});
