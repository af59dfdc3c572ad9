/**
 * What OAuth2 refuses, and how: problems before the redirect_uri is trusted stay on this
 * service's page; later ones go back to the app (the token endpoint: oauth.token-refusals.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  authorizePath,
  FormBrowser,
  movableClock,
  pkcePair,
  registerClient,
  startOAuthHarness,
  type OAuthHarness,
  type RegisteredClient,
} from './support/oauth.js';

describe('OAuth2 refusals', () => {
  const clock = movableClock('2026-06-01T09:00:00Z');
  let h: OAuthHarness;
  let pub: RegisteredClient;
  before(async () => {
    h = await startOAuthHarness({ clock });
    pub = await registerClient(h);
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
});

function fields(browser: FormBrowser): { csrf: string; ticket: string } {
  return { csrf: browser.fields.csrf!, ticket: browser.fields.ticket! };
}
