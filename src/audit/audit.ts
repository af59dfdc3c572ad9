/** Audit rows: who did what, in which firm, to which client. Ids only, never personal values. */
import type { Db, Tx } from '../db/database.js';
import { auditEvents } from '../db/schema.js';

/** Every action an audit row can record; `GET /api/v1/audit-events?action=` takes one of these. */
export const auditActions = [
  'client.created',
  'client.linked',
  'client.sync_failed',
  'token.created',
  'token.revoked',
  'subscription.created',
  'subscription.updated',
  'oauth.client_created',
  'oauth.token_revoked',
] as const;

export type AuditAction = (typeof auditActions)[number];

export interface AuditEntry {
  firmId: string;
  action: AuditAction;
  loginId?: string | null;
  userId?: string | null;
  accountId?: string | null;
  secclClientId?: string | null;
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    firmId: entry.firmId,
    action: entry.action,
    loginId: entry.loginId ?? null,
    userId: entry.userId ?? null,
    accountId: entry.accountId ?? null,
    secclClientId: entry.secclClientId ?? null,
    detail: entry.detail ?? null,
  });
}
