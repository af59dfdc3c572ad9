/**
 * What OAuth2 refuses, and how: problems before the redirect_uri is trusted stay on this
 * service's page; later ones go back to the app; the token endpoint answers in RFC 6749's shape.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { signAccessToken } from '../src/oauth/access-tokens.js';
import {
  authorizePath,
  FormBrowser,
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

describe('OAuth2 refusals', () => {
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

  describe('before the redirect_uri is trusted, on the page', () => {
    for (const [name, params] of [
      [
        'an unknown client',
        () => ({ clientId: crypto.randomUUID(), redirectUri: pub.redirectUri }),
      ],
      [
        'a redirect_uri not registered',
        () => ({ clientId: pub.id, redirectUri: 'https://evil.example/cb' }),
      ],
      [
        'a redirect_uri that only starts like one',
        () => ({ clientId: pub.id, redirectUri: `${pub.redirectUri}/more` }),
      ],
      ['no redirect_uri', () => ({ clientId: pub.id, redirectUri: '' })],
    ] as const) {
      test(`${name} is explained on the page and never redirected`, async () => {
        const browser = new FormBrowser(h);

        const res = await browser.get(
          authorizePath({ ...params(), challenge: pkcePair().challenge }),
        );

        assert.equal(res.status, 400);
        assert.equal(res.location, null);
        assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
        assert.match(res.html, /<h1>This sign-in cannot go on<\/h1>/);
        assert.match(res.html, /role="alert"/);
      });
    }

    test('a repeated client_id is shown on the page', async () => {
      const path = `${authorizePath({ clientId: pub.id, redirectUri: pub.redirectUri })}&client_id=${pub.id}`;

      const res = await new FormBrowser(h).get(path);

      assert.equal(res.status, 400);
      assert.equal(res.location, null);
    });
  });

  describe('after it is trusted, back to the app', () => {
    const refusal = async (params: Parameters<typeof authorizePath>[0]) => {
      const res = await new FormBrowser(h).get(authorizePath(params));
      assert.equal(res.status, 302, res.html);
      const url = new URL(res.location!);
      assert.equal(url.origin + url.pathname, params.redirectUri);
      assert.equal(url.searchParams.get('state'), 'state-123');
      assert.equal(url.searchParams.get('code'), null);
      return url.searchParams;
    };

    test('a public client without PKCE is refused with invalid_request', async () => {
      const params = await refusal({ clientId: pub.id, redirectUri: pub.redirectUri });

      assert.equal(params.get('error'), 'invalid_request');
      assert.match(params.get('error_description')!, /PKCE/);
    });

    test('the plain PKCE method is refused', async () => {
      const { verifier } = pkcePair();
      const params = await refusal({
        clientId: pub.id,
        redirectUri: pub.redirectUri,
        challenge: verifier,
        method: 'plain',
      });

      assert.equal(params.get('error'), 'invalid_request');
      assert.match(params.get('error_description')!, /S256/);
    });

    test('a challenge without a method is refused (the default would be plain)', async () => {
      const params = await refusal({
        clientId: pub.id,
        redirectUri: pub.redirectUri,
        extra: { code_challenge: pkcePair().challenge },
      });

      assert.equal(params.get('error'), 'invalid_request');
    });

    test('a response_type other than code is unsupported_response_type', async () => {
      const params = await refusal({
        clientId: pub.id,
        redirectUri: pub.redirectUri,
        challenge: pkcePair().challenge,
        extra: { response_type: 'token' },
      });

      assert.equal(params.get('error'), 'unsupported_response_type');
    });

    for (const [name, scope] of [
      ['no scope', ''],
      ['an unknown scope', 'seccl:write admin:everything'],
      ['* from a client not registered for it', '*'],
    ] as const) {
      test(`${name} is invalid_scope`, async () => {
        const params = await refusal({
          clientId: pub.id,
          redirectUri: pub.redirectUri,
          challenge: pkcePair().challenge,
          scope,
        });

        assert.equal(params.get('error'), 'invalid_scope');
      });
    }

    test('a scope the client was not registered for is invalid_scope', async () => {
      const narrow = await registerClient(h, { scopes: ['seccl:read'] });

      const params = await refusal({
        clientId: narrow.id,
        redirectUri: narrow.redirectUri,
        challenge: pkcePair().challenge,
        scope: 'seccl:read seccl:write',
      });

      assert.equal(params.get('error'), 'invalid_scope');
      assert.match(params.get('error_description')!, /seccl:write/);
    });

    test('denying consent sends access_denied with the state', async () => {
      const browser = new FormBrowser(h);
      await browser.get(
        authorizePath({
          clientId: pub.id,
          redirectUri: pub.redirectUri,
          challenge: pkcePair().challenge,
        }),
      );
      await browser.post('/oauth/authorize', {
        ...fields(browser),
        email: h.email,
        password: h.password,
      });

      const res = await browser.post('/oauth/consent', { ...fields(browser), decision: 'deny' });

      assert.equal(res.status, 303);
      const url = new URL(res.location!);
      assert.equal(url.searchParams.get('error'), 'access_denied');
      assert.equal(url.searchParams.get('state'), 'state-123');
      assert.equal(url.searchParams.get('code'), null);
    });
  });

  describe('the sign-in page', () => {
    const start = async () => {
      const browser = new FormBrowser(h);
      const page = await browser.get(
        authorizePath({
          clientId: pub.id,
          redirectUri: pub.redirectUri,
          challenge: pkcePair().challenge,
        }),
      );
      return { browser, page };
    };

    test('is an accessible form that cannot be framed and allows no script', async () => {
      const { page } = await start();

      assert.equal(page.status, 200);
      assert.equal(page.headers.get('x-frame-options'), 'DENY');
      assert.equal(page.headers.get('cache-control'), 'no-store');
      const csp = page.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.match(csp, /form-action 'self' https:\/\/app\.example\.com(;|$)/);
      assert.doesNotMatch(csp, /script-src|unsafe-inline/);
      assert.match(page.html, /<html lang="en-GB">/);
      assert.match(page.html, /<h1>Sign in to connect Planning App<\/h1>/);
      assert.match(page.html, /<label for="email">/);
      assert.match(page.html, /id="email" name="email" type="email" autocomplete="username"/);
      assert.match(
        page.html,
        /id="password" name="password" type="password" autocomplete="current-password"/,
      );
      assert.doesNotMatch(page.html, /<script/);
      assert.match(
        page.headers.get('set-cookie') ?? '',
        /^oauth_csrf=[\w-]{43}; Path=\/oauth; HttpOnly; SameSite=Lax$/,
      );
    });

    test('a wrong password is told on the page, tied to both fields, and gives no code', async () => {
      const { browser } = await start();

      const res = await browser.post('/oauth/authorize', {
        ...fields(browser),
        email: h.email,
        password: 'not the password',
      });

      assert.equal(res.status, 422);
      assert.match(
        res.html,
        /<p id="sign-in-error" class="error" role="alert">The email address or password is not right\.<\/p>/,
      );
      assert.match(res.html, /id="email"[^>]*aria-describedby="sign-in-error" aria-invalid="true"/);
      assert.match(
        res.html,
        /id="password"[^>]*aria-describedby="sign-in-error" aria-invalid="true"/,
      );
      assert.ok(res.html.includes(`value="${h.email}"`), 'the email is kept');
      assert.doesNotMatch(res.html, /not the password/);
      assert.equal(res.location, null);
    });

    test('an unknown email gets the same answer as a wrong password', async () => {
      const { browser } = await start();

      const res = await browser.post('/oauth/authorize', {
        ...fields(browser),
        email: 'nobody@example.com',
        password: h.password,
      });

      assert.equal(res.status, 422);
      assert.match(res.html, /The email address or password is not right\./);
    });

    test('an email holding a NUL is a wrong sign-in, not a 500', async () => {
      const { browser } = await start();

      const res = await browser.post('/oauth/authorize', {
        ...fields(browser),
        email: `${h.email}\u0000`,
        password: h.password,
      });

      assert.equal(res.status, 422);
      assert.match(res.html, /The email address or password is not right\./);
    });

    test('empty fields each get their own message', async () => {
      const { browser } = await start();

      const res = await browser.post('/oauth/authorize', {
        ...fields(browser),
        email: ' ',
        password: '',
      });

      assert.equal(res.status, 422);
      assert.match(res.html, /<p id="email-error" class="error">Enter your email address\.<\/p>/);
      assert.match(res.html, /id="email"[^>]*aria-describedby="email-error"/);
      assert.match(res.html, /<p id="password-error" class="error">Enter your password\.<\/p>/);
      assert.match(res.html, /id="password"[^>]*aria-describedby="password-error"/);
    });

    test('a POST without the CSRF cookie is refused', async () => {
      const { browser } = await start();
      browser.cookie = undefined;

      const res = await browser.post('/oauth/authorize', {
        ...fields(browser),
        email: h.email,
        password: h.password,
      });

      assert.equal(res.status, 403);
      assert.match(res.html, /cookie/);
    });

    test("a POST whose csrf field is not the browser's cookie is refused", async () => {
      const { browser } = await start();

      const res = await browser.post('/oauth/authorize', {
        ...fields(browser),
        csrf: 'x'.repeat(43),
        email: h.email,
        password: h.password,
      });

      assert.equal(res.status, 403);
    });

    test("another browser's form cannot be replayed with this browser's cookie", async () => {
      const victim = await start();
      const attacker = await start();

      const res = await victim.browser.post('/oauth/authorize', {
        csrf: victim.browser.fields.csrf!,
        ticket: attacker.browser.fields.ticket!,
        email: h.email,
        password: h.password,
      });

      assert.equal(res.status, 400);
      assert.match(res.html, /expired or was not opened in this browser/);
    });

    test('a form older than ten minutes is refused', async () => {
      const { browser } = await start();
      clock.advance(601_000);

      const res = await browser.post('/oauth/authorize', {
        ...fields(browser),
        email: h.email,
        password: h.password,
      });

      assert.equal(res.status, 400);
      assert.match(res.html, /expired/);
    });

    test('the consent page names the app, the account and every scope', async () => {
      const { browser } = await start();

      const res = await browser.post('/oauth/authorize', {
        ...fields(browser),
        email: h.email.toUpperCase(),
        password: h.password,
      });

      assert.equal(res.status, 200);
      assert.match(res.html, /<h1>Allow Planning App to act for you\?<\/h1>/);
      assert.ok(res.html.includes(h.email), 'names who signed in');
      assert.match(res.html, /<code>seccl:write<\/code>/);
      assert.match(res.html, /<code>addons:read<\/code>/);
      assert.match(res.html, /app\.example\.com/);
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
    });
  });

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

function fields(browser: FormBrowser): { csrf: string; ticket: string } {
  return { csrf: browser.fields.csrf!, ticket: browser.fields.ticket! };
}
