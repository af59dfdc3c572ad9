/**
 * Checking a subscribe request. A base URL must be https, except on this machine's loopback
 * (the embedded sandbox): credentials are never sent in clear over a network.
 */
import { ValidationError, type FieldErrors } from '../errors.js';
import { findAddon } from './catalogue.js';
import type { SubscriptionConfig } from './subscription-config.js';

export interface SubscribeRequest {
  addon: string;
  enabled: boolean;
  config: SubscriptionConfig;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function parseSubscribeRequest(body: unknown): SubscribeRequest {
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
  else if (!safeBaseUrl(baseUrl)) {
    fail(
      'config.base_url',
      'The config.base url field must be an https URL (http only on localhost).',
    );
  }

  const mode = text(auth.mode) ?? 'legacy';
  if (mode !== 'legacy') fail('config.auth.mode', 'The selected config.auth.mode is invalid.');
  const id = text(auth.id);
  if (id === undefined) fail('config.auth.id', 'The config.auth.id field is required.');
  const password = typeof auth.password === 'string' ? auth.password : undefined;
  if (password === undefined || password.length === 0) {
    fail('config.auth.password', 'The config.auth.password field is required.');
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

function safeBaseUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
