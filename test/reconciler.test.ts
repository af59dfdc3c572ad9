import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildApp, type App } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { onboardingIntents } from '../src/db/schema.js';
import { createLogger } from '../src/logger.js';
import { Reconciler, type ReconcilerOptions } from '../src/onboarding/reconciler.js';
import { noFaults } from '../src/onboarding/fault-points.js';
import { driveIntent } from '../src/onboarding/drive-intent.js';
import { connectionOf } from '../src/addons/subscription-config.js';
import { SecclClient } from '../src/seccl/client.js';
import { minimalAdult } from './support/bodies.js';
import {
  auditRowsOf,
  createRoute,
  intentsOf,
  intentView,
  MovableClock,
  referencesTo,
  ScriptedFaults,
  scratchDatabase,
  secclClientsWith,
} from './support/dual-write.js';
import { startHarness, type Harness } from './support/harness.js';

const quiet = createLogger('silent');

describe('the reconciler', () => {
  let h: Harness;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  const clock = new MovableClock();
  const faults = new ScriptedFaults();

  before(async () => {
    scratch = await scratchDatabase();
    h = await startHarness({
      clock,
      databaseUrl: scratch.url,
      seccl: { readRetries: 0 },
      app: { faults, reconciler: { baseBackoffMs: 0 } },
    });
  });
  after(async () => {
    await h.close();
    await scratch.drop();
  });

  /** Creates that answer 202 with the Seccl id: the sync failed inside its transaction. */
  async function pendingCreates(count: number, headers: Record<string, string> = {}) {
    faults.fail('before-sync-commit', count);
    const uuids: string[] = [];
    for (let i = 0; i < count; i++) {
      const res = await h.call('POST', createRoute, { body: minimalAdult(), headers });
      assert.equal(res.status, 202, res.text);
      uuids.push(res.body.intent);
    }
    return uuids;
  }

  const reconciler = (options: ReconcilerOptions, app: App = h.app) =>
    new Reconciler(
      {
        db: h.database.db,
        intents: app.intents,
        subscriptions: app.subscriptions,
        seccl: new SecclClient({ readRetries: 0, timeoutMs: 2000 }),
        clock,
        logger: quiet,
        faults: noFaults,
      },
      options,
    );

  test('shares the work between two instances on one database without doing any twice', async () => {
    const uuids = await pendingCreates(8);
    clock.advance(2000);
    let second: Database | undefined;
    const secondDb = scratch.url
      ? (second = await openDatabase({ url: scratch.url, poolSize: 4 })).db
      : h.database.db;
    const other = await buildApp({
      db: secondDb,
      box: h.box,
      seccl: new SecclClient({ timeoutMs: 2000 }),
      clock,
      logger: quiet,
      reconciler: { batchSize: 3 },
    });
    const mine = reconciler({ batchSize: 3 });

    const claims = { mine: 0, other: 0 };
    for (let round = 0; round < 10; round++) {
      const [a, b] = await Promise.all([mine.runOnce(), other.reconciler.runOnce()]);
      claims.mine += a;
      claims.other += b;
      if (a + b === 0) break;
    }
    await other.server.close();
    await second?.close();

    assert.equal(claims.mine + claims.other, 8, JSON.stringify(claims));
    assert.ok(claims.mine > 0 && claims.other > 0, JSON.stringify(claims));
    const intents = (await intentsOf(h)).filter((i) => uuids.includes(i.id));
    assert.deepEqual(
      intents.map((i) => [i.status, i.attempts]),
      uuids.map(() => ['synced', 1]),
    );
    for (const intent of intents) {
      assert.equal((await referencesTo(h, intent.secclClientId!)).length, 1);
    }
  });

  test("takes back a crashed instance's lease once it runs out, and not before", async () => {
    const [uuid] = await pendingCreates(1);
    clock.advance(2000);
    const crashed = await h.app.intents.claimDue(clock.now(), 60_000, 100);
    assert.ok(
      crashed.some((i) => i.id === uuid),
      'the crashed instance held it',
    );

    const early = await reconciler({ leaseMs: 60_000 }).runOnce();
    clock.advance(61_000);
    await reconciler({ leaseMs: 60_000 }).drain();

    assert.equal(early, 0);
    const view = await intentView(h, uuid!);
    assert.equal(view.sync, 'synced');
    assert.equal(view.attempts, 2);
  });

  test('waits a jittered, growing backoff between tries', async () => {
    const readBack = { method: 'GET', path: `/client/${h.firm.secclFirmId}/` };
    const [uuid] = await pendingCreates(1);
    h.sandbox.faults.add({ status: 500, match: readBack });
    clock.advance(2000);
    const slow = reconciler({ baseBackoffMs: 10_000, random: () => 0.5 });

    const dueAfter = async () => {
      const [row] = await h.database.db
        .select({ next: onboardingIntents.nextAttemptAt })
        .from(onboardingIntents)
        .where(eq(onboardingIntents.id, uuid!));
      return row!.next!.getTime() - clock.now().getTime();
    };
    assert.equal(await slow.runOnce(), 1);
    const first = await dueAfter();
    const tooSoon = await slow.runOnce();
    clock.advance(first + 1);
    assert.equal(await slow.runOnce(), 1);
    const second = await dueAfter();
    h.sandbox.faults.clear();

    // Full jitter over [ceiling/2, ceiling]: 0.5 lands on three quarters of 10 s, then of 20 s.
    assert.ok(first > 7000 && first <= 7500, `first backoff ${first}`);
    assert.equal(tooSoon, 0);
    assert.ok(second > 14_500 && second <= 15_000, `second backoff ${second}`);
  });

  test('marks an intent failed with its reason and an audit row after the bounded tries', async () => {
    const readBack = { method: 'GET', path: `/client/${h.firm.secclFirmId}/` };
    const body = minimalAdult();
    faults.fail('before-sync-commit');
    const first = await h.call('POST', createRoute, {
      body,
      headers: { 'idempotency-key': 'bounded' },
    });
    const uuid = first.body.intent as string;
    h.sandbox.faults.add({ status: 500, match: readBack });
    clock.advance(2000);

    await reconciler({ maxAttempts: 2, baseBackoffMs: 0 }).drain();
    h.sandbox.faults.clear();

    const view = await intentView(h, uuid);
    assert.equal(view.sync, 'failed');
    assert.match(view.last_error, /gave up after 2 attempts; last: sync: /);
    const audit = (await auditRowsOf(h, 'client.sync_failed')).filter(
      (row) => row.detail?.intent === uuid,
    );
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.secclClientId, view.seccl_client_id);
    const replay = await h.call('POST', createRoute, {
      body,
      headers: { 'idempotency-key': 'bounded' },
    });
    assert.equal(replay.status, 502, 'a replay tells how it ended');
    assert.equal(replay.body.sync, 'failed');
    assert.equal(replay.body.intent, uuid);
  });

  test('fails an intent for good when Seccl refuses it, and leaves the client another owns', async () => {
    const body = minimalAdult();
    h.sandbox.faults.add({
      dropBeforeStore: true,
      times: 2,
      match: { method: 'POST', path: '/client' },
    });
    const lost = await h.call('POST', createRoute, { body });
    assert.equal(lost.status, 202, lost.text);
    assert.equal(lost.body.id, null);
    const owner = await h.call('POST', createRoute, { body });
    assert.equal(owner.status, 200, 'a second request created the same person meanwhile');
    clock.advance(2000);

    await reconciler({}).drain();

    const view = await intentView(h, lost.body.intent);
    assert.equal(view.sync, 'failed');
    assert.ok(view.result.errors.email, JSON.stringify(view.result));
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
    const audit = (await auditRowsOf(h, 'client.sync_failed')).filter(
      (row) => row.detail?.intent === lost.body.intent,
    );
    assert.equal(audit.length, 1);
  });

  test('stops before creating when its lease was taken over, so two drivers never both create', async () => {
    const body = minimalAdult();
    const createPath = { method: 'POST', path: '/client' };
    h.sandbox.faults.add({ dropBeforeStore: true, times: 2, match: createPath });
    const lost = await h.call('POST', createRoute, { body });
    assert.equal(lost.body.id, null, lost.text);
    clock.advance(2000);
    const [stale] = (await h.app.intents.claimDue(clock.now(), 1000, 100)).filter(
      (i) => i.id === lost.body.intent,
    );
    clock.advance(1001);
    const [taken] = (await h.app.intents.claimDue(clock.now(), 60_000, 100)).filter(
      (i) => i.id === lost.body.intent,
    );
    const subscription = (await h.app.subscriptions.byId(stale!.subscriptionId))!;
    const conn = connectionOf(subscription.id, subscription.config);
    const deps = {
      db: h.database.db,
      intents: h.app.intents,
      seccl: new SecclClient({ timeoutMs: 2000 }),
      clock,
      logger: quiet,
      faults: noFaults,
    };

    const late = await driveIntent(deps, stale!, conn, {
      requestId: 'stale',
      mode: 'reconciler',
      leaseMs: 1000,
    });

    assert.equal(late.status, 202);
    assert.equal(
      secclClientsWith(h, body.email as string).length,
      0,
      'the stale driver sent nothing',
    );
    const held = await h.app.intents.byId(lost.body.intent);
    assert.equal(
      held?.leaseUntil?.getTime(),
      taken!.leaseUntil!.getTime(),
      'its release was ignored',
    );

    const owner = await driveIntent(deps, taken!, conn, {
      requestId: 'owner',
      mode: 'reconciler',
      leaseMs: 60_000,
    });
    assert.equal(owner.status, 200);
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
  });

  test('does not count a try the circuit refused, and waits for the circuit before the next', async () => {
    const [uuid] = await pendingCreates(1);
    const seccl = new SecclClient({
      readRetries: 0,
      circuit: { failureThreshold: 1, openMs: 60_000 },
    });
    const paused = new Reconciler(
      {
        db: h.database.db,
        intents: h.app.intents,
        subscriptions: h.app.subscriptions,
        seccl,
        clock,
        logger: quiet,
        faults: noFaults,
      },
      { baseBackoffMs: 1000 },
    );
    await h.sandbox.faults.refuseConnections(true);
    const row = async () =>
      (
        await h.database.db.select().from(onboardingIntents).where(eq(onboardingIntents.id, uuid!))
      )[0]!;

    clock.advance(2000);
    await paused.runOnce();
    const afterFailure = (await row()).attempts;
    clock.advance(2000);
    const claimed = await paused.runOnce();
    const afterRefusals = await row();
    await h.sandbox.faults.refuseConnections(false);

    assert.equal(afterFailure, 1, 'the call that failed counts');
    assert.equal(claimed, 1, 'the second pass took the intent');
    assert.equal(afterRefusals.attempts, 1, 'the calls the circuit refused do not');
    const wait = afterRefusals.nextAttemptAt!.getTime() - clock.now().getTime();
    assert.ok(wait > 50_000 && wait <= 60_000, `waits for the circuit: ${wait} ms`);
    clock.advance(wait + 1);
    await reconciler({}).drain();
    assert.equal((await intentView(h, uuid!)).sync, 'synced');
  });
});
