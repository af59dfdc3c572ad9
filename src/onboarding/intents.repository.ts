/**
 * Onboarding intents: the durable record of each create, written before Seccl is called, and the
 * reconciler's work queue. Every status change goes through here.
 */
import { and, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.js';
import { onboardingIntents, type IntentStatus } from '../db/schema.js';
import type { SecretBox } from '../security/secret-box.js';
import type { IntentPayload } from './intent-payload.js';

export type IntentRow = typeof onboardingIntents.$inferSelect;
type Queryable = Db | Tx;

const UNFINISHED = ['submitting', 'created'] as const;

export interface Intent {
  id: string;
  firmId: string;
  addon: string;
  subscriptionId: string;
  loginId: string;
  idempotencyKey: string | null;
  fingerprint: string;
  status: IntentStatus;
  secclClientId: string | null;
  accountId: string | null;
  attempts: number;
  /** Until when the request or reconciler that loaded the intent owns it; also its fence. */
  leaseUntil: Date | null;
  lastError: string | null;
  payload: IntentPayload;
  responseStatus: number | null;
  response: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export class IntentRepository {
  constructor(
    readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  /** Records a new intent as `submitting`, leased to the caller's request for `leaseMs`. */
  async insert(
    values: {
      firmId: string;
      addon: string;
      subscriptionId: string;
      loginId: string;
      idempotencyKey: string | undefined;
      fingerprint: string;
      accountId: string | undefined;
      payload: IntentPayload;
      leaseMs: number;
      now: Date;
    },
    db: Queryable = this.db,
  ): Promise<Intent> {
    const [row] = await db
      .insert(onboardingIntents)
      .values({
        firmId: values.firmId,
        addon: values.addon,
        subscriptionId: values.subscriptionId,
        loginId: values.loginId,
        idempotencyKey: values.idempotencyKey ?? null,
        fingerprint: values.fingerprint,
        accountId: values.accountId ?? null,
        request: this.box.sealJson(values.payload),
        status: 'submitting',
        leaseUntil: new Date(values.now.getTime() + values.leaseMs),
        nextAttemptAt: new Date(values.now.getTime() + values.leaseMs),
      })
      .returning();
    return this.fromRow(row!);
  }

  async byId(id: string, db: Queryable = this.db): Promise<Intent | undefined> {
    const [row] = await db
      .select()
      .from(onboardingIntents)
      .where(eq(onboardingIntents.id, id))
      .limit(1);
    return row ? this.fromRow(row) : undefined;
  }

  async lockById(id: string, tx: Tx): Promise<Intent | undefined> {
    const [row] = await tx
      .select()
      .from(onboardingIntents)
      .where(eq(onboardingIntents.id, id))
      .for('update')
      .limit(1);
    return row ? this.fromRow(row) : undefined;
  }

  async byKey(firmId: string, key: string, db: Queryable = this.db): Promise<Intent | undefined> {
    const [row] = await db
      .select()
      .from(onboardingIntents)
      .where(and(eq(onboardingIntents.firmId, firmId), eq(onboardingIntents.idempotencyKey, key)))
      .limit(1);
    return row ? this.fromRow(row) : undefined;
  }

  /** Is another unfinished intent about to link this account? */
  async pendingForAccount(
    accountId: string,
    addon: string,
    db: Queryable = this.db,
  ): Promise<boolean> {
    const rows = await db
      .select({ id: onboardingIntents.id })
      .from(onboardingIntents)
      .where(
        and(
          eq(onboardingIntents.accountId, accountId),
          eq(onboardingIntents.addon, addon),
          unfinished(),
        ),
      )
      .limit(1);
    return rows.length > 0;
  }

  /** Seccl ids already owned by some intent of the firm and addon (to tell twins apart). */
  async knownSecclIds(
    firmId: string,
    addon: string,
    ids: string[],
    exceptId: string,
  ): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db
      .select({ id: onboardingIntents.secclClientId, intent: onboardingIntents.id })
      .from(onboardingIntents)
      .where(
        and(
          eq(onboardingIntents.firmId, firmId),
          eq(onboardingIntents.addon, addon),
          inArray(onboardingIntents.secclClientId, ids),
        ),
      );
    return new Set(rows.filter((r) => r.intent !== exceptId).map((r) => r.id!));
  }

  /**
   * Stores Seccl's id the moment it is known: from here on the client cannot be lost. An id
   * already stored is never replaced; the answer is the id the intent now holds.
   */
  async markCreated(id: string, secclClientId: string, db: Queryable = this.db): Promise<string> {
    const rows = await db
      .update(onboardingIntents)
      .set({
        status: sql`case when ${onboardingIntents.status} = 'submitting' then 'created' else ${onboardingIntents.status} end`,
        secclClientId,
        lastError: null,
        updatedAt: new Date(),
      })
      .where(and(eq(onboardingIntents.id, id), isNull(onboardingIntents.secclClientId)))
      .returning({ secclClientId: onboardingIntents.secclClientId });
    if (rows.length > 0) return secclClientId;
    return (await this.byId(id, db))?.secclClientId ?? secclClientId;
  }

  /**
   * Extends the lease of whoever holds it as `held`. Answers the new lease, or undefined when
   * someone else has claimed the intent since (or it has finished): the caller must then stop
   * before sending anything to Seccl.
   */
  async renewLease(id: string, held: Date | null, until: Date): Promise<Date | undefined> {
    const rows = await this.db
      .update(onboardingIntents)
      .set({ leaseUntil: until, nextAttemptAt: until, updatedAt: new Date() })
      .where(and(eq(onboardingIntents.id, id), unfinished(), leaseIs(held)))
      .returning({ leaseUntil: onboardingIntents.leaseUntil });
    return rows[0]?.leaseUntil ?? undefined;
  }

  async markSynced(
    id: string,
    values: { accountId: string; responseStatus: number; response: unknown },
    tx: Tx,
  ): Promise<void> {
    await tx
      .update(onboardingIntents)
      .set({
        status: 'synced',
        accountId: values.accountId,
        responseStatus: values.responseStatus,
        response: this.box.sealJson(values.response),
        leaseUntil: null,
        nextAttemptAt: null,
        lastError: null,
        updatedAt: new Date(),
      })
      .where(eq(onboardingIntents.id, id));
  }

  /** Ends an intent for good, with the answer a replay gets (e.g. Seccl's field errors). */
  async markFailed(
    id: string,
    values: { reason: string; responseStatus?: number; response?: unknown; freeKey?: boolean },
    db: Queryable = this.db,
  ): Promise<void> {
    await db
      .update(onboardingIntents)
      .set({
        status: 'failed',
        lastError: values.reason,
        // A failure that never reached Seccl frees the key, so the caller may simply retry.
        ...(values.freeKey ? { idempotencyKey: null } : {}),
        responseStatus: values.responseStatus ?? null,
        response: values.response === undefined ? null : this.box.sealJson(values.response),
        leaseUntil: null,
        nextAttemptAt: null,
        updatedAt: new Date(),
      })
      // A synced intent stays synced: the CRM holds the client whatever happened after.
      .where(and(eq(onboardingIntents.id, id), unfinished()));
  }

  /**
   * Hands an unfinished intent to the reconciler: retry at `at`, with the reason it stopped, the
   * answer a replay gets meanwhile and the Seccl id if one is known. Only the holder of the lease
   * `held` may do so; anyone else's release is ignored, so it cannot free a lease taken since.
   */
  async release(
    id: string,
    values: {
      reason: string;
      at: Date;
      held: Date | null;
      secclClientId?: string;
      answer?: { status: number; body: unknown };
      /** Takes back the try its claim counted, because no call was made. */
      refundTry?: boolean;
    },
  ): Promise<void> {
    const known = values.secclClientId;
    await this.db
      .update(onboardingIntents)
      .set({
        leaseUntil: null,
        nextAttemptAt: values.at,
        lastError: values.reason,
        ...(values.refundTry
          ? { attempts: sql`greatest(${onboardingIntents.attempts} - 1, 0)` }
          : {}),
        ...(known === undefined
          ? {}
          : {
              secclClientId: sql`coalesce(${onboardingIntents.secclClientId}, ${known})`,
              status: 'created' as const,
            }),
        ...(values.answer === undefined
          ? {}
          : {
              responseStatus: values.answer.status,
              response: this.box.sealJson(values.answer.body),
            }),
        updatedAt: new Date(),
      })
      .where(and(eq(onboardingIntents.id, id), unfinished(), leaseIs(values.held)));
  }

  /**
   * Claims up to `limit` unfinished intents that are due and not leased, for `leaseMs`. Several
   * instances can call this at once: SKIP LOCKED hands each row to one of them.
   */
  async claimDue(now: Date, leaseMs: number, limit: number): Promise<Intent[]> {
    return this.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: onboardingIntents.id })
        .from(onboardingIntents)
        .where(
          and(
            unfinished(),
            or(isNull(onboardingIntents.nextAttemptAt), lte(onboardingIntents.nextAttemptAt, now)),
            or(isNull(onboardingIntents.leaseUntil), lte(onboardingIntents.leaseUntil, now)),
          ),
        )
        .orderBy(onboardingIntents.createdAt)
        .limit(limit)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      const rows = await tx
        .update(onboardingIntents)
        .set({
          leaseUntil: new Date(now.getTime() + leaseMs),
          attempts: sql`${onboardingIntents.attempts} + 1`,
          updatedAt: new Date(),
        })
        .where(
          inArray(
            onboardingIntents.id,
            due.map((d) => d.id),
          ),
        )
        .returning();
      return rows.map((row) => this.fromRow(row));
    });
  }

  /** Deletes finished intents' idempotency keys older than the cut-off (kept 24 hours at least). */
  async purgeKeys(before: Date): Promise<number> {
    const rows = await this.db
      .update(onboardingIntents)
      .set({ idempotencyKey: null })
      .where(
        and(
          inArray(onboardingIntents.status, ['synced', 'failed']),
          lte(onboardingIntents.createdAt, before),
          sql`${onboardingIntents.idempotencyKey} is not null`,
        ),
      )
      .returning({ id: onboardingIntents.id });
    return rows.length;
  }

  fromRow(row: IntentRow): Intent {
    return {
      id: row.id,
      firmId: row.firmId,
      addon: row.addon,
      subscriptionId: row.subscriptionId,
      loginId: row.loginId,
      idempotencyKey: row.idempotencyKey,
      fingerprint: row.fingerprint,
      status: row.status,
      secclClientId: row.secclClientId,
      accountId: row.accountId,
      attempts: row.attempts,
      leaseUntil: row.leaseUntil,
      lastError: row.lastError,
      payload: this.box.openJson<IntentPayload>(row.request),
      responseStatus: row.responseStatus,
      response: row.response === null ? null : this.box.openJson(row.response),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

function unfinished(): SQL {
  return inArray(onboardingIntents.status, [...UNFINISHED]);
}

// Lease values are written from one JavaScript Date each, so equality is exact.
function leaseIs(held: Date | null): SQL {
  return held === null
    ? isNull(onboardingIntents.leaseUntil)
    : eq(onboardingIntents.leaseUntil, held);
}
