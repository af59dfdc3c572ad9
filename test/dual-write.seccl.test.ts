import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, test } from 'node:test';
import { minimalAdult } from './support/bodies.js';
import {
  createRoute,
  MovableClock,
  referencesTo,
  requestIdFor,
  scratchDatabase,
  secclCalls,
  secclClientsWith,
  intentView,
} from './support/dual-write.js';
import { startHarness, type Harness } from './support/harness.js';

const TIMEOUT_MS = 300;

describe('the create when Seccl misbehaves', () => {
  let h: Harness;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  const clock = new MovableClock();
  let createPath: { method: string; path: string };

  before(async () => {
    scratch = await scratchDatabase();
    h = await startHarness({
      clock,
      databaseUrl: scratch.url,
      seccl: { timeoutMs: TIMEOUT_MS },
      app: { reconciler: { baseBackoffMs: 0 } },
    });
    createPath = { method: 'POST', path: '/client' };
  });
  afterEach(() => h.sandbox.faults.clear());
  after(async () => {
    await h.close();
    await scratch.drop();
  });

  const create = (body: Record<string, unknown>, requestId: string) =>
    h.call('POST', createRoute, { body, headers: { 'x-request-id': requestId } });

  test('finds the client by lookup when the create answer is lost, and never creates again', async () => {
    const body = minimalAdult();
    const id = requestIdFor('lost');
    h.sandbox.faults.add({ dropAfterStore: true, times: 1, match: createPath });

    const res = await create(body, id);

    assert.equal(res.status, 200, res.text);
    const held = secclClientsWith(h, body.email as string);
    assert.equal(held.length, 1);
    assert.equal(res.body.id, held[0]!.id);
    assert.equal((await referencesTo(h, res.body.id)).length, 1);
    const calls = secclCalls(h, id).filter((c) => !c.startsWith('POST /authenticate'));
    assert.deepEqual(calls, [
      'POST /client -',
      'GET /client/{firmId} 200',
      'GET /client/{firmId}/{clientId} 200',
    ]);
  });

  test('creates once more, with the same key, when the lookup shows Seccl does not hold the client', async () => {
    const body = minimalAdult();
    const id = requestIdFor('not-stored');
    h.sandbox.faults.add({ dropBeforeStore: true, times: 1, match: createPath });

    const res = await create(body, id);

    assert.equal(res.status, 200, res.text);
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
    const calls = secclCalls(h, id).filter((c) => !c.startsWith('POST /authenticate'));
    assert.deepEqual(calls.slice(0, 3), [
      'POST /client -',
      'GET /client/{firmId} 200',
      'POST /client 201',
    ]);
  });

  test('treats a Seccl 5xx on the create as an unknown outcome: looks up, then creates once', async () => {
    const body = minimalAdult();
    const id = requestIdFor('5xx');
    h.sandbox.faults.add({ status: 500, times: 1, match: createPath });

    const res = await create(body, id);

    assert.equal(res.status, 200, res.text);
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
    assert.ok(secclCalls(h, id).includes('POST /client 500'));
  });

  test('answers 202 without an id when Seccl keeps failing, and the reconciler finishes later', async () => {
    const body = minimalAdult();
    h.sandbox.faults.add({ status: 503, match: createPath });

    const res = await create(body, requestIdFor('outage'));

    assert.equal(res.status, 202, res.text);
    assert.equal(res.body.sync, 'pending');
    assert.equal(res.body.id, null);
    assert.equal(secclClientsWith(h, body.email as string).length, 0);
    assert.equal((await intentView(h, res.body.intent)).sync, 'pending');

    h.sandbox.faults.clear();
    clock.advance(2000);
    await h.app.reconciler.drain();

    const view = await intentView(h, res.body.intent);
    assert.equal(view.sync, 'synced', JSON.stringify(view));
    const held = secclClientsWith(h, body.email as string);
    assert.equal(held.length, 1);
    assert.equal(view.seccl_client_id, held[0]!.id);
    assert.equal(view.result.id, held[0]!.id);
  });

  test('survives a create that times out and lands late: one client, found or replayed by key', async () => {
    const body = minimalAdult();
    const id = requestIdFor('timeout');
    h.sandbox.faults.add({ delayMs: TIMEOUT_MS * 3, times: 1, match: createPath });

    const res = await create(body, id);
    // Let the delayed first create reach the sandbox's handler before counting.
    await sleep(TIMEOUT_MS * 3 + 200);

    assert.equal(res.status, 200, res.text);
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
    assert.ok(secclCalls(h, id).includes('POST /client -'), 'the first create timed out');
  });

  test('renews an expired Seccl token and sends the create again, which Seccl had refused', async () => {
    const body = minimalAdult();
    const id = requestIdFor('token');
    h.sandbox.faults.add({ expireTokens: true, match: createPath });

    const res = await create(body, id);

    assert.equal(res.status, 200, res.text);
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
    const calls = secclCalls(h, id);
    const fromCreate = calls.slice(calls.indexOf('POST /client 401'));
    assert.deepEqual(fromCreate.slice(0, 3), [
      'POST /client 401',
      'POST /authenticate 200',
      'POST /client 201',
    ]);
  });

  test('retries a read-back that Seccl answers 503 with Retry-After, through the route', async () => {
    const body = minimalAdult();
    const id = requestIdFor('read-503');
    h.sandbox.faults.add({
      status: 503,
      retryAfterSeconds: 1,
      times: 1,
      match: { method: 'GET', path: `/client/${h.firm.secclFirmId}/` },
    });

    const res = await create(body, id);

    assert.equal(res.status, 200, res.text);
    const reads = secclCalls(h, id).filter((c) => c.startsWith('GET /client/{firmId}/{clientId}'));
    assert.deepEqual(reads, [
      'GET /client/{firmId}/{clientId} 503',
      'GET /client/{firmId}/{clientId} 200',
    ]);
  });

  test('retries a read-back whose connection drops, through the route', async () => {
    const id = requestIdFor('read-reset');
    h.sandbox.faults.add({
      dropBeforeStore: true,
      times: 1,
      match: { method: 'GET', path: `/client/${h.firm.secclFirmId}/` },
    });

    const res = await create(minimalAdult(), id);

    assert.equal(res.status, 200, res.text);
    const reads = secclCalls(h, id).filter((c) => c.startsWith('GET /client/{firmId}/{clientId}'));
    assert.deepEqual(reads, [
      'GET /client/{firmId}/{clientId} -',
      'GET /client/{firmId}/{clientId} 200',
    ]);
  });

  test('retries a lookup that Seccl throttles with 429 and still finds the client', async () => {
    const body = minimalAdult();
    const id = requestIdFor('search-429');
    h.sandbox.faults.add({ dropAfterStore: true, times: 1, match: createPath });
    h.sandbox.faults.add({
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
      match: { method: 'GET', path: `/client/${h.firm.secclFirmId}` },
    });

    const res = await create(body, id);

    assert.equal(res.status, 200, res.text);
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
    const searches = secclCalls(h, id).filter((c) => c.startsWith('GET /client/{firmId} '));
    assert.deepEqual(searches, ['GET /client/{firmId} 429', 'GET /client/{firmId} 200']);
  });

  test('writes no name or email to the log on any of these failure paths', () => {
    assert.ok(h.logs.length > 0);
    const leaks = h.logs.filter((line) => /tomasz|nowak/i.test(line));
    assert.deepEqual(leaks, []);
  });
});
