/**
 * Assertions shared by the unit tests in this folder. Not exported from index.ts.
 */
import assert from 'node:assert/strict';

import type { Check } from './result.js';

/** Asserts that `check(input)` passes with exactly `value`. */
export function assertAccepts(
  check: (raw: string) => Check<string>,
  input: string,
  value: string,
): void {
  assert.deepEqual(check(input), { ok: true, value }, `expected ${JSON.stringify(input)} to pass`);
}

/**
 * Asserts that `check(input)` fails with a sentence that does not repeat the input, and returns
 * the reason so a test can look for a particular hint in it.
 */
export function assertRefuses(check: (raw: string) => Check<string>, input: string): string {
  const result = check(input);
  assert.equal(result.ok, false, `expected ${JSON.stringify(input)} to be refused`);
  if (result.ok) return '';

  assert.match(result.reason, /^[A-Z].*\.$/s, 'a reason is one sentence');
  const core = input.trim();
  if (core.length >= 3) {
    assert.ok(!result.reason.includes(core), `reason echoes ${JSON.stringify(input)}`);
  }
  return result.reason;
}
