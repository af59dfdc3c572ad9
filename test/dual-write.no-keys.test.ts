import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, test } from 'node:test';
import { minimalAdult, minorBody } from './support/bodies.js';
import {
  createRoute,
  intentView,
  MovableClock,
  referencesTo,
  scratchDatabase,
  secclClientsWith,
} from './support/dual-write.js';
import { startHarness, type Harness } from './support/harness.js';

const TIMEOUT_MS = 300;
const letters = () =>
  Array.from(randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join('');
const LEASE_MS = 20_000;
const LATE_MS = TIMEOUT_MS * 3;

describe('the create against a Seccl that ignores Idempotency-Key', () => {
  let h: Harness;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  const clock = new MovableClock();
  const createPath = { method: 'POST', path: '/client' };

  before(async () => {
    scratch = await scratchDatabase();
    h = await startHarness({
      clock,
      databaseUrl: scratch.url,
      sandbox: { idempotencyKeys: false },
      seccl: { timeoutMs: TIMEOUT_MS },
      app: { requestLeaseMs: LEASE_MS, reconciler: { leaseMs: LEASE_MS, baseBackoffMs: 0 } },
    });
  });
  afterEach(() => h.sandbox.faults.clear());
  after(async () => {
    await h.close();
    await scratch.drop();
  });

  const minorsNamed = (surname: string) =>
    h.sandbox.clients(h.firm.secclFirmId).filter((c) => c.surname === surname);

  test('finds a lost create by lookup alone', async () => {
    const body = minimalAdult();
    h.sandbox.faults.add({ dropAfterStore: true, times: 1, match: createPath });

    const res = await h.call('POST', createRoute, { body });

    assert.equal(res.status, 200, res.text);
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
  });

  test('retries an adult at once after a timeout: a late landing is refused for its email', async () => {
    const body = minimalAdult();
    h.sandbox.faults.add({ delayMs: LATE_MS, times: 1, match: createPath });

    const res = await h.call('POST', createRoute, { body });
    await sleep(LATE_MS + 200);

    assert.equal(res.status, 200, res.text);
    const held = secclClientsWith(h, body.email as string);
    assert.equal(held.length, 1);
    assert.equal(held[0]!.id, res.body.id);
  });

  test('waits a lease before retrying a minor after a timeout, so a late landing is found', async () => {
    const parent = await h.call('POST', createRoute, { body: minimalAdult() });
    const body = minorBody(parent.body.id, { surname: `Late-${letters()}` });
    h.sandbox.faults.add({ delayMs: LATE_MS, times: 1, match: createPath });

    const res = await h.call('POST', createRoute, { body });
    await sleep(LATE_MS + 200);

    assert.equal(res.status, 202, res.text);
    assert.equal(minorsNamed(body.surname as string).length, 1, 'only the late create landed');
    clock.advance(LEASE_MS / 2);
    await h.app.reconciler.drain();
    assert.equal((await intentView(h, res.body.intent)).sync, 'pending', 'still settling');

    clock.advance(LEASE_MS);
    await h.app.reconciler.drain();

    const view = await intentView(h, res.body.intent);
    assert.equal(view.sync, 'synced');
    const held = minorsNamed(body.surname as string);
    assert.equal(held.length, 1);
    assert.equal(view.seccl_client_id, held[0]!.id);
    assert.equal((await referencesTo(h, held[0]!.id)).length, 1);
  });
});
