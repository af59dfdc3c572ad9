/**
 * The sign-in and consent pages in a real browser: Debian's headless Chromium, driven by
 * playwright-core, with JavaScript off (the pages must work without it). The app's redirect_uri
 * is a tiny server of this test's own on 127.0.0.1, so the browser really lands there. Skips, and
 * says why, when /usr/bin/chromium is not installed.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';
import {
  authorizePath,
  pkcePair,
  redeem,
  registerClient,
  startOAuthHarness,
  type OAuthHarness,
  type RegisteredClient,
} from './support/oauth.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing (apt-get install chromium), so the browser test is skipped`;

describe('OAuth2 sign-in in headless Chromium', { skip }, () => {
  let h: OAuthHarness;
  let app: Server;
  let appUrl: string;
  const landed: URL[] = [];
  let profile: string;
  let browser: BrowserContext;

  before(async () => {
    h = await startOAuthHarness();
    app = createServer((request, response) => {
      landed.push(new URL(request.url ?? '/', appUrl));
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>Connected</title><h1>Connected</h1>');
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const address = app.address();
    appUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    profile = mkdtempSync(join(tmpdir(), 'oauth-browser-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      javaScriptEnabled: false,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
    await h?.close();
  });

  test('signs in, consents and lands on the app with a code that redeems', async () => {
    const client: RegisteredClient = await registerClient(h, {
      redirectUri: `${appUrl}/callback`,
    });
    const { verifier, challenge } = pkcePair();
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });

    await page.goto(
      `${h.url}${authorizePath({ clientId: client.id, redirectUri: client.redirectUri, challenge })}`,
    );
    assert.equal(
      await page.getByRole('heading', { level: 1 }).textContent(),
      'Sign in to connect Planning App',
    );

    await page.getByLabel('Email address').fill(h.email);
    await page.getByLabel('Password').fill('a wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(
      await page.getByRole('alert').textContent(),
      'The email address or password is not right.',
    );
    const email = page.getByLabel('Email address');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    assert.equal(await email.getAttribute('aria-describedby'), 'sign-in-error');
    assert.equal(await email.inputValue(), h.email, 'the email is kept');

    await page.getByLabel('Password').fill(h.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Allow Planning App to act for you?' }).waitFor();
    assert.ok(await page.getByText('seccl:write', { exact: true }).isVisible());

    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${appUrl}/callback?**`);

    // The browser may also ask the app for /favicon.ico: find the callback itself.
    const arrival = landed.find((url) => url.pathname === '/callback');
    assert.ok(arrival, 'the browser landed on the callback');
    assert.equal(arrival.searchParams.get('state'), 'state-123');
    const code = arrival.searchParams.get('code');
    assert.match(code ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(blocked, [], 'the policy blocked nothing the flow needs');
    const tokens = await redeem(h, client, code!, verifier);
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    await page.close();
  });
});
