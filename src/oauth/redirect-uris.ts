/**
 * Redirect URIs: which may be registered, how an answer is appended to one, and the
 * Content-Security-Policy source that lets the sign-in form's redirect reach it.
 *
 * Registered URIs are compared to the request's exactly, character for character: no prefix,
 * wildcard or port leeway, since every leeway has been a way to steal codes somewhere.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);
// A native app's private-use scheme must be a reversed domain name (RFC 8252 §7.1), which keeps
// out `javascript:`, `data:`, `file:` and the like.
const PRIVATE_SCHEME = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+:$/;
export const MAX_REDIRECT_URI_LENGTH = 2000;

/** Why `uri` cannot be registered, or undefined when it can. */
export function redirectUriProblem(uri: string): string | undefined {
  if (uri.length > MAX_REDIRECT_URI_LENGTH) return 'is too long';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'must be an absolute URI';
  }
  if (url.href !== uri && url.href !== `${uri}/`) {
    return 'must be written in its normal form (as a browser would write it)';
  }
  if (url.hash !== '' || uri.includes('#')) return 'must not hold a fragment';
  if (url.username !== '' || url.password !== '') return 'must not hold a user name or password';

  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    return LOOPBACK_HOSTS.has(url.hostname)
      ? undefined
      : 'must use https (http only on 127.0.0.1 or localhost)';
  }
  if (PRIVATE_SCHEME.test(url.protocol)) return undefined;
  return 'must use https, http on 127.0.0.1 or localhost, or an app scheme like com.example.app:';
}

/** `uri` with the answer's parameters added to its query, keeping the query it already has. */
export function withParameters(
  uri: string,
  parameters: Record<string, string | undefined>,
): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined) url.searchParams.append(name, value);
  }
  return url.href;
}

/**
 * The CSP source that allows a form submission to end at `uri`. Browsers apply `form-action` to
 * the redirect after a POST too, so the consent form needs the app's origin beside `'self'`.
 */
export function formActionSource(uri: string): string {
  const url = new URL(uri);
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  return url.protocol;
}
