/**
 * Checking a subscribe request. The base URL is where the service will send the platform's
 * credentials, so it is held tight: https to a named host or a public address; plain http only to
 * the loopback origins the service itself runs (the embedded sandbox). A firm admin cannot make
 * the service call, or scan, other ports of this machine or a private network by address.
 *
 * Known limit: a host *name* is not resolved here, so a name that resolves to a private address
 * passes this check; a deployment that must rule that out puts an egress proxy or firewall in
 * front of the service.
 */
import { isIP } from 'node:net';
import { isPlainText, isStorable } from '../text/storable.js';
import { ValidationError, type FieldErrors } from '../errors.js';
import { findAddon } from './catalogue.js';
import type { SubscriptionConfig } from './subscription-config.js';

export interface SubscribeRequest {
  addon: string;
  enabled: boolean;
  config: SubscriptionConfig;
}

export interface SubscribeOptions {
  /** Origins allowed over plain http, e.g. the embedded sandbox's `http://127.0.0.1:4010`. */
  httpOrigins: readonly string[];
}

export function parseSubscribeRequest(body: unknown, options: SubscribeOptions): SubscribeRequest {
  const errors: FieldErrors = {};
  const fail = (key: string, message: string) => (errors[key] = [message]);
  const root = isObject(body) ? body : {};
  const config = isObject(root.config) ? root.config : {};
  const auth = isObject(config.auth) ? config.auth : {};

  const addon = text(root.addon);
  if (addon === undefined) fail('addon', 'The addon field is required.');
  else if (!findAddon(addon)) fail('addon', 'The selected addon is invalid.');

  let enabled = true;
  if (root.enabled !== undefined && root.enabled !== null) {
    if (typeof root.enabled !== 'boolean')
      fail('enabled', 'The enabled field must be true or false.');
    else enabled = root.enabled;
  }
  if (!isObject(root.config)) fail('config', 'The config field is required.');

  const firmId = text(config.firm_id);
  if (firmId === undefined) fail('config.firm_id', 'The config.firm id field is required.');
  else if (!/^[A-Z0-9]{2,20}$/.test(firmId)) {
    fail(
      'config.firm_id',
      'The config.firm id field must be a Seccl firm id (upper-case letters and digits).',
    );
  }

  const baseUrl = text(config.base_url);
  if (baseUrl === undefined) fail('config.base_url', 'The config.base url field is required.');
  else if (!safeBaseUrl(baseUrl, options)) {
    fail(
      'config.base_url',
      'The config.base url field must be an https URL (http only on localhost).',
    );
  }

  const mode = text(auth.mode) ?? 'legacy';
  if (mode !== 'legacy') fail('config.auth.mode', 'The selected config.auth.mode is invalid.');
  const id = text(auth.id);
  if (id === undefined) fail('config.auth.id', 'The config.auth.id field is required.');
  else if (!isPlainText(id) || id.length > 254) {
    fail('config.auth.id', 'The config.auth.id field must be a Seccl user id or email.');
  }
  const password = typeof auth.password === 'string' ? auth.password : undefined;
  if (password === undefined || password.length === 0) {
    fail('config.auth.password', 'The config.auth.password field is required.');
  } else if (!isStorable(password) || password.length > 1024) {
    fail('config.auth.password', 'The config.auth.password field is not a usable password.');
  }

  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return {
    addon: addon!,
    enabled,
    config: {
      firmId: firmId!,
      baseUrl: baseUrl!.replace(/\/+$/, ''),
      auth: { mode: 'legacy', id: id!, password: password! },
    },
  };
}

function safeBaseUrl(raw: string, options: SubscribeOptions): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'http:') return options.httpOrigins.includes(url.origin);
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  return isIP(host) === 0 || isPublicAddress(host);
}

/** False for loopback, private, link-local, shared, unique-local and unspecified addresses. */
function isPublicAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number) as [number, number];
    return !(
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPublicAddress(mapped[1]!);
  return !(
    lower === '::' ||
    lower === '::1' ||
    /^f[cd]/.test(lower) ||
    /^fe[89ab]/.test(lower) ||
    lower.startsWith('::ffff:')
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
