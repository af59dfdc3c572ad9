/**
 * The session-token cache, one token per connection key. Concurrent callers share one
 * authentication in flight, and a token is reused only for the very connection that obtained it.
 */
import { createHash } from 'node:crypto';

import type { SecclConnection } from './types.js';

/** Obtains a fresh token; the cache decides when to call it. */
export type Authenticate = (conn: SecclConnection, requestId?: string) => Promise<string>;

interface Entry {
  fingerprint: string;
  token?: string;
  pending?: Promise<string>;
}

export class TokenCache {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly authenticate: Authenticate) {}

  /** The cached token, the authentication already in flight, or a new one. */
  get(conn: SecclConnection, requestId?: string): Promise<string> {
    const fingerprint = fingerprintOf(conn);
    const cached = this.#entries.get(conn.key);
    if (cached && cached.fingerprint === fingerprint) {
      if (cached.token !== undefined) return Promise.resolve(cached.token);
      if (cached.pending) return cached.pending;
    }

    // A key whose base URL or credentials changed gets a new entry, so an old token is never
    // sent to a new host. An entry replaced or forgotten meanwhile is left alone when this settles.
    const entry: Entry = { fingerprint };
    const current = () => this.#entries.get(conn.key) === entry;
    entry.pending = this.authenticate(conn, requestId).then(
      (token) => {
        if (current()) {
          entry.token = token;
          entry.pending = undefined;
        }
        return token;
      },
      (err: unknown) => {
        if (current()) this.#entries.delete(conn.key);
        throw err;
      },
    );
    this.#entries.set(conn.key, entry);
    return entry.pending;
  }

  /**
   * Drops `token` after Seccl refused it. A token that has already been replaced is left alone,
   * so many calls refused at once trigger one renewal between them, not one each.
   */
  invalidate(conn: SecclConnection, token: string): void {
    if (this.#entries.get(conn.key)?.token === token) this.#entries.delete(conn.key);
  }

  /** Drops whatever is cached or in flight for `key`. */
  forget(key: string): void {
    this.#entries.delete(key);
  }
}

// A digest rather than the values, so the cache holds no second copy of the password.
function fingerprintOf(conn: SecclConnection): string {
  const parts = [
    conn.baseUrl.replace(/\/+$/, ''),
    conn.firmId,
    conn.credentials.id,
    conn.credentials.password,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
