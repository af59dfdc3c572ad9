import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fixedClock } from './clock.js';
import { ageOn, checkIsoDate, londonDate } from './dates.js';
import { assertAccepts, assertRefuses } from './testing.js';

test('C14 refuses impossible days and loose formats', () => {
  const cases = [
    '2023-02-29',
    '1987-02-30',
    '1987-05-15a',
    '19999-02-01',
    '15/05/1987',
    '1987-5-15',
  ];
  for (const input of cases) assertRefuses(checkIsoDate, input);
});

test('C14 accepts a real leap day unchanged', () => {
  assertAccepts(checkIsoDate, '2004-02-29', '2004-02-29');
});

test('refuses times, zones and other separators', () => {
  const cases = ['1987-05-15T00:00:00Z', '1987-05-15 00:00', '1987/05/15', '19870515', '87-05-15'];
  for (const input of [...cases, '+1987-05-15', '1987-05-15Z', '１９８７-05-15', '']) {
    assertRefuses(checkIsoDate, input);
  }
});

test('takes years 1000 and 9999 and refuses 0999 and 10000', () => {
  assertAccepts(checkIsoDate, '1000-01-01', '1000-01-01');
  assertAccepts(checkIsoDate, '9999-12-31', '9999-12-31');
  assertRefuses(checkIsoDate, '0999-12-31');
  assertRefuses(checkIsoDate, '10000-01-01');
});

test('checks both sides of every month and day bound', () => {
  const good = ['1987-01-01', '1987-12-31', '1987-04-30', '1987-01-31', '1987-02-28'];
  const bad = ['1987-00-10', '1987-13-10', '1987-01-00', '1987-01-32', '1987-04-31', '1987-06-31'];
  for (const input of [...good, '2000-02-29']) assertAccepts(checkIsoDate, input, input);
  for (const input of [...bad, '1987-09-31', '1987-11-31', '1900-02-29', '2100-02-29']) {
    assertRefuses(checkIsoDate, input);
  }
});

test('trims outer whitespace', () => {
  assertAccepts(checkIsoDate, ' 2004-02-29\n', '2004-02-29');
});

test('londonDate reads the calendar in Europe/London around midnight', () => {
  const cases: Array<[string, string]> = [
    ['2026-07-01T23:30:00Z', '2026-07-02'], // BST: already 00:30 on the 2nd
    ['2026-07-01T22:59:59Z', '2026-07-01'],
    ['2026-07-01T23:00:00Z', '2026-07-02'],
    ['2026-06-30T23:00:00Z', '2026-07-01'],
    ['2026-01-15T23:30:00Z', '2026-01-15'], // GMT: London and UTC agree
    ['2026-01-16T00:00:00Z', '2026-01-16'],
    ['2025-12-31T23:59:59Z', '2025-12-31'],
    ['2026-03-29T00:59:59Z', '2026-03-29'], // the hour the clocks go forward
    ['2026-10-25T00:30:00Z', '2026-10-25'], // the hour the clocks go back
    ['2026-07-02T00:30:00+01:00', '2026-07-02'],
  ];
  for (const [instant, day] of cases) assert.equal(londonDate(new Date(instant)), day, instant);
});

test('londonDate ignores the zone the machine runs in', () => {
  const saved = process.env.TZ;
  try {
    process.env.TZ = 'Pacific/Kiritimati';
    assert.equal(londonDate(new Date('2026-07-01T12:30:00Z')), '2026-07-01');
    process.env.TZ = 'America/Los_Angeles';
    assert.equal(londonDate(new Date('2026-07-01T23:30:00Z')), '2026-07-02');
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test('londonDate throws on an invalid Date', () => {
  assert.throws(() => londonDate(new Date(Number.NaN)), RangeError);
});

test('C15 ages around the 18th birthday with the clock at 2026-03-10', () => {
  const today = londonDate(fixedClock('2026-03-10T12:00:00Z').now());
  assert.equal(ageOn('2008-03-10', today), 18);
  assert.equal(ageOn('2008-03-11', today), 17);
  assert.equal(ageOn('2008-03-09', today), 18);
  assert.ok(ageOn('2026-03-11', today) < 0, 'a future birth date gives a negative age');
});

test('C15 a 29 February birthday turns over on 1 March in a common year', () => {
  assert.equal(ageOn('2008-02-29', '2026-02-28'), 17);
  assert.equal(ageOn('2008-02-29', '2026-03-01'), 18);
  assert.equal(ageOn('2008-02-29', '2028-02-28'), 19);
  assert.equal(ageOn('2008-02-29', '2028-02-29'), 20);
});

test('C15 takes the age on the London date, not the UTC one', () => {
  // 23:30 UTC on 1 July is 00:30 on 2 July in London: the 18th birthday has arrived.
  const today = londonDate(fixedClock('2026-07-01T23:30:00Z').now());
  assert.equal(ageOn('2008-07-02', today), 18);
});

test('ageOn counts whole years across month and year ends', () => {
  const cases: Array<[string, string, number]> = [
    ['2000-01-01', '2000-01-01', 0],
    ['1999-12-31', '2000-01-01', 0],
    ['1999-12-31', '2000-12-30', 0],
    ['1999-12-31', '2000-12-31', 1],
    ['1987-05-15', '2026-05-14', 38],
    ['1987-05-15', '2026-05-15', 39],
  ];
  for (const [born, today, age] of cases) assert.equal(ageOn(born, today), age, `${born} ${today}`);
});

test('ageOn ignores outer whitespace, as checkIsoDate does', () => {
  assert.equal(ageOn(' 2008-03-10 ', '2026-03-10\n'), 18);
});

test('ageOn throws on dates that are not real', () => {
  assert.throws(() => ageOn('2023-02-29', '2026-01-01'), RangeError);
  assert.throws(() => ageOn('2008-01-01', '2026-1-1'), RangeError);
});
