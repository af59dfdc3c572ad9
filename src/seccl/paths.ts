/**
 * Seccl's endpoints and the one way to turn them into URLs. Ids are never pasted into a path:
 * each `{name}` in a template is filled with `encodeURIComponent` of its value.
 */
import { SecclError } from './errors.js';

export interface SecclEndpoint {
  method: 'GET' | 'POST';
  /** The path with `{name}` placeholders; it is what logs show, never the filled path. */
  template: string;
}

/** Every endpoint the client calls. The read path is assumed by analogy (see the spec). */
export const ENDPOINTS = {
  authenticate: { method: 'POST', template: '/authenticate' },
  createClient: { method: 'POST', template: '/client' },
  getClient: { method: 'GET', template: '/client/{firmId}/{clientId}' },
  searchClients: { method: 'GET', template: '/client/{firmId}' },
  listNodes: { method: 'GET', template: '/node/{firmId}' },
} as const satisfies Record<string, SecclEndpoint>;

/** `METHOD /template`, as errors and logs name an endpoint. */
export function endpointLabel(endpoint: SecclEndpoint): string {
  return `${endpoint.method} ${endpoint.template}`;
}

/**
 * Builds the URL of `template` under `baseUrl`, which may carry a path prefix and may or may not
 * end in `/`. Throws a SecclError (before anything is sent) for a base URL that is not plain
 * http(s), or for a value that is empty or a dot segment: `..` would climb out of the path
 * even percent-encoded, since URL parsers decode `%2e%2e` as a dot segment.
 */
export function secclUrl(
  baseUrl: string,
  template: string,
  params: Record<string, string> = {},
  query?: URLSearchParams,
): URL {
  const base = parseBase(baseUrl);
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => segment(name, params));
  const url = new URL(base.origin + base.pathname.replace(/\/+$/, '') + path);
  if (query) url.search = query.toString();
  return url;
}

function parseBase(baseUrl: string): URL {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    // Not kept as cause: Node's URL error carries the input, which may hold a password.
    throw new SecclError('Seccl base URL is not a valid URL');
  }

  const plain =
    (base.protocol === 'https:' || base.protocol === 'http:') &&
    base.username === '' &&
    base.password === '' &&
    base.search === '' &&
    base.hash === '';
  if (!plain) {
    throw new SecclError('Seccl base URL must be http(s) without credentials, query or fragment');
  }
  return base;
}

function segment(name: string, params: Record<string, string>): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
    throw new SecclError(`Seccl path parameter ${name} is missing, empty or a dot segment`);
  }
  return encodeURIComponent(value);
}
