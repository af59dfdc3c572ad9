/**
 * Session tokens of the legacy `POST /authenticate` flow. Only a SHA-256 of each token is kept,
 * so the state file never holds a usable token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SandboxError } from './envelope.js';

/** Who a token speaks for, and until when. */
export interface Session {
  firmId: string;
  userId: string;
  expiresAt: number;
}

/** A session as the state file keeps it. */
export interface StoredToken extends Session {
  hash: string;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function unauthenticated(message: string): SandboxError {
  return new SandboxError(401, 'AuthenticationError', message);
}

export class TokenStore {
  readonly #sessions = new Map<string, Session>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly onChange: () => void,
  ) {}

  issue(firmId: string, userId: string): string {
    this.#forgetLongExpired();
    const token = randomBytes(32).toString('base64url');
    this.#sessions.set(hashToken(token), { firmId, userId, expiresAt: this.now() + this.ttlMs });
    this.onChange();
    return token;
  }

  /** The session of an `api-token` header value; throws a 401 when there is none. */
  check(token: string | undefined): Session {
    if (token === undefined || token === '')
      throw unauthenticated('The api-token header is missing.');

    const session = this.#sessions.get(hashToken(token));
    if (!session) throw unauthenticated('The api-token is not known.');
    if (session.expiresAt <= this.now()) throw unauthenticated('The api-token has expired.');
    return session;
  }

  /** Every token issued so far stops working; new ones are unaffected. */
  expireAll(): void {
    const now = this.now();
    for (const session of this.#sessions.values()) {
      session.expiresAt = Math.min(session.expiresAt, now);
    }
    this.onChange();
  }

  snapshot(): StoredToken[] {
    return [...this.#sessions].map(([hash, session]) => ({ hash, ...session }));
  }

  load(tokens: StoredToken[]): void {
    for (const { hash, firmId, userId, expiresAt } of tokens) {
      this.#sessions.set(hash, { firmId, userId, expiresAt });
    }
  }

  // An expired token still answers "expired" for a while, which helps a reader of a 401.
  #forgetLongExpired(): void {
    const horizon = this.now() - this.ttlMs;
    for (const [hash, session] of this.#sessions) {
      if (session.expiresAt < horizon) this.#sessions.delete(hash);
    }
  }
}

/** Refuses a firm id that is not the token's own. */
export function requireSameFirm(session: Session, firmId: string): void {
  if (firmId !== session.firmId) {
    throw new SandboxError(403, 'ForbiddenError', 'The api-token does not belong to this firm.');
  }
}
