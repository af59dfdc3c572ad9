/**
 * The audit trail: creates, links, token and subscription changes each leave a row, readable by
 * the firm's admins at `GET /api/v1/audit-events`, newest first, a page at a time, and never by
 * another firm.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { minimalAdult } from './support/bodies.js';
import { startHarness, type Firm, type Harness } from './support/harness.js';
import { addLogin, tokenFor } from './support/logins.js';

const EVENTS = '/api/v1/audit-events';
const route = '/api/v1/addons/seccl/seccl/client';

interface Event {
  uuid: string;
  action: string;
  actor: { user_uuid: string | null; account_uuid: string | null };
  account_uuid: string | null;
  seccl_client_id: string | null;
  detail: Record<string, unknown> | null;
  created_at: string;
}

describe('GET /api/v1/audit-events', () => {
  let h: Harness;
  let a: Firm;
  let b: Firm;
  let client: { id: string; account: string; email: string };
  let tokenId: string;

  before(async () => {
    h = await startHarness();
    a = h.firm;
    b = await h.addFirm();

    const body = minimalAdult();
    const created = await h.call('POST', route, { body });
    assert.equal(created.status, 200, created.text);
    client = {
      id: created.body.id,
      account: created.body.plannr_account.uuid,
      email: body.email as string,
    };
    const account = await h.call('POST', '/api/v1/account', {
      body: { first_name: 'Lin', surname: 'Wu' },
    });
    const linked = await h.call('POST', route, {
      body: minimalAdult({ account_uuid: account.body.data.uuid }),
    });
    assert.equal(linked.status, 200, linked.text);
    const made = await h.call('POST', '/api/v1/me/tokens', {
      body: { name: 'n', abilities: ['accounts:read'] },
    });
    tokenId = made.body.data.uuid;
    assert.equal((await h.call('DELETE', `/api/v1/me/tokens/${tokenId}`)).status, 204);
    const subs = await h.call('POST', '/api/v1/subscribe', {
      body: {
        addon: 'octopus_money',
        config: {
          firm_id: 'OCTOP',
          base_url: h.sandbox.url,
          auth: { id: 'u', password: 'secret-pw-1' },
        },
      },
    });
    assert.equal(subs.status, 201, subs.text);
    await h.call('POST', route, { body: minimalAdult(), token: b.token });
  });
  after(() => h.close());

  const events = async (query = '', token?: string, headers?: Record<string, string>) => {
    const res = await h.call('GET', `${EVENTS}${query}`, { token, headers });
    assert.equal(res.status, 200, res.text);
    return res.body as { data: Event[]; meta: Record<string, number> };
  };

  test('records who did what, in which firm, when, with the Seccl id, newest first', async () => {
    const { data, meta } = await events();

    assert.deepEqual(
      data.map((e) => e.action),
      ['subscription.created', 'token.revoked', 'token.created', 'client.linked', 'client.created'],
    );
    assert.equal(meta.total, 5);
    for (const event of data) {
      assert.deepEqual(event.actor, { user_uuid: a.userId, account_uuid: a.loginAccountId });
    }
    const created = data.find((e) => e.action === 'client.created')!;
    assert.equal(created.seccl_client_id, client.id);
    assert.equal(created.account_uuid, client.account);
    assert.equal(data.find((e) => e.action === 'token.created')!.detail?.token_id, tokenId);
    const times = data.map((e) => Date.parse(e.created_at));
    assert.deepEqual(
      times,
      [...times].sort((x, y) => y - x),
    );
  });

  test('keeps personal values and secrets out of the trail', async () => {
    const res = await h.call('GET', EVENTS);

    assert.ok(!res.text.includes(client.email));
    assert.ok(!res.text.includes('secret-pw-1'));
  });

  test('filters by action and pages through the rows without overlap', async () => {
    const tokens = await events('?action=token.created');
    const first = await events('?per_page=2');
    const second = await events('?per_page=2&page=2');
    const last = await events('?per_page=2&page=3');

    assert.deepEqual(
      tokens.data.map((e) => e.action),
      ['token.created'],
    );
    assert.deepEqual(first.meta, { current_page: 1, per_page: 2, total: 5, last_page: 3 });
    const ids = [...first.data, ...second.data, ...last.data].map((e) => e.uuid);
    assert.equal(new Set(ids).size, 5);
    assert.deepEqual(
      ids,
      (await events()).data.map((e) => e.uuid),
    );
  });

  test("never shows another firm's events", async () => {
    const mine = await events();
    const theirs = await events('', b.token);

    assert.deepEqual(
      theirs.data.map((e) => e.action),
      ['client.created'],
    );
    assert.ok(!theirs.data.some((e) => mine.data.some((m) => m.uuid === e.uuid)));
    assert.ok(!mine.data.some((e) => e.actor.user_uuid === b.userId));
  });

  test('records a token change in every firm where its user holds a login', async () => {
    const both = await h.addFirm();
    const inA = await addLogin(h, both.userId, a.id, { isAdmin: true });
    const asOwn = { 'x-plannr-account-uuid': both.loginAccountId };

    const made = await h.call('POST', '/api/v1/me/tokens', {
      token: both.token,
      headers: asOwn,
      body: { name: 'n', abilities: ['tokens:read'] },
    });

    assert.equal(made.status, 201, made.text);
    for (const headers of [asOwn, { 'x-plannr-account-uuid': inA }]) {
      const { data } = await events('?action=token.created', both.token, headers);
      assert.ok(
        data.some((e) => e.detail?.token_id === made.body.data.uuid),
        JSON.stringify(headers),
      );
    }
  });

  test('answers 403 to a login that is not an admin, and to a token without audit:read', async () => {
    const member = await h.addFirm();
    const login = await addLogin(h, member.userId, a.id, { isAdmin: false });
    const noAbility = await tokenFor(h, a.userId, ['accounts:read', 'tokens:read']);

    const notAdmin = await h.call('GET', EVENTS, {
      token: member.token,
      headers: { 'x-plannr-account-uuid': login },
    });
    const lacking = await h.call('GET', EVENTS, { token: noAbility });

    for (const res of [notAdmin, lacking]) {
      assert.equal(res.status, 403, res.text);
      assert.deepEqual(res.body, { message: 'This action is unauthorized.' });
    }
  });

  test('answers 422 for a page, page size or action it cannot use', async () => {
    const res = await h.call('GET', `${EVENTS}?page=0&per_page=101&action=client.deleted`);
    const words = await h.call('GET', `${EVENTS}?page=two&per_page=-1`);

    assert.equal(res.status, 422, res.text);
    assert.deepEqual(Object.keys(res.body.errors).sort(), ['action', 'page', 'per_page']);
    assert.equal(words.status, 422);
    assert.deepEqual(Object.keys(words.body.errors).sort(), ['page', 'per_page']);
  });
});
