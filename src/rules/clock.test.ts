import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fixedClock, systemClock } from './clock.js';

test('fixedClock always answers the instant it was given', () => {
  const clock = fixedClock('2026-07-01T23:30:00Z');
  assert.equal(clock.now().toISOString(), '2026-07-01T23:30:00.000Z');
  assert.equal(clock.now().toISOString(), '2026-07-01T23:30:00.000Z');
});

test('fixedClock cannot be moved by mutating the Date it returned', () => {
  const clock = fixedClock('2026-03-10T09:00:00Z');
  clock.now().setUTCFullYear(1999);
  assert.equal(clock.now().toISOString(), '2026-03-10T09:00:00.000Z');
});

test('fixedClock takes offsets, fractions and a bare date as UTC midnight', () => {
  assert.equal(
    fixedClock('2026-07-02T00:30:00+01:00').now().toISOString(),
    '2026-07-01T23:30:00.000Z',
  );
  assert.equal(
    fixedClock('2026-03-10T09:00:00.250Z').now().toISOString(),
    '2026-03-10T09:00:00.250Z',
  );
  assert.equal(fixedClock('2026-03-10T09:00Z').now().toISOString(), '2026-03-10T09:00:00.000Z');
  assert.equal(fixedClock('2026-03-10').now().toISOString(), '2026-03-10T00:00:00.000Z');
});

test('fixedClock refuses local times, impossible days and junk', () => {
  const cases = ['2026-03-10T09:00:00', '2026-02-30T00:00:00Z', '2026-03-10T24:00:00Z', 'now', ''];
  for (const iso of [...cases, '2026-03-10T09:60:00Z', 'Tue, 10 Mar 2026 09:00:00 GMT']) {
    assert.throws(() => fixedClock(iso), RangeError, iso);
  }
});

test('systemClock reads the real time', () => {
  const before = Date.now();
  const now = systemClock.now().getTime();
  assert.ok(now >= before && now <= Date.now());
});
