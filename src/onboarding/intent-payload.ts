/**
 * What an intent keeps (sealed) so that any instance can finish it later: the Seccl body exactly
 * as sent, and what the sync needs to link and answer.
 */
import { createHash } from 'node:crypto';
import type { SecclCreateClientBody } from '../seccl/types.js';
import type { ClientRequest } from './client-request.js';

export interface IntentPayload {
  body: SecclCreateClientBody;
  request: ClientRequest;
  parentSecclId: string | null;
  userId: string;
  requestId: string;
}

/** A stable hash of the validated request: same body, same fingerprint, whatever the key order. */
export function fingerprintOf(request: ClientRequest): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
