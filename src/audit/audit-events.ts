/**
 * Reading a firm's audit trail: newest first, a page at a time, optionally one action only. The
 * firm is always part of the query, so no filter can reach another firm's rows.
 */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { auditEvents, logins } from '../db/schema.js';

export interface AuditQuery {
  firmId: string;
  action?: string;
  page: number;
  perPage: number;
}

export interface AuditEventView {
  uuid: string;
  action: string;
  /** The user who acted, and the employee account of their login in this firm. */
  actor: { user_uuid: string | null; account_uuid: string | null };
  account_uuid: string | null;
  seccl_client_id: string | null;
  detail: Record<string, unknown> | null;
  created_at: string;
}

export interface AuditPage {
  data: AuditEventView[];
  meta: { current_page: number; per_page: number; total: number; last_page: number };
}

export async function listAuditEvents(db: Db, query: AuditQuery): Promise<AuditPage> {
  const conditions: SQL[] = [eq(auditEvents.firmId, query.firmId)];
  if (query.action !== undefined) conditions.push(eq(auditEvents.action, query.action));
  const where = and(...conditions);

  const [totals] = await db.select({ total: count() }).from(auditEvents).where(where);
  const rows = await db
    .select({ event: auditEvents, loginAccount: logins.accountId })
    .from(auditEvents)
    .leftJoin(logins, eq(logins.id, auditEvents.loginId))
    .where(where)
    // The id breaks ties between rows written in the same instant, so pages never overlap.
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage);

  const total = Number(totals?.total ?? 0);
  return {
    data: rows.map(({ event, loginAccount }) => ({
      uuid: event.id,
      action: event.action,
      actor: { user_uuid: event.userId, account_uuid: loginAccount },
      account_uuid: event.accountId,
      seccl_client_id: event.secclClientId,
      detail: event.detail,
      created_at: event.createdAt.toISOString(),
    })),
    meta: {
      current_page: query.page,
      per_page: query.perPage,
      total,
      last_page: Math.max(1, Math.ceil(total / query.perPage)),
    },
  };
}
