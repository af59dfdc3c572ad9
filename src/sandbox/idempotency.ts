/**
 * Idempotency keys of state-changing calls, as Seccl's overview describes them: per firm, the
 * first answer is replayed for 72 hours, and a key reused with another body is refused.
 */
import { createHash } from 'node:crypto';
import type { Reply } from './envelope.js';

export const IDEMPOTENCY_TTL_MS = 72 * 60 * 60 * 1000;

/** The stored first answer to one key, as the state file keeps it. */
export interface IdempotencyRecord {
  firmId: string;
  key: string;
  fingerprint: string;
  status: number;
  body: unknown;
  expiresAt: number;
}

/** Same value, same fingerprint, whatever the order of object keys. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class IdempotencyStore {
  readonly #records = new Map<string, IdempotencyRecord>();

  constructor(
    private readonly now: () => number,
    private readonly onChange: () => void,
  ) {}

  find(firmId: string, key: string): IdempotencyRecord | undefined {
    const id = JSON.stringify([firmId, key]);
    const record = this.#records.get(id);
    if (record && record.expiresAt <= this.now()) {
      this.#records.delete(id);
      this.onChange();
      return undefined;
    }
    return record;
  }

  remember(firmId: string, key: string, print: string, reply: Reply): void {
    const expiresAt = this.now() + IDEMPOTENCY_TTL_MS;
    const record = {
      firmId,
      key,
      fingerprint: print,
      status: reply.status,
      body: reply.body,
      expiresAt,
    };
    this.#records.set(JSON.stringify([firmId, key]), record);
    this.onChange();
  }

  snapshot(): IdempotencyRecord[] {
    const now = this.now();
    return [...this.#records.values()].filter((record) => record.expiresAt > now);
  }

  load(records: IdempotencyRecord[]): void {
    for (const record of records)
      this.#records.set(JSON.stringify([record.firmId, record.key]), record);
  }
}
