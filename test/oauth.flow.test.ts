/**
 * OAuth2 end to end on real sockets: register a client, authorize with PKCE, sign in, consent,
 * redeem the code, call the create route with the access token, refresh with rotation, detect
 * reuse, revoke by jti, and expire.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { auditEvents, oauthClients, users } from '../src/db/schema.js';
import { addLogin, tokenFor } from './support/logins.js';
import { minimalAdult } from './support/bodies.js';
import {
  authorizePath,
  FormBrowser,
  movableClock,
  obtainCode,
  pkcePair,
  postForm,
  redeem,
  refresh,
  registerClient,
  startOAuthHarness,
  type OAuthHarness,
} from './support/oauth.js';

const ROUTE = '/api/v1/addons/seccl/seccl/client';

describe('OAuth2 authorization code grant', () => {
  const clock = movableClock('2026-06-01T09:00:00Z');
  let h: OAuthHarness;
  before(async () => {
    h = await startOAuthHarness({ clock });
  });
  after(() => h.close());

  test('a public client with PKCE gets tokens that onboard a client through the route', async () => {
    const client = await registerClient(h);
    const { verifier, challenge } = pkcePair();
    const code = await obtainCode(h, client, { challenge });

    const res = await redeem(h, client, code, verifier);

    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.body.token_type, 'Bearer');
    assert.equal(res.body.expires_in, 3600);
    assert.equal(res.body.scope, 'seccl:write seccl:read addons:read');
    assert.match(res.body.refresh_token, /^[A-Za-z0-9_-]{40,}$/);

    const header = decodeProtectedHeader(res.body.access_token);
    const claims = decodeJwt(res.body.access_token);
    assert.equal(header.alg, 'RS256');
    assert.equal(header.kid, h.key.kid);
    assert.equal(claims.aud, client.id);
    assert.equal(claims.sub, h.firm.userId);
    assert.deepEqual(claims.scopes, ['seccl:write', 'seccl:read', 'addons:read']);
    assert.match(String(claims.jti), /^[0-9a-f-]{36}$/);
    const now = Math.floor(clock.now().getTime() / 1000);
    assert.deepEqual([claims.iat, claims.nbf, claims.exp], [now, now, now + 3600]);

    const created = await h.call('POST', ROUTE, {
      token: res.body.access_token,
      body: minimalAdult(),
    });
    assert.equal(created.status, 200, created.text);
    assert.match(created.body.id, /^[A-Z0-9]{7}$/);
  });

  test('the state comes back unchanged with the code', async () => {
    const client = await registerClient(h);
    const { challenge } = pkcePair();
    const state = 'a b&c=d/é';

    const location = await locationAfterConsent(h, client, challenge, state);

    const url = new URL(location);
    assert.equal(url.origin + url.pathname, client.redirectUri);
    assert.equal(url.searchParams.get('state'), state);
    assert.match(url.searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);
  });

  test('a confidential client authenticates with HTTP Basic or in the body', async () => {
    const client = await registerClient(h, { confidential: true });
    assert.ok(client.secret);

    const basic = await postForm(
      h,
      '/oauth/token',
      {
        grant_type: 'authorization_code',
        code: await obtainCode(h, client),
        redirect_uri: client.redirectUri,
      },
      { id: client.id, secret: client.secret },
    );
    const inBody = await redeem(h, client, await obtainCode(h, client));

    assert.equal(basic.status, 200, JSON.stringify(basic.body));
    assert.equal(inBody.status, 200, JSON.stringify(inBody.body));
  });

  test('a refresh rotates: the new pair works and the old tokens do not', async () => {
    const client = await registerClient(h);
    const { verifier, challenge } = pkcePair();
    const first = (await redeem(h, client, await obtainCode(h, client, { challenge }), verifier))
      .body;

    const second = await refresh(h, client, first.refresh_token);

    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.notEqual(second.body.refresh_token, first.refresh_token);
    assert.equal(await statusWith(h, second.body.access_token), 200);
    assert.equal(await statusWith(h, first.access_token), 401);
    const again = await refresh(h, client, first.refresh_token);
    assert.equal(again.status, 400);
    assert.equal(again.body.error, 'invalid_grant');
  });

  test('reusing a rotated refresh token revokes the whole family', async () => {
    const client = await registerClient(h);
    const { verifier, challenge } = pkcePair();
    const first = (await redeem(h, client, await obtainCode(h, client, { challenge }), verifier))
      .body;
    const second = (await refresh(h, client, first.refresh_token)).body;

    const replay = await refresh(h, client, first.refresh_token);

    assert.equal(replay.body.error, 'invalid_grant');
    assert.equal(await statusWith(h, second.access_token), 401);
    const latest = await refresh(h, client, second.refresh_token);
    assert.equal(latest.status, 400);
    assert.equal(latest.body.error, 'invalid_grant');
  });

  test('a refresh may narrow the scopes but not widen them', async () => {
    const client = await registerClient(h);
    const { verifier, challenge } = pkcePair();
    const first = (await redeem(h, client, await obtainCode(h, client, { challenge }), verifier))
      .body;
    const form = { grant_type: 'refresh_token', client_id: client.id };

    const wider = await postForm(h, '/oauth/token', {
      ...form,
      refresh_token: first.refresh_token,
      scope: 'seccl:write accounts:write',
    });
    const narrower = await postForm(h, '/oauth/token', {
      ...form,
      refresh_token: first.refresh_token,
      scope: 'seccl:read',
    });

    assert.equal(wider.body.error, 'invalid_scope');
    assert.equal(narrower.status, 200, 'a refused widening does not spend the refresh token');
    assert.deepEqual(decodeJwt(narrower.body.access_token).scopes, ['seccl:read']);
    assert.equal(await statusWith(h, narrower.body.access_token), 403);
  });

  test('revoking an access token by POST /oauth/revoke makes the route answer 401', async () => {
    const client = await registerClient(h);
    const { verifier, challenge } = pkcePair();
    const tokens = (await redeem(h, client, await obtainCode(h, client, { challenge }), verifier))
      .body;
    assert.equal(await statusWith(h, tokens.access_token), 200);

    const revoked = await postForm(h, '/oauth/revoke', {
      token: tokens.access_token,
      token_type_hint: 'access_token',
      client_id: client.id,
    });

    assert.equal(revoked.status, 200);
    assert.equal(await statusWith(h, tokens.access_token), 401);
    const create = await h.call('POST', ROUTE, {
      token: tokens.access_token,
      body: minimalAdult(),
    });
    assert.equal(create.status, 401);
    assert.deepEqual(create.body, { message: 'Unauthenticated.' });
  });

  test('revoking a refresh token ends its access token too', async () => {
    const client = await registerClient(h);
    const { verifier, challenge } = pkcePair();
    const tokens = (await redeem(h, client, await obtainCode(h, client, { challenge }), verifier))
      .body;

    await postForm(h, '/oauth/revoke', { token: tokens.refresh_token, client_id: client.id });

    assert.equal(await statusWith(h, tokens.access_token), 401);
    assert.equal((await refresh(h, client, tokens.refresh_token)).body.error, 'invalid_grant');
  });

  test("revocation ignores another client's token and unknown tokens", async () => {
    const owner = await registerClient(h);
    const other = await registerClient(h);
    const { verifier, challenge } = pkcePair();
    const tokens = (await redeem(h, owner, await obtainCode(h, owner, { challenge }), verifier))
      .body;

    const foreign = await postForm(h, '/oauth/revoke', {
      token: tokens.access_token,
      client_id: other.id,
    });
    const unknown = await postForm(h, '/oauth/revoke', { token: 'nonsense', client_id: other.id });

    assert.equal(foreign.status, 200);
    assert.equal(unknown.status, 200);
    assert.equal(await statusWith(h, tokens.access_token), 200);
  });

  test('an access token past its expiry gets 401, and the refresh token still works', async () => {
    const client = await registerClient(h);
    const { verifier, challenge } = pkcePair();
    const tokens = (await redeem(h, client, await obtainCode(h, client, { challenge }), verifier))
      .body;

    clock.advance(3600 * 1000);

    assert.equal(await statusWith(h, tokens.access_token), 401);
    const create = await h.call('POST', ROUTE, {
      token: tokens.access_token,
      body: minimalAdult(),
    });
    assert.equal(create.status, 401);
    const renewed = await refresh(h, client, tokens.refresh_token);
    assert.equal(renewed.status, 200);
    assert.equal(await statusWith(h, renewed.body.access_token), 200);
  });

  test('revoking the client ends its tokens and its refreshes', async () => {
    const client = await registerClient(h);
    const { verifier, challenge } = pkcePair();
    const tokens = (await redeem(h, client, await obtainCode(h, client, { challenge }), verifier))
      .body;

    const gone = await h.call('DELETE', `/api/v1/oauth/clients/${client.id}`);

    assert.equal(gone.status, 204);
    assert.equal(await statusWith(h, tokens.access_token), 401);
    const refused = await refresh(h, client, tokens.refresh_token);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error, 'invalid_client');
  });

  describe('client registration API', () => {
    test('shows a confidential secret once and keeps only its digest', async () => {
      const res = await h.call('POST', '/api/v1/oauth/clients', {
        body: { name: 'Back Office', redirect_uris: ['https://crm.example.com/oauth/callback'] },
      });

      assert.equal(res.status, 201, res.text);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const { id, secret, confidential, scopes } = res.body.data;
      assert.equal(confidential, true);
      assert.match(secret, /^[A-Za-z0-9_-]{50,}$/);
      assert.ok(scopes.includes('seccl:write') && !scopes.includes('*'));
      const [row] = await h.database.db.select().from(oauthClients).where(eq(oauthClients.id, id));
      assert.match(row!.secretHash!, /^[0-9a-f]{64}$/);
      assert.ok(!JSON.stringify(row).includes(secret), 'the secret itself is not stored');
      const list = await h.call('GET', '/api/v1/oauth/clients');
      const listed = list.body.data.find((c: { id: string }) => c.id === id);
      assert.ok(listed);
      assert.equal('secret' in listed, false);
      const audit = await h.database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'oauth.client_created'));
      assert.ok(audit.some((a) => a.detail?.client_id === id));
    });

    test('a public client has no secret', async () => {
      const res = await h.call('POST', '/api/v1/oauth/clients', {
        body: {
          name: 'Phone App',
          redirect_uris: ['com.example.planner:/oauth'],
          confidential: false,
        },
      });

      assert.equal(res.status, 201, res.text);
      assert.equal(res.body.data.secret, null);
    });

    test('reports every problem of a bad registration at once', async () => {
      const res = await h.call('POST', '/api/v1/oauth/clients', {
        body: {
          name: '',
          redirect_uris: [
            'http://crm.example.com/cb',
            'javascript:alert(1)',
            'https://ok.example/cb#x',
          ],
          confidential: 'yes',
          scopes: ['*', 'seccl:write'],
        },
      });

      assert.equal(res.status, 422);
      assert.deepEqual(Object.keys(res.body.errors).sort(), [
        'confidential',
        'name',
        'redirect_uris.0',
        'redirect_uris.1',
        'redirect_uris.2',
        'scopes.0',
      ]);
      assert.match(res.body.message, /\(and 5 more errors\)$/);
    });

    test('needs oauth:write and a firm admin', async () => {
      const body = { name: 'X', redirect_uris: ['https://x.example/cb'] };
      const readOnly = await tokenFor(h, h.firm.userId, ['oauth:read']);
      const [user] = await h.database.db
        .insert(users)
        .values({ email: `plain-${crypto.randomUUID()}@example.com`, name: 'Plain' })
        .returning();
      await addLogin(h, user!.id, h.firm.id, { isAdmin: false });
      const notAdmin = await tokenFor(h, user!.id, ['*']);

      const withoutAbility = await h.call('POST', '/api/v1/oauth/clients', {
        body,
        token: readOnly,
      });
      const withoutAdmin = await h.call('POST', '/api/v1/oauth/clients', { body, token: notAdmin });
      const listing = await h.call('GET', '/api/v1/oauth/clients', { token: readOnly });

      assert.equal(withoutAbility.status, 403);
      assert.equal(withoutAdmin.status, 403);
      assert.equal(listing.status, 200);
    });

    test('revoking a client one did not register is 404', async () => {
      const client = await registerClient(h);
      const [user] = await h.database.db
        .insert(users)
        .values({ email: `other-${crypto.randomUUID()}@example.com`, name: 'Other' })
        .returning();
      await addLogin(h, user!.id, h.firm.id, { isAdmin: true });
      const other = await tokenFor(h, user!.id, ['*']);

      const res = await h.call('DELETE', `/api/v1/oauth/clients/${client.id}`, { token: other });

      assert.equal(res.status, 404);
      assert.equal((await h.call('DELETE', '/api/v1/oauth/clients/not-a-uuid')).status, 404);
    });
  });
});

/** The status of a read through the API with this bearer token (it needs addons:read). */
async function statusWith(h: OAuthHarness, token: string): Promise<number> {
  return (await h.call('GET', '/api/v1/addon-subscriptions', { token })).status;
}

async function locationAfterConsent(
  h: OAuthHarness,
  client: { id: string; redirectUri: string },
  challenge: string,
  state: string,
): Promise<string> {
  const browser = new FormBrowser(h);
  await browser.get(
    authorizePath({ clientId: client.id, redirectUri: client.redirectUri, challenge, state }),
  );
  await browser.post('/oauth/authorize', {
    csrf: browser.fields.csrf!,
    ticket: browser.fields.ticket!,
    email: h.email,
    password: h.password,
  });
  const decided = await browser.post('/oauth/consent', {
    csrf: browser.fields.csrf!,
    ticket: browser.fields.ticket!,
    decision: 'allow',
  });
  assert.equal(decided.status, 303);
  return decided.location!;
}
