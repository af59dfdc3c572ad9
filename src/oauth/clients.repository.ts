/**
 * Registered OAuth2 clients. A confidential client's secret is shown once, when it is made; only
 * its digest is kept. Public clients (apps in a browser or on a phone) have none and must use PKCE.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { oauthClients } from '../db/schema.js';
import type { ClientRegistration } from './client-registration.js';
import { digestOf, matchesDigest, newSecret } from './secrets.js';

export interface OAuthClient {
  id: string;
  name: string;
  /** The user who registered it; null for clients made at the command line. */
  userId: string | null;
  redirectUris: string[];
  confidential: boolean;
  scopes: string[];
  revokedAt: Date | null;
  createdAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = typeof oauthClients.$inferSelect;

export class ClientRepository {
  constructor(private readonly db: Db) {}

  /** Registers a client; `secret` is returned for confidential clients and never again. */
  async create(
    input: ClientRegistration,
    userId: string | null,
  ): Promise<{ client: OAuthClient; secret: string | null }> {
    const secret = input.confidential ? newSecret(40) : null;
    const [row] = await this.db
      .insert(oauthClients)
      .values({
        name: input.name,
        userId,
        secretHash: secret === null ? null : digestOf(secret),
        redirectUris: input.redirectUris,
        confidential: input.confidential,
        scopes: input.scopes,
      })
      .returning();
    return { client: toClient(row!), secret };
  }

  /** A client that has not been revoked, or undefined (also for an id that is not a UUID). */
  async findActive(id: string): Promise<OAuthClient | undefined> {
    const row = await this.activeRow(id);
    return row ? toClient(row) : undefined;
  }

  /**
   * The client these credentials prove, or undefined. A confidential client needs its secret; a
   * public one must send none.
   */
  async authenticate(id: string, secret: string | undefined): Promise<OAuthClient | undefined> {
    const row = await this.activeRow(id);
    if (!row) return undefined;
    if (row.confidential) {
      if (secret === undefined || row.secretHash === null) return undefined;
      if (!matchesDigest(secret, row.secretHash)) return undefined;
    } else if (secret !== undefined) {
      return undefined;
    }
    return toClient(row);
  }

  /** Clients a user registered (all of them when `userId` is null: the command line). */
  async list(userId: string | null): Promise<OAuthClient[]> {
    const rows = await this.db
      .select()
      .from(oauthClients)
      .where(userId === null ? undefined : eq(oauthClients.userId, userId))
      .orderBy(desc(oauthClients.createdAt));
    return rows.map(toClient);
  }

  /**
   * Revokes a client, which ends every token it holds (the bearer check looks at the client).
   * With a `userId`, only that user's clients; false when there was no such live client.
   */
  async revoke(id: string, userId: string | null, now: Date): Promise<boolean> {
    if (!UUID.test(id)) return false;
    const owner = userId === null ? undefined : eq(oauthClients.userId, userId);
    const rows = await this.db
      .update(oauthClients)
      .set({ revokedAt: now })
      .where(and(eq(oauthClients.id, id), isNull(oauthClients.revokedAt), owner))
      .returning({ id: oauthClients.id });
    return rows.length > 0;
  }

  private async activeRow(id: string): Promise<Row | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.db
      .select()
      .from(oauthClients)
      .where(and(eq(oauthClients.id, id.toLowerCase()), isNull(oauthClients.revokedAt)))
      .limit(1);
    return row;
  }
}

function toClient(row: Row): OAuthClient {
  return {
    id: row.id,
    name: row.name,
    userId: row.userId,
    redirectUris: row.redirectUris,
    confidential: row.confidential,
    scopes: row.scopes,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
  };
}
