/**
 * Thousands of generated bodies would take too long here: a fixed seed and a bounded count keep
 * this repeatable and quick; `npm run fuzz` runs the same property longer with a random seed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { describeFailure, fuzzRoute } from './support/fuzz.js';
import { startHarness, type Harness } from './support/harness.js';

const SEED = 20260310;
const RUNS = 300;

describe('generated bodies at POST /api/v1/addons/seccl/{addon}/client', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('every body gets 200 or a documented 4xx as JSON with a message, never a 5xx', async () => {
    const report = await fuzzRoute(h, { seed: SEED, numRuns: RUNS });

    assert.equal(report.failed, false, describeFailure(report));
    assert.equal(report.runs, RUNS);
    // The generator must reach both sides of the rules, or the property proves little.
    for (const status of [200, 400, 413, 422]) {
      assert.ok(
        (report.statuses[status] ?? 0) > 0,
        `no ${status} in ${JSON.stringify(report.statuses)}`,
      );
    }
  });
});
