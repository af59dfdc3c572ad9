/**
 * Who may call: every way a caller can be refused, and proof that one firm never reaches another
 * firm's addons, accounts, parents, intents, idempotency keys or tokens. A refused cross-firm
 * read answers exactly what a read of something that does not exist answers.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { revokePersonalAccessToken } from '../src/identity/personal-access-tokens.js';
import { minimalAdult, minorBody } from './support/bodies.js';
import { startHarness, type Firm, type Harness } from './support/harness.js';
import { addLogin, tokenFor } from './support/logins.js';

const create = (addon = 'seccl') => `/api/v1/addons/seccl/${addon}/client`;
const UNAUTHENTICATED = { message: 'Unauthenticated.' };
const UNAUTHORIZED = { message: 'This action is unauthorized.' };

describe('who may call', () => {
  let h: Harness;
  let a: Firm;
  let b: Firm;
  let bClient: { secclId: string; accountUuid: string };
  let bAccount: string;
  let aAccount: string;

  before(async () => {
    h = await startHarness();
    a = h.firm;
    b = await h.addFirm();
    // A third firm holds the addon A does not, so "another firm's addon" exists somewhere.
    await h.addFirm({ addon: 'octopus_money' });

    const onboarded = await h.call('POST', create(), { body: minimalAdult(), token: b.token });
    assert.equal(onboarded.status, 200, onboarded.text);
    bClient = { secclId: onboarded.body.id, accountUuid: onboarded.body.plannr_account.uuid };
    const plain = { first_name: 'Rhys', surname: 'Morgan', email: 'rhys.morgan@example.com' };
    bAccount = (await h.call('POST', '/api/v1/account', { body: plain, token: b.token })).body.data
      .uuid;
    aAccount = (await h.call('POST', '/api/v1/account', { body: plain })).body.data.uuid;
  });
  after(() => h.close());

  describe('tokens', () => {
    const read = () => `/api/v1/account/${aAccount}`;

    test('the firm token reads its own account (the control for every refusal below)', async () => {
      const res = await h.call('GET', read());

      assert.equal(res.status, 200, res.text);
    });

    test('answers 401 when there is no token', async () => {
      const res = await h.call('GET', read(), { token: null });

      assert.equal(res.status, 401);
      assert.deepEqual(res.body, UNAUTHENTICATED);
    });

    test('answers 401 for every malformed Authorization header', async () => {
      const [id] = a.token.split('|');
      const headers = [
        'Bearer',
        'Bearer ',
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        'Bearer not-a-token',
        `Bearer ${id}|`,
        `Bearer |${a.token.split('|')[1]}`,
        `Bearer ${a.token} extra`,
        `Bearer ${'x'.repeat(5000)}`,
        `Token ${a.token}`,
      ];

      for (const authorization of headers) {
        const res = await h.call('GET', read(), { token: null, headers: { authorization } });
        assert.equal(res.status, 401, `${authorization.slice(0, 40)}: ${res.text}`);
        assert.deepEqual(res.body, UNAUTHENTICATED);
      }
    });

    test('answers 401 for an unknown token and for a known id with the wrong secret', async () => {
      const [id] = a.token.split('|');
      const unknown = `${randomUUID()}|${randomBytes(30).toString('base64url')}`;
      const wrongSecret = `${id}|${randomBytes(30).toString('base64url')}`;

      for (const token of [unknown, wrongSecret]) {
        const res = await h.call('GET', read(), { token });
        assert.equal(res.status, 401, res.text);
        assert.deepEqual(res.body, UNAUTHENTICATED);
      }
    });

    test('answers 401 for a revoked token', async () => {
      const token = await tokenFor(h, a.userId, ['*']);
      assert.equal((await h.call('GET', read(), { token })).status, 200);
      await revokePersonalAccessToken(h.database.db, a.userId, token.split('|')[0]!);

      const res = await h.call('GET', read(), { token });

      assert.equal(res.status, 401);
      assert.deepEqual(res.body, UNAUTHENTICATED);
    });

    test('answers 401 for an expired token', async () => {
      const token = await tokenFor(h, a.userId, ['*'], new Date(Date.now() - 1000));

      const res = await h.call('GET', read(), { token });

      assert.equal(res.status, 401);
      assert.deepEqual(res.body, UNAUTHENTICATED);
    });

    test('answers 403 when the token lacks the ability the route needs', async () => {
      const token = await tokenFor(h, a.userId, ['accounts:read']);
      assert.equal((await h.call('GET', read(), { token })).status, 200);

      const calls = [
        h.call('POST', create(), { body: minimalAdult(), token }),
        h.call('POST', '/api/v1/account', { body: { first_name: 'A', surname: 'B' }, token }),
        h.call('GET', '/api/v1/addon-subscriptions', { token }),
        h.call('GET', '/api/v1/me/tokens', { token }),
        h.call('GET', '/api/v1/audit-events', { token }),
      ];

      for (const res of await Promise.all(calls)) {
        assert.equal(res.status, 403, res.text);
        assert.deepEqual(res.body, UNAUTHORIZED);
      }
    });
  });

  describe('firms', () => {
    test("answers 404 for another firm's addon, exactly as for an addon nobody holds", async () => {
      const held = await h.call('POST', create('octopus_money'), { body: minimalAdult() });
      const unknown = await h.call('POST', create('no_such_addon'), { body: minimalAdult() });

      assert.equal(held.status, 404, held.text);
      assert.deepEqual(held.body, {
        message: 'The octopus_money addon is not enabled for this firm.',
      });
      assert.equal(unknown.status, 404);
    });

    test("lists only the firm's own subscriptions", async () => {
      const res = await h.call('GET', '/api/v1/addon-subscriptions');

      assert.equal(res.status, 200, res.text);
      assert.deepEqual(
        res.body.data.map((s: { uuid: string }) => s.uuid),
        [a.subscriptionId],
      );
    });

    test("answers 404 for another firm's account, exactly as for one that does not exist", async () => {
      const theirs = await h.call('GET', `/api/v1/account/${bAccount}`);
      const missing = await h.call('GET', `/api/v1/account/${randomUUID()}`);

      assert.equal(theirs.status, 404);
      assert.deepEqual(theirs.body, missing.body);
      assert.equal(
        (await h.call('GET', `/api/v1/account/${bAccount}`, { token: b.token })).status,
        200,
      );
    });

    test("answers 404 for another firm's account as account_uuid, and sends nothing to Seccl", async () => {
      const before = h.sandbox.clients(a.secclFirmId).length;

      const theirs = await h.call('POST', create(), {
        body: minimalAdult({ account_uuid: bAccount }),
      });
      const missing = await h.call('POST', create(), {
        body: minimalAdult({ account_uuid: randomUUID() }),
      });

      assert.equal(theirs.status, 404, theirs.text);
      assert.deepEqual(theirs.body, missing.body);
      assert.equal(h.sandbox.clients(a.secclFirmId).length, before);
    });

    test("answers 404 for another firm's parent, by account UUID and by Seccl id", async () => {
      const byUuid = await h.call('POST', create(), { body: minorBody(bClient.accountUuid) });
      const byUuidMissing = await h.call('POST', create(), { body: minorBody(randomUUID()) });
      const bySeccl = await h.call('POST', create(), { body: minorBody(bClient.secclId) });

      assert.equal(byUuid.status, 404, byUuid.text);
      assert.deepEqual(byUuid.body, byUuidMissing.body);
      assert.equal(bySeccl.status, 404, bySeccl.text);
      const theirs = await h.call('POST', create(), {
        body: minorBody(bClient.secclId),
        token: b.token,
      });
      assert.equal(theirs.status, 200, 'the same parent works for its own firm');
    });

    test("answers 404 for another firm's intent", async () => {
      const key = randomUUID();
      const mine = await h.call('POST', create(), {
        body: minimalAdult(),
        token: b.token,
        headers: { 'idempotency-key': key },
      });
      assert.equal(mine.status, 200, mine.text);
      const intents = await h.app.intents.db.query.onboardingIntents.findMany({
        where: (t, { eq }) => eq(t.idempotencyKey, key),
      });
      const path = `/api/v1/addons/seccl/seccl/intents/${intents[0]!.id}`;

      const theirs = await h.call('GET', path);

      assert.equal(theirs.status, 404, theirs.text);
      assert.equal((await h.call('GET', path, { token: b.token })).status, 200);
    });

    test("never replays another firm's answer for the same idempotency key and body", async () => {
      const key = randomUUID();
      const body = minimalAdult();
      const first = await h.call('POST', create(), {
        body,
        token: b.token,
        headers: { 'idempotency-key': key },
      });
      assert.equal(first.status, 200, first.text);

      const res = await h.call('POST', create(), { body, headers: { 'idempotency-key': key } });

      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('idempotent-replayed'), null);
      assert.notEqual(res.body.id, first.body.id);
      assert.notEqual(res.body.plannr_account.uuid, first.body.plannr_account.uuid);
    });

    test("answers 404 when revoking another user's token", async () => {
      const theirs = b.token.split('|')[0]!;

      const res = await h.call('DELETE', `/api/v1/me/tokens/${theirs}`);

      assert.equal(res.status, 404, res.text);
      assert.equal(
        (await h.call('GET', '/api/v1/addon-subscriptions', { token: b.token })).status,
        200,
      );
    });
  });

  describe('logins', () => {
    let multi: Firm;
    let secondLogin: string;

    before(async () => {
      multi = await h.addFirm();
      secondLogin = await addLogin(h, multi.userId, a.id);
    });

    test('answers 400 naming the header when a user with several logins sends none', async () => {
      const res = await h.call('GET', '/api/v1/addon-subscriptions', { token: multi.token });

      assert.equal(res.status, 400);
      assert.match(res.body.message, /X-PLANNR-ACCOUNT-UUID/);
    });

    test('acts as the login the header names, in that firm only', async () => {
      const asA = await h.call('GET', '/api/v1/addon-subscriptions', {
        token: multi.token,
        headers: { 'x-plannr-account-uuid': secondLogin.toUpperCase() },
      });
      const asOwn = await h.call('GET', '/api/v1/addon-subscriptions', {
        token: multi.token,
        headers: { 'x-plannr-account-uuid': multi.loginAccountId },
      });

      assert.equal(asA.status, 200, asA.text);
      assert.deepEqual(
        asA.body.data.map((s: { uuid: string }) => s.uuid),
        [a.subscriptionId],
      );
      assert.deepEqual(
        asOwn.body.data.map((s: { uuid: string }) => s.uuid),
        [multi.subscriptionId],
      );
    });

    test("answers 403 for a header naming a login that is not the user's, or none at all", async () => {
      for (const header of [
        b.loginAccountId,
        a.loginAccountId,
        randomUUID(),
        'not-a-uuid',
        bAccount,
      ]) {
        const res = await h.call('GET', '/api/v1/addon-subscriptions', {
          token: multi.token,
          headers: { 'x-plannr-account-uuid': header },
        });
        assert.equal(res.status, 403, `${header}: ${res.text}`);
        assert.deepEqual(res.body, UNAUTHORIZED);
      }
    });

    test("answers 403 for a user with one login who names another firm's login", async () => {
      const res = await h.call('GET', `/api/v1/account/${bAccount}`, {
        headers: { 'x-plannr-account-uuid': b.loginAccountId },
      });

      assert.equal(res.status, 403, res.text);
      assert.deepEqual(res.body, UNAUTHORIZED);
    });

    test('answers 403 on the create route for a login that may not use addons', async () => {
      const limited = await h.addFirm();
      const login = await addLogin(h, limited.userId, a.id, { canUseAddons: false });

      const res = await h.call('POST', create(), {
        body: minimalAdult(),
        token: limited.token,
        headers: { 'x-plannr-account-uuid': login },
      });

      assert.equal(res.status, 403, res.text);
      assert.deepEqual(res.body, UNAUTHORIZED);
    });
  });
});
