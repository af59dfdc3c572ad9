/**
 * The OAuth2 side of the harness: the app with OAuth2 wired as the service wires it, a password
 * for the harness's adviser, client registration through the API, and the browser's part of the
 * dance done with fetch (cookie, hidden fields, form posts) for the tests that need no browser.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema.js';
import { setPassword } from '../../src/identity/passwords.js';
import {
  createOAuth,
  signingKeyFromPem,
  type OAuth,
  type SigningKey,
} from '../../src/oauth/index.js';
import { challengeOf } from '../../src/oauth/pkce.js';
import type { Clock } from '../../src/rules/index.js';
import { startHarness, type Harness, type HarnessOptions } from './harness.js';

export interface OAuthHarness extends Harness {
  oauth: OAuth;
  key: SigningKey;
  /** The harness adviser's sign-in. */
  email: string;
  password: string;
}

/** A clock the test moves by hand. */
export function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let ms = Date.parse(iso);
  return { now: () => new Date(ms), advance: (by) => (ms += by) };
}

let pem: string | undefined;

/** One RSA key per test process: generating one costs tens of milliseconds. */
export function testKeyPem(): string {
  pem ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return pem;
}

export async function startOAuthHarness(options: HarnessOptions = {}): Promise<OAuthHarness> {
  const key = await signingKeyFromPem(testKeyPem());
  let oauth: OAuth | undefined;
  const h = await startHarness({
    ...options,
    extend: async ({ db, box, clock }) => {
      oauth = createOAuth({ db, box, clock, key, secureCookies: false });
      return { extraVerifiers: [oauth.verifier], oauth };
    },
  });

  const [user] = await h.database.db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, h.firm.userId));
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  await setPassword(h.database.db, user!.email, password);
  return Object.assign(h, { oauth: oauth!, key, email: user!.email, password });
}

export interface RegisteredClient {
  id: string;
  secret: string | null;
  redirectUri: string;
}

/** Registers a client through the API with the harness admin's token. */
export async function registerClient(
  h: Harness,
  options: { confidential?: boolean; redirectUri?: string; scopes?: string[] } = {},
): Promise<RegisteredClient> {
  const redirectUri = options.redirectUri ?? 'https://app.example.com/callback';
  const res = await h.call('POST', '/api/v1/oauth/clients', {
    body: {
      name: 'Planning App',
      redirect_uris: [redirectUri],
      confidential: options.confidential ?? false,
      scopes: options.scopes,
    },
  });
  if (res.status !== 201)
    throw new Error(`client registration answered ${res.status}: ${res.text}`);
  return { id: res.body.data.id, secret: res.body.data.secret, redirectUri };
}

/** A PKCE verifier and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: challengeOf(verifier) };
}

export interface PageAnswer {
  status: number;
  headers: Headers;
  html: string;
  /** The Location header of a redirect. */
  location: string | null;
}

/** A browser stand-in: keeps the CSRF cookie and reads the hidden fields of the last page. */
export class FormBrowser {
  cookie: string | undefined;
  fields: { csrf?: string; ticket?: string } = {};

  constructor(private readonly h: Harness) {}

  async get(path: string): Promise<PageAnswer> {
    return this.send('GET', path);
  }

  async post(path: string, form: Record<string, string>): Promise<PageAnswer> {
    return this.send('POST', path, new URLSearchParams(form).toString());
  }

  private async send(method: string, path: string, body?: string): Promise<PageAnswer> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(`${this.h.url}${path}`, {
      method,
      headers,
      body,
      redirect: 'manual',
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const html = await response.text();
    const hidden = (name: string) =>
      new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&');
    if (response.status < 300 || response.status >= 400) {
      this.fields = { csrf: hidden('csrf'), ticket: hidden('ticket') };
    }
    return {
      status: response.status,
      headers: response.headers,
      html,
      location: response.headers.get('location'),
    };
  }
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  scope?: string;
  state?: string;
  challenge?: string;
  method?: string;
  extra?: Record<string, string>;
}

export function authorizePath(params: AuthorizeParams): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    scope: params.scope ?? 'seccl:write seccl:read addons:read',
    state: params.state ?? 'state-123',
    ...(params.challenge === undefined ? {} : { code_challenge: params.challenge }),
    ...(params.challenge === undefined && params.method === undefined
      ? {}
      : { code_challenge_method: params.method ?? 'S256' }),
    ...params.extra,
  });
  return `/oauth/authorize?${query}`;
}

/** The whole browser part: authorize, sign in, allow. Answers the code from the redirect. */
export async function obtainCode(
  h: OAuthHarness,
  client: RegisteredClient,
  options: { scope?: string; challenge?: string; state?: string } = {},
): Promise<string> {
  const browser = new FormBrowser(h);
  const start = await browser.get(
    authorizePath({
      clientId: client.id,
      redirectUri: client.redirectUri,
      scope: options.scope,
      state: options.state,
      challenge: options.challenge,
    }),
  );
  if (start.status !== 200) throw new Error(`authorize answered ${start.status}: ${start.html}`);
  const signedIn = await browser.post('/oauth/authorize', {
    ...browser.fields,
    email: h.email,
    password: h.password,
  } as Record<string, string>);
  if (signedIn.status !== 200) throw new Error(`sign-in answered ${signedIn.status}`);
  const decided = await browser.post('/oauth/consent', {
    ...browser.fields,
    decision: 'allow',
  } as Record<string, string>);
  const code = decided.location ? new URL(decided.location).searchParams.get('code') : null;
  if (decided.status !== 303 || !code) throw new Error(`consent answered ${decided.status}`);
  return code;
}

export interface TokenCall {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A form POST to a token-like endpoint, optionally with HTTP Basic. */
export async function postForm(
  h: Harness,
  path: string,
  form: Record<string, string>,
  basic?: { id: string; secret: string },
): Promise<TokenCall> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) {
    const pair = `${encodeURIComponent(basic.id)}:${encodeURIComponent(basic.secret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  const response = await fetch(`${h.url}${path}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

/** Exchanges a code for tokens as a public client (or a confidential one with `secret`). */
export function redeem(
  h: Harness,
  client: RegisteredClient,
  code: string,
  verifier?: string,
): Promise<TokenCall> {
  return postForm(h, '/oauth/token', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
    client_id: client.id,
    ...(client.secret ? { client_secret: client.secret } : {}),
    ...(verifier ? { code_verifier: verifier } : {}),
  });
}

export function refresh(h: Harness, client: RegisteredClient, token: string): Promise<TokenCall> {
  return postForm(h, '/oauth/token', {
    grant_type: 'refresh_token',
    refresh_token: token,
    client_id: client.id,
    ...(client.secret ? { client_secret: client.secret } : {}),
  });
}
