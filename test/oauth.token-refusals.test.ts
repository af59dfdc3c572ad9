/**
 * What the OAuth2 token endpoint and the bearer check refuse: RFC 6749 errors for bad grants and
 * clients, 401 for any access token that is forged, unknown, revoked or expired.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { signAccessToken } from '../src/oauth/access-tokens.js';
import {
  movableClock,
  obtainCode,
  pkcePair,
  postForm,
  redeem,
  registerClient,
  startOAuthHarness,
  type OAuthHarness,
  type RegisteredClient,
} from './support/oauth.js';

describe('OAuth2 token refusals', () => {
  const clock = movableClock('2026-06-01T09:00:00Z');
  let h: OAuthHarness;
  let pub: RegisteredClient;
  let conf: RegisteredClient;
  before(async () => {
    h = await startOAuthHarness({ clock });
    pub = await registerClient(h);
    conf = await registerClient(h, { confidential: true });
  });
  after(() => h.close());

  describe('the token endpoint', () => {
    const fresh = async () => {
      const { verifier, challenge } = pkcePair();
      return { verifier, code: await obtainCode(h, pub, { challenge }) };
    };

    test('a reused code is invalid_grant and revokes the tokens the first use gave', async () => {
      const { verifier, code } = await fresh();
      const first = await redeem(h, pub, code, verifier);
      assert.equal(first.status, 200);

      const second = await redeem(h, pub, code, verifier);

      assert.equal(second.status, 400);
      assert.equal(second.body.error, 'invalid_grant');
      assert.equal(second.headers.get('cache-control'), 'no-store');
      const call = await h.call('GET', '/api/v1/addon-subscriptions', {
        token: first.body.access_token,
      });
      assert.equal(call.status, 401);
      const renewed = await postForm(h, '/oauth/token', {
        grant_type: 'refresh_token',
        refresh_token: first.body.refresh_token,
        client_id: pub.id,
      });
      assert.equal(renewed.body.error, 'invalid_grant');
    });

    test('a wrong code_verifier is invalid_grant, and the code is spent', async () => {
      const { verifier, code } = await fresh();

      const wrong = await redeem(h, pub, code, pkcePair().verifier);
      const right = await redeem(h, pub, code, verifier);

      assert.equal(wrong.body.error, 'invalid_grant');
      assert.match(wrong.body.error_description, /code_verifier/);
      assert.equal(right.body.error, 'invalid_grant');
    });

    test('a missing code_verifier is invalid_grant', async () => {
      const { code } = await fresh();

      const res = await redeem(h, pub, code);

      assert.equal(res.body.error, 'invalid_grant');
    });

    test('a redirect_uri other than the code was issued for is invalid_grant', async () => {
      const { verifier, code } = await fresh();

      const res = await redeem(
        h,
        { ...pub, redirectUri: 'https://app.example.com/other' },
        code,
        verifier,
      );

      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid_grant');
    });

    test('a code redeemed by another client is invalid_grant', async () => {
      const other = await registerClient(h);
      const { verifier, code } = await fresh();

      const res = await redeem(h, other, code, verifier);

      assert.equal(res.body.error, 'invalid_grant');
    });

    test('a code older than 60 seconds is invalid_grant', async () => {
      const { verifier, code } = await fresh();
      clock.advance(60_000);

      const res = await redeem(h, pub, code, verifier);

      assert.equal(res.body.error, 'invalid_grant');
      assert.match(res.body.error_description, /expired/);
    });

    test('a confidential client with a bad secret is invalid_client with 401', async () => {
      const code = await obtainCode(h, conf);

      const inBody = await redeem(h, { ...conf, secret: 'wrong' }, code);
      const basic = await postForm(
        h,
        '/oauth/token',
        { grant_type: 'authorization_code', code, redirect_uri: conf.redirectUri },
        { id: conf.id, secret: 'wrong' },
      );
      const none = await redeem(h, { ...conf, secret: null }, code);

      for (const res of [inBody, basic, none]) {
        assert.equal(res.status, 401);
        assert.equal(res.body.error, 'invalid_client');
        assert.equal(res.headers.get('www-authenticate'), 'Basic realm="oauth"');
      }
      const good = await redeem(h, conf, code);
      assert.equal(good.status, 200, 'failed client authentication does not spend the code');
    });

    test('an unknown grant type is unsupported_grant_type', async () => {
      const res = await postForm(h, '/oauth/token', { grant_type: 'password', client_id: pub.id });

      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'unsupported_grant_type');
    });

    test('a missing or repeated parameter is invalid_request', async () => {
      const missing = await postForm(h, '/oauth/token', { client_id: pub.id });
      const repeated = await fetch(`${h.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=authorization_code&grant_type=refresh_token&client_id=${pub.id}`,
      });

      assert.equal(missing.body.error, 'invalid_request');
      assert.equal(repeated.status, 400);
      assert.equal(((await repeated.json()) as { error: string }).error, 'invalid_request');
    });

    test('takes JSON as well as a form', async () => {
      const { verifier, code } = await fresh();

      const res = await h.call('POST', '/oauth/token', {
        token: null,
        body: {
          grant_type: 'authorization_code',
          code,
          redirect_uri: pub.redirectUri,
          client_id: pub.id,
          code_verifier: verifier,
        },
      });

      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.token_type, 'Bearer');
    });
  });

  describe('the bearer check', () => {
    test('a token signed by another key is 401', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const now = Math.floor(clock.now().getTime() / 1000);
      const forged = await new SignJWT({ scopes: ['*'] })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: h.key.kid })
        .setJti(crypto.randomUUID())
        .setAudience(pub.id)
        .setSubject(h.firm.userId)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + 3600)
        .sign(privateKey);

      const res = await h.call('GET', '/api/v1/addon-subscriptions', { token: forged });

      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { message: 'Unauthenticated.' });
    });

    test('a signed token whose jti was never issued is 401', async () => {
      const claims = {
        jti: crypto.randomUUID(),
        clientId: pub.id,
        userId: h.firm.userId,
        scopes: ['*'],
      };
      const token = await signAccessToken(h.key, claims, clock.now(), 3600);

      const res = await h.call('GET', '/api/v1/addon-subscriptions', { token });

      assert.equal(res.status, 401);
    });

    test('personal access tokens still work beside OAuth2', async () => {
      const res = await h.call('GET', '/api/v1/addon-subscriptions');

      assert.equal(res.status, 200);
    });

    test('the public key is published with its kid', async () => {
      const res = await h.call('GET', '/oauth/jwks.json', { token: null });

      assert.equal(res.status, 200);
      assert.equal(res.body.keys.length, 1);
      const [jwk] = res.body.keys;
      assert.deepEqual([jwk.kty, jwk.alg, jwk.use, jwk.kid], ['RSA', 'RS256', 'sig', h.key.kid]);
      assert.equal(jwk.d, undefined, 'no private part');
    });
  });

  test('no password, code, token or secret reaches the log', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await obtainCode(h, conf, { challenge });
    const tokens = (await redeem(h, conf, code, verifier)).body;
    await h.call('GET', '/api/v1/addon-subscriptions', { token: tokens.access_token });
    await postForm(h, '/oauth/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: conf.id,
      client_secret: conf.secret!,
    });

    const log = h.logs.join('\n');

    for (const secret of [
      h.password,
      code,
      verifier,
      tokens.access_token,
      tokens.refresh_token,
      conf.secret!,
    ]) {
      assert.ok(!log.includes(secret), 'a secret was logged');
    }
    assert.ok(!log.includes(tokens.access_token.split('.')[1]!), 'part of a token was logged');
  });
});
