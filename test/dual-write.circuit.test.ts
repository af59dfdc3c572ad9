import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { minimalAdult } from './support/bodies.js';
import {
  createRoute,
  requestIdFor,
  scratchDatabase,
  secclCalls,
  secclClientsWith,
} from './support/dual-write.js';
import { startHarness, type Harness } from './support/harness.js';

describe('the circuit to Seccl, per subscription', () => {
  let h: Harness;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;

  before(async () => {
    scratch = await scratchDatabase();
    h = await startHarness({
      databaseUrl: scratch.url,
      seccl: { timeoutMs: 500, circuit: { failureThreshold: 3, openMs: 60_000 } },
    });
  });
  after(async () => {
    await h.sandbox.faults.refuseConnections(false);
    await h.close();
    await scratch.drop();
  });

  test('answers 503 with Retry-After at once, without calling Seccl, once the circuit is open', async () => {
    const other = await h.addFirm();
    const body = minimalAdult();
    await h.sandbox.faults.refuseConnections(true);

    const first = await h.call('POST', createRoute, { body });
    const id = requestIdFor('circuit');
    const second = await h.call('POST', createRoute, {
      body,
      headers: { 'x-request-id': id, 'idempotency-key': 'circuit-key' },
    });

    assert.equal(first.status, 503, first.text);
    assert.equal(second.status, 503, second.text);
    assert.match(second.body.message, /paused/);
    const wait = Number(second.headers.get('retry-after'));
    assert.ok(wait > 1 && wait <= 60, `Retry-After ${wait}`);
    assert.ok(
      secclCalls(h, id).every((c) => c.endsWith(' refused')),
      secclCalls(h, id).join(),
    );

    await h.sandbox.faults.refuseConnections(false);
    const stillOpen = await h.call('POST', createRoute, { body });
    const otherFirm = await h.call('POST', createRoute, {
      body: minimalAdult(),
      token: other.token,
    });
    const retried = await h.call('POST', createRoute, {
      body,
      headers: { 'idempotency-key': 'circuit-key' },
    });

    assert.equal(stillOpen.status, 503, 'this subscription waits out its circuit');
    assert.equal(otherFirm.status, 200, "another firm's subscription has a circuit of its own");
    assert.equal(retried.status, 503, 'a refused call freed its key: the retry is processed again');
    assert.equal(secclClientsWith(h, body.email as string).length, 0);
  });
});
