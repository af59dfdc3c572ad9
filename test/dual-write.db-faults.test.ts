import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { accounts } from '../src/db/schema.js';
import { minimalAdult } from './support/bodies.js';
import {
  auditRowsOf,
  createRoute,
  intentsOf,
  intentView,
  MovableClock,
  referencesTo,
  requestIdFor,
  ScriptedFaults,
  scratchDatabase,
  secclCalls,
  secclClientsWith,
} from './support/dual-write.js';
import { startHarness, type Harness } from './support/harness.js';

const LEASE_MS = 30_000;

describe('the create when the product database fails at a chosen step', () => {
  let h: Harness;
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  const clock = new MovableClock();
  const faults = new ScriptedFaults();

  before(async () => {
    scratch = await scratchDatabase();
    h = await startHarness({
      clock,
      databaseUrl: scratch.url,
      app: { faults, requestLeaseMs: LEASE_MS, reconciler: { baseBackoffMs: 0 } },
    });
  });
  afterEach(() => faults.clear());
  after(async () => {
    await h.close();
    await scratch.drop();
  });

  const create = (body: Record<string, unknown>, id: string, key?: string) =>
    h.call('POST', createRoute, {
      body,
      headers: { 'x-request-id': id, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    });

  const clientAccounts = async () =>
    (await h.database.db.select().from(accounts).where(eq(accounts.firmId, h.firm.id))).filter(
      (a) => a.type === 'client',
    ).length;

  test('answers 503 with Retry-After and calls no Seccl when the intent cannot be recorded', async () => {
    const body = minimalAdult();
    const id = requestIdFor('no-intent');
    const before = (await intentsOf(h)).length;
    faults.fail('before-intent');

    const res = await create(body, id, 'key-no-intent');

    assert.equal(res.status, 503, res.text);
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
    assert.match(res.body.message, /nothing was sent to Seccl/);
    assert.deepEqual(secclCalls(h, id), []);
    assert.equal(secclClientsWith(h, body.email as string).length, 0);
    assert.equal((await intentsOf(h)).length, before, 'no intent was kept');

    const retried = await create(body, requestIdFor('no-intent-retry'), 'key-no-intent');
    assert.equal(retried.status, 200, 'the key was never taken, so the retry is processed');
  });

  test('answers 202 with the Seccl id when the database fails after Seccl created the client', async () => {
    const body = minimalAdult();
    faults.fail('after-seccl-create');

    const res = await create(body, requestIdFor('after-create'));

    assert.equal(res.status, 202, res.text);
    assert.equal(res.body.sync, 'pending');
    const held = secclClientsWith(h, body.email as string);
    assert.equal(held.length, 1);
    assert.equal(res.body.id, held[0]!.id);
    const pending = await intentView(h, res.body.intent);
    assert.equal(pending.sync, 'pending');
    assert.equal(pending.seccl_client_id, held[0]!.id, 'the hand-over stored the id');
    assert.equal(pending.result, null);

    clock.advance(2000);
    await h.app.reconciler.drain();

    const view = await intentView(h, res.body.intent);
    assert.equal(view.sync, 'synced');
    assert.equal(view.result.id, held[0]!.id);
    assert.equal(view.plannr_account_uuid, view.result.plannr_account.uuid);
    assert.equal((await referencesTo(h, held[0]!.id)).length, 1);
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
  });

  test('finds the client by lookup when even the hand-over could not be written', async () => {
    const body = minimalAdult();
    const id = requestIdFor('db-down');
    faults.fail('after-seccl-create').fail('before-release');

    const res = await create(body, id);

    assert.equal(res.status, 202, res.text);
    const [intent] = (await intentsOf(h)).filter((i) => i.id === res.body.intent);
    assert.equal(intent?.status, 'submitting', 'the database kept nothing of the create');
    assert.equal(intent?.secclClientId, null);

    clock.advance(2000);
    await h.app.reconciler.drain();
    assert.equal(
      (await intentView(h, res.body.intent)).sync,
      'pending',
      'the request still owns it',
    );

    clock.advance(LEASE_MS);
    await h.app.reconciler.drain();

    const view = await intentView(h, res.body.intent);
    assert.equal(view.sync, 'synced');
    assert.equal(view.seccl_client_id, res.body.id);
    assert.equal(secclClientsWith(h, body.email as string).length, 1);
    const creates = secclCalls(h, id).filter((c) => c.startsWith('POST /client '));
    assert.deepEqual(creates, ['POST /client 201'], 'the reconciler looked up, never created');
  });

  test('rolls the whole sync back when it fails inside its transaction', async () => {
    const body = minimalAdult();
    const accountsBefore = await clientAccounts();
    const auditBefore = (await auditRowsOf(h, 'client.created')).length;
    faults.fail('before-sync-commit');

    const res = await create(body, requestIdFor('in-sync'));

    assert.equal(res.status, 202, res.text);
    assert.deepEqual(await referencesTo(h, res.body.id), []);
    assert.equal(await clientAccounts(), accountsBefore, 'no account is left behind');
    assert.equal((await auditRowsOf(h, 'client.created')).length, auditBefore);
    assert.equal((await intentView(h, res.body.intent)).status, 'created');

    clock.advance(2000);
    await h.app.reconciler.drain();

    assert.equal((await intentView(h, res.body.intent)).sync, 'synced');
    assert.equal((await referencesTo(h, res.body.id)).length, 1);
    assert.equal(await clientAccounts(), accountsBefore + 1);
    assert.equal((await auditRowsOf(h, 'client.created')).length, auditBefore + 1);
  });

  test('writes no name or email to the log on any of these failure paths', () => {
    assert.ok(h.logs.length > 0);
    const leaks = h.logs.filter((line) => /tomasz|nowak/i.test(line));
    assert.deepEqual(leaks, []);
  });
});
