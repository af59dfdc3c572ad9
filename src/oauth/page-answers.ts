/**
 * How the authorization steps become HTTP answers: HTML pages with a strict Content-Security-
 * Policy that cannot be framed, or redirects to the app; and the CSRF cookie they rely on.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Step } from './authorize.service.js';
import { consentPage, problemPage, signInPage, STYLE_SOURCE } from './pages.js';
import { formActionSource } from './redirect-uris.js';
import { newSecret } from './secrets.js';

export const CSRF_COOKIE = 'oauth_csrf';
const CSRF_VALUE = /^[A-Za-z0-9_-]{43}$/;

/** The browser's CSRF cookie, when it sent a well-formed one. */
export function csrfCookieOf(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === CSRF_COOKIE && value !== undefined && CSRF_VALUE.test(value)) return value;
  }
  return undefined;
}

/** The cookie to use for a new sign-in: the browser's own when it has one (several tabs). */
export function ensureCsrfCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secure: boolean,
): string {
  const existing = csrfCookieOf(request);
  if (existing !== undefined) return existing;
  const value = newSecret(32);
  // Lax: sent when the app links here, never on another site's POST; HttpOnly: scripts never see it.
  const attributes = ['Path=/oauth', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])];
  reply.header('set-cookie', `${CSRF_COOKIE}=${value}; ${attributes.join('; ')}`);
  return value;
}

/** Sends a step: its page, or the redirect (302 after a GET, 303 after a form POST). */
export function sendStep(
  reply: FastifyReply,
  step: Step,
  csrf: string | undefined,
  after: 'GET' | 'POST',
): FastifyReply {
  reply.headers({
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  if (step.kind === 'redirect') {
    return reply
      .code(after === 'GET' ? 302 : 303)
      .header('location', step.location)
      .send();
  }
  if (step.kind === 'problem') return sendPage(reply, step.status, problemPage(step.message), []);

  const forms = [formActionSource(step.request.redirectUri)];
  const shared = { appName: step.client.name, csrf: csrf ?? '', ticket: step.ticket };
  if (step.kind === 'sign-in') {
    const status = step.errors ? 422 : 200;
    return sendPage(
      reply,
      status,
      signInPage({ ...shared, email: step.email, errors: step.errors }),
      forms,
    );
  }
  const destination = destinationOf(step.request.redirectUri);
  const page = consentPage({
    ...shared,
    email: step.email,
    scopes: step.request.scopes,
    destination,
  });
  return sendPage(reply, 200, page, forms);
}

function sendPage(reply: FastifyReply, status: number, html: string, forms: string[]) {
  const formAction = forms.length === 0 ? "'none'" : ["'self'", ...forms].join(' ');
  const policy = [
    "default-src 'none'",
    `style-src ${STYLE_SOURCE}`,
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return reply
    .code(status)
    .headers({ 'content-security-policy': policy, 'x-frame-options': 'DENY' })
    .type('text/html; charset=utf-8')
    .send(html);
}

function destinationOf(uri: string): string {
  const url = new URL(uri);
  return url.host === '' ? url.protocol.replace(/:$/, '') : url.host;
}
