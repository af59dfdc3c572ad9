/**
 * Personal access tokens, shaped `<id>|<secret>` like the CRM's own. Only sha256(secret) is kept;
 * the secret is shown once, when the token is made.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.js';
import { personalAccessTokens } from '../db/schema.js';
import type { Caller } from './principal.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// last_used_at is a hint for people, not an audit trail: writing it on every request would turn
// each read into a write, so it moves at most once a minute.
const LAST_USED_GRANULARITY_MS = 60_000;

export interface NewToken {
  userId: string;
  name: string;
  abilities: string[];
  expiresAt?: Date;
}

export interface TokenView {
  id: string;
  name: string;
  abilities: string[];
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export async function createPersonalAccessToken(
  db: Db | Tx,
  input: NewToken,
): Promise<{ token: string; view: TokenView }> {
  const secret = randomBytes(30).toString('base64url');
  const [row] = await db
    .insert(personalAccessTokens)
    .values({
      userId: input.userId,
      name: input.name,
      secretHash: hashSecret(secret).toString('hex'),
      abilities: input.abilities,
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  return { token: `${row!.id}|${secret}`, view: toView(row!) };
}

/** The caller a token proves, or null for anything malformed, unknown, revoked or expired. */
export async function verifyPersonalAccessToken(
  db: Db,
  token: string,
  now: Date = new Date(),
): Promise<Caller | null> {
  const bar = token.indexOf('|');
  const id = token.slice(0, bar);
  const secret = token.slice(bar + 1);
  if (bar < 0 || !UUID.test(id) || secret.length === 0 || secret.length > 200) return null;

  const [row] = await db
    .select()
    .from(personalAccessTokens)
    .where(eq(personalAccessTokens.id, id))
    .limit(1);
  if (!row) return null;
  const matches = timingSafeEqual(Buffer.from(row.secretHash, 'hex'), hashSecret(secret));
  if (!matches || row.revokedAt !== null) return null;
  if (row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime()) return null;

  if (
    row.lastUsedAt === null ||
    now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS
  ) {
    await db
      .update(personalAccessTokens)
      .set({ lastUsedAt: now })
      .where(eq(personalAccessTokens.id, row.id));
  }
  return {
    userId: row.userId,
    via: 'personal_access_token',
    tokenId: row.id,
    abilities: row.abilities,
    expiresAt: row.expiresAt,
  };
}

export async function listPersonalAccessTokens(db: Db, userId: string): Promise<TokenView[]> {
  const rows = await db
    .select()
    .from(personalAccessTokens)
    .where(eq(personalAccessTokens.userId, userId))
    .orderBy(desc(personalAccessTokens.createdAt));
  return rows.map(toView);
}

/** Revokes one of the user's tokens; false when the user holds no such live token. */
export async function revokePersonalAccessToken(
  db: Db | Tx,
  userId: string,
  tokenId: string,
  now: Date = new Date(),
): Promise<boolean> {
  if (!UUID.test(tokenId)) return false;
  const rows = await db
    .update(personalAccessTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(personalAccessTokens.id, tokenId),
        eq(personalAccessTokens.userId, userId),
        isNull(personalAccessTokens.revokedAt),
      ),
    )
    .returning({ id: personalAccessTokens.id });
  return rows.length > 0;
}

function toView(row: typeof personalAccessTokens.$inferSelect): TokenView {
  return {
    id: row.id,
    name: row.name,
    abilities: row.abilities,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
  };
}
