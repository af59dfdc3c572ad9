/**
 * Issuing and revoking personal access tokens, for the API and the CLI alike. A token belongs to
 * a user and works in every firm where that user holds a login, so each change leaves an audit row
 * in every one of those firms: each firm's admins see the credentials that can reach their data.
 */
import { eq } from 'drizzle-orm';
import { recordAudit, type AuditAction } from '../audit/audit.js';
import type { Db, Tx } from '../db/database.js';
import { logins } from '../db/schema.js';
import {
  createPersonalAccessToken,
  revokePersonalAccessToken,
  type NewToken,
  type TokenView,
} from './personal-access-tokens.js';

/** Where a change came from, for the audit row: the API (with the token used) or the CLI. */
export type TokenChangeSource = { kind: 'api'; byToken: string } | { kind: 'cli' };

export async function issueToken(
  db: Db,
  input: NewToken,
  source: TokenChangeSource,
): Promise<{ token: string; view: TokenView }> {
  return db.transaction(async (tx) => {
    const issued = await createPersonalAccessToken(tx, input);

    await auditInEveryFirm(tx, input.userId, 'token.created', {
      token_id: issued.view.id,
      abilities: issued.view.abilities,
      expires_at: issued.view.expiresAt?.toISOString() ?? null,
      ...sourceDetail(source),
    });
    return issued;
  });
}

/** Revokes one of the user's live tokens; false when there is no such token. */
export async function revokeToken(
  db: Db,
  userId: string,
  tokenId: string,
  now: Date,
  source: TokenChangeSource,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await revokePersonalAccessToken(tx, userId, tokenId, now);
    if (!revoked) return false;

    await auditInEveryFirm(tx, userId, 'token.revoked', {
      token_id: tokenId.toLowerCase(),
      ...sourceDetail(source),
    });
    return true;
  });
}

async function auditInEveryFirm(
  tx: Tx,
  userId: string,
  action: AuditAction,
  detail: Record<string, unknown>,
): Promise<void> {
  const held = await tx
    .select({ id: logins.id, firmId: logins.firmId })
    .from(logins)
    .where(eq(logins.userId, userId));
  for (const login of held) {
    await recordAudit(tx, { firmId: login.firmId, action, loginId: login.id, userId, detail });
  }
}

function sourceDetail(source: TokenChangeSource): Record<string, string> {
  return source.kind === 'api' ? { source: 'api', by_token: source.byToken } : { source: 'cli' };
}
