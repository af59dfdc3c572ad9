import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SubscriptionRepository } from '../src/addons/subscription.repository.js';
import { minimalAdult } from './support/bodies.js';
import {
  createRoute,
  intentsOf,
  MovableClock,
  referencesTo,
  requestIdFor,
  ScriptedFaults,
  scratchDatabase,
  secclCalls,
  secclClientsWith,
} from './support/dual-write.js';
import { startHarness, type Harness } from './support/harness.js';

const HOUR_MS = 60 * 60 * 1000;

describe('Idempotency-Key on the create', () => {
  let h: Harness;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  const clock = new MovableClock();
  const faults = new ScriptedFaults();

  before(async () => {
    scratch = await scratchDatabase();
    h = await startHarness({
      clock,
      databaseUrl: scratch.url,
      app: { faults, reconciler: { baseBackoffMs: 0 } },
    });
  });
  after(async () => {
    await h.close();
    await scratch.drop();
  });

  const send = (body: unknown, key: string, options: { token?: string; id?: string } = {}) =>
    h.call('POST', createRoute, {
      body,
      token: options.token,
      headers: { 'idempotency-key': key, 'x-request-id': options.id ?? requestIdFor('idem') },
    });

  test('replays the stored answer, same status and body, without calling Seccl', async () => {
    const body = minimalAdult();
    const first = await send(body, 'replay-1');
    const id = requestIdFor('replayed');

    const again = await send(body, 'replay-1', { id });

    assert.equal(first.status, 200, first.text);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(secclCalls(h, id), []);
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
  });

  test('answers 422 keyed idempotency_key when the key comes back with another body', async () => {
    await send(minimalAdult(), 'reused-1');

    const res = await send(minimalAdult(), 'reused-1');

    assert.equal(res.status, 422, res.text);
    assert.deepEqual(Object.keys(res.body.errors), ['idempotency_key']);
  });

  test('answers 422 when the key comes back with the same body for another addon', async () => {
    const password = 'octopus-password';
    h.sandbox.addFirm({ firmId: 'OCTOP', users: [{ id: 'api-user', password }] });
    await new SubscriptionRepository(h.database.db, h.box).upsert({
      firmId: h.firm.id,
      addon: 'octopus_money',
      enabled: true,
      config: {
        firmId: 'OCTOP',
        baseUrl: h.sandbox.url,
        auth: { mode: 'legacy', id: 'api-user', password },
      },
    });
    const body = minimalAdult();
    await send(body, 'addon-1');

    const res = await h.call('POST', '/api/v1/addons/seccl/octopus_money/client', {
      body,
      headers: { 'idempotency-key': 'addon-1' },
    });

    assert.equal(res.status, 422, res.text);
    assert.ok(res.body.errors.idempotency_key);
  });

  test('answers 409 while the first request with the key is still in flight', async () => {
    const body = minimalAdult();
    const gate = faults.hold('after-seccl-create');
    const first = send(body, 'in-flight-1');
    await gate.reached;

    const twin = await send(body, 'in-flight-1');
    gate.release();
    const done = await first;
    const later = await send(body, 'in-flight-1');

    assert.equal(twin.status, 409, twin.text);
    assert.match(twin.body.message, /in progress/);
    assert.equal(done.status, 200, done.text);
    assert.equal(later.status, 200);
    assert.deepEqual(later.body, done.body);
  });

  test('replays the 202 while the sync is pending, then the 200 once the reconciler synced', async () => {
    const body = minimalAdult();
    faults.fail('before-sync-commit');
    const first = await send(body, 'pending-1');

    const whilePending = await send(body, 'pending-1');
    clock.advance(2000);
    await h.app.reconciler.drain();
    const afterSync = await send(body, 'pending-1');

    assert.equal(first.status, 202, first.text);
    assert.equal(whilePending.status, 202);
    assert.deepEqual(whilePending.body, first.body);
    assert.equal(afterSync.status, 200, afterSync.text);
    assert.equal(afterSync.body.id, first.body.id);
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
  });

  test('scopes keys to the firm: another firm may use the same key for its own client', async () => {
    const other = await h.addFirm();
    await send(minimalAdult(), 'shared-key');

    const res = await send(minimalAdult(), 'shared-key', { token: other.token });

    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('idempotent-replayed'), null);
  });

  test('makes exactly one Seccl client and one account out of 50 concurrent twins', async () => {
    const body = minimalAdult();

    const answers = await Promise.all(Array.from({ length: 50 }, () => send(body, 'fifty-twins')));

    const statuses = new Set(answers.map((a) => a.status));
    assert.ok(
      [...statuses].every((s) => s === 200 || s === 409),
      [...statuses].join(),
    );
    const fresh = answers.filter((a) => a.status === 200 && !a.headers.get('idempotent-replayed'));
    assert.equal(fresh.length, 1, 'one request did the work');
    for (const a of answers.filter((x) => x.status === 200))
      assert.deepEqual(a.body, fresh[0]!.body);
    const held = secclClientsWith(h, body.email as string);
    assert.equal(held.length, 1);
    assert.equal((await referencesTo(h, held[0]!.id)).length, 1);
    const keyed = (await intentsOf(h)).filter((i) => i.idempotencyKey === 'fifty-twins');
    assert.equal(keyed.length, 1);
    assert.equal((await send(body, 'fifty-twins')).status, 200, 'later twins get the replay');
  });

  test('keeps keys for 24 hours, then the reconciler loop purges them', async () => {
    await send(minimalAdult(), 'purge-1');

    clock.advance(23 * HOUR_MS);
    await h.app.reconciler.runOnce();
    const within = await send(minimalAdult(), 'purge-1');
    clock.advance(2 * HOUR_MS);
    await h.app.reconciler.runOnce();
    const afterPurge = await send(minimalAdult(), 'purge-1');

    assert.equal(within.status, 422, 'still known after 23 hours');
    assert.equal(afterPurge.status, 200, afterPurge.text);
  });
});
