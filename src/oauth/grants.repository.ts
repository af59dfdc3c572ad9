/**
 * Authorization codes, access tokens (by jti) and refresh tokens in the database. Everything one
 * code leads to shares the code's family id, so a replayed code or refresh token can revoke the
 * whole line at once. Codes and refresh tokens are kept only as digests.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.js';
import {
  oauthAccessTokens,
  oauthAuthCodes,
  oauthClients,
  oauthRefreshTokens,
} from '../db/schema.js';

type Handle = Db | Tx;
export type CodeRow = typeof oauthAuthCodes.$inferSelect;
export type RefreshRow = typeof oauthRefreshTokens.$inferSelect;

/** What presenting a one-use secret found: a live row (now spent), a spent one, or nothing. */
export type Presented<T> =
  { kind: 'fresh'; row: T } | { kind: 'spent'; familyId: string } | { kind: 'unknown' };

export interface NewTokens {
  jti: string;
  refreshHash: string;
  clientId: string;
  userId: string;
  familyId: string;
  /** The access token's scopes (a refresh may narrow them). */
  scopes: string[];
  /** The grant's scopes, which the refresh token keeps for later refreshes. */
  grantScopes: string[];
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
}

export class GrantRepository {
  constructor(private readonly db: Db) {}

  async storeCode(code: typeof oauthAuthCodes.$inferInsert): Promise<void> {
    await this.db.insert(oauthAuthCodes).values(code);
  }

  /**
   * Spends a code. The update takes the row's lock, so of two requests racing with one code the
   * second waits, then finds it spent and can revoke what the first was given.
   */
  async spendCode(tx: Tx, codeHash: string, now: Date): Promise<Presented<CodeRow>> {
    const [row] = await tx
      .update(oauthAuthCodes)
      .set({ usedAt: now })
      .where(and(eq(oauthAuthCodes.codeHash, codeHash), isNull(oauthAuthCodes.usedAt)))
      .returning();
    if (row) return { kind: 'fresh', row };

    const [spent] = await tx
      .select({ familyId: oauthAuthCodes.familyId })
      .from(oauthAuthCodes)
      .where(eq(oauthAuthCodes.codeHash, codeHash))
      .limit(1);
    return spent ? { kind: 'spent', familyId: spent.familyId } : { kind: 'unknown' };
  }

  /** Spends a refresh token of this client (rotation); another client's token is unknown here. */
  async spendRefreshToken(
    tx: Tx,
    tokenHash: string,
    clientId: string,
    now: Date,
  ): Promise<Presented<RefreshRow>> {
    const mine = and(
      eq(oauthRefreshTokens.tokenHash, tokenHash),
      eq(oauthRefreshTokens.clientId, clientId),
    );
    const [row] = await tx
      .update(oauthRefreshTokens)
      .set({ revokedAt: now })
      .where(and(mine, isNull(oauthRefreshTokens.revokedAt)))
      .returning();
    if (row) return { kind: 'fresh', row };

    const [spent] = await tx
      .select({ familyId: oauthRefreshTokens.familyId })
      .from(oauthRefreshTokens)
      .where(mine)
      .limit(1);
    return spent ? { kind: 'spent', familyId: spent.familyId } : { kind: 'unknown' };
  }

  async insertTokens(tx: Tx, tokens: NewTokens): Promise<void> {
    const owner = { clientId: tokens.clientId, userId: tokens.userId, familyId: tokens.familyId };
    await tx.insert(oauthAccessTokens).values({
      jti: tokens.jti,
      ...owner,
      scopes: tokens.scopes,
      expiresAt: tokens.accessExpiresAt,
    });
    await tx.insert(oauthRefreshTokens).values({
      tokenHash: tokens.refreshHash,
      accessTokenJti: tokens.jti,
      ...owner,
      scopes: tokens.grantScopes,
      expiresAt: tokens.refreshExpiresAt,
    });
  }

  /** Revokes every access and refresh token of a family. */
  async revokeFamily(handle: Handle, familyId: string, now: Date): Promise<void> {
    await handle
      .update(oauthAccessTokens)
      .set({ revokedAt: now })
      .where(and(eq(oauthAccessTokens.familyId, familyId), isNull(oauthAccessTokens.revokedAt)));
    await handle
      .update(oauthRefreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(oauthRefreshTokens.familyId, familyId), isNull(oauthRefreshTokens.revokedAt)));
  }

  /** Revokes one access token of this client. */
  async revokeAccessToken(handle: Handle, jti: string, clientId: string, now: Date): Promise<void> {
    await handle
      .update(oauthAccessTokens)
      .set({ revokedAt: now })
      .where(
        and(
          eq(oauthAccessTokens.jti, jti),
          eq(oauthAccessTokens.clientId, clientId),
          isNull(oauthAccessTokens.revokedAt),
        ),
      );
  }

  /** The family of a refresh token of this client, if there is one. */
  async refreshFamily(tokenHash: string, clientId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ familyId: oauthRefreshTokens.familyId })
      .from(oauthRefreshTokens)
      .where(
        and(eq(oauthRefreshTokens.tokenHash, tokenHash), eq(oauthRefreshTokens.clientId, clientId)),
      )
      .limit(1);
    return row?.familyId;
  }

  /**
   * An access token's row when both it and its client are live, for the bearer check; undefined
   * when revoked, unknown, or its client was revoked.
   */
  async liveAccessToken(jti: string) {
    const [row] = await this.db
      .select({
        clientId: oauthAccessTokens.clientId,
        userId: oauthAccessTokens.userId,
        scopes: oauthAccessTokens.scopes,
        expiresAt: oauthAccessTokens.expiresAt,
      })
      .from(oauthAccessTokens)
      .innerJoin(oauthClients, eq(oauthClients.id, oauthAccessTokens.clientId))
      .where(
        and(
          eq(oauthAccessTokens.jti, jti),
          isNull(oauthAccessTokens.revokedAt),
          isNull(oauthClients.revokedAt),
        ),
      )
      .limit(1);
    return row;
  }
}
