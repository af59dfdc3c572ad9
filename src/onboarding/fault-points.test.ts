import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InjectedFault, noFaults, randomFaults, type FaultPoints } from './fault-points.js';

async function failures(points: FaultPoints, step: 'before-intent' | 'before-release', n: number) {
  let failed = 0;
  for (let i = 0; i < n; i++) {
    await points.hit(step).catch((error: unknown) => {
      assert.ok(error instanceof InjectedFault);
      assert.equal(error.step, step);
      failed += 1;
    });
  }
  return failed;
}

describe('fault points', () => {
  it('never fail in production', async () => {
    assert.equal(await failures(noFaults, 'before-intent', 100), 0);
  });

  it('fail about the share asked for, the same way for the same seed', async () => {
    const a = await failures(randomFaults(0.2, 42), 'before-intent', 2000);
    const b = await failures(randomFaults(0.2, 42), 'before-intent', 2000);

    assert.equal(a, b);
    assert.ok(a > 300 && a < 500, `${a} of 2000`);
  });

  it('fail only the steps named', async () => {
    const points = randomFaults(1, 7, ['before-intent']);

    assert.equal(await failures(points, 'before-release', 10), 0);
    assert.equal(await failures(points, 'before-intent', 10), 10);
  });
});
