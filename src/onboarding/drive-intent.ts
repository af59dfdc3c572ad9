/**
 * Takes one intent as far as it will go: Seccl id, read-back, CRM sync. The create route runs it
 * within the request; the reconciler runs it for intents a request could not finish. It never
 * sends a create when an earlier one may have landed without first looking the client up, and it
 * sends one only while it holds the intent's lease, so two drivers never create at once.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { ValidationError, type AppError } from '../errors.js';
import type { Clock } from '../rules/index.js';
import type { SecclClient } from '../seccl/client.js';
import { isOutcomeUnknown, SecclFieldErrors } from '../seccl/errors.js';
import type { SecclConnection } from '../seccl/types.js';
import { syncToCrm, SyncConflictError } from './crm-sync.js';
import type { FaultPoints } from './fault-points.js';
import { fromSecclFieldErrors } from './field-errors.js';
import type { Intent, IntentRepository } from './intents.repository.js';
import { fromSecclError, isCallersToFix } from './seccl-errors.js';
import { findCreatedClient } from './seccl-lookup.js';
import {
  failureBody,
  HandOver,
  IntentFailed,
  laravelShape,
  pendingBody,
  refused,
  waitAsked,
  type Outcome,
} from './drive-outcomes.js';

export { IntentFailed, type Outcome };

export interface DriveDeps {
  db: Db;
  intents: IntentRepository;
  seccl: SecclClient;
  clock: Clock;
  logger: Logger;
  faults: FaultPoints;
}

export interface DriveOptions {
  requestId: string;
  /**
   * `request`: a caller waits, and a failure known to have left nothing on Seccl is answered at
   * once (the intent fails and frees its key). `reconciler`: such failures are retried later.
   */
  mode: 'request' | 'reconciler';
  /** How long a lease lasts when the driver renews it before a create. */
  leaseMs: number;
  /** When the reconciler should try again if this drive hands the intent over (default 1 s). */
  retryAfterMs?: number;
}

/**
 * Runs the intent. Returns the answer for the caller: 200 when synced, 202 when the reconciler
 * will finish it. Throws an AppError when the create failed for good in a request (nothing is on
 * Seccl), and IntentFailed from the reconciler when it ended the intent for good.
 */
export function driveIntent(
  deps: DriveDeps,
  intent: Intent,
  conn: SecclConnection,
  opts: DriveOptions,
): Promise<Outcome> {
  return new Drive(deps, intent, conn, opts).run();
}

class Drive {
  private lease: Date | null;
  /** Some earlier create of this intent may have landed unseen. */
  private mayHaveLanded: boolean;
  private readonly log: Logger;

  constructor(
    private readonly deps: DriveDeps,
    private readonly intent: Intent,
    private readonly conn: SecclConnection,
    private readonly opts: DriveOptions,
  ) {
    this.lease = intent.leaseUntil;
    this.mayHaveLanded = intent.attempts > 0 || intent.lastError !== null;
    this.log = deps.logger.child({ intent: intent.id });
  }

  async run(): Promise<Outcome> {
    const { deps, intent } = this;
    let secclId = intent.secclClientId ?? undefined;

    if (secclId === undefined) {
      try {
        secclId = await this.obtainSecclId();
      } catch (error) {
        if (!(error instanceof HandOver)) throw error;
        return this.handOver(undefined, error.reason, error.error, error.settle);
      }
    }

    try {
      if (intent.secclClientId === null) {
        await deps.faults.hit('after-seccl-create');
        secclId = await this.store(secclId);
      }
      const record = await deps.seccl.getClient(this.conn, secclId, {
        requestId: this.opts.requestId,
      });
      const { resource } = await syncToCrm(deps.db, deps.intents, intent.id, record, deps.faults);
      return { status: 200, body: resource };
    } catch (error) {
      if (error instanceof SyncConflictError) return this.failSync(secclId, error);
      this.log.warn({ err: { type: (error as Error).name } }, 'sync deferred to the reconciler');
      return this.handOver(secclId, `sync: ${(error as Error).name}`, error);
    }
  }

  private async obtainSecclId(): Promise<string> {
    if (this.mayHaveLanded) {
      const found = await this.lookUp();
      if (found) return found;
    }

    for (let attempt = 1; ; attempt++) {
      await this.holdLease();
      try {
        const created = await this.deps.seccl.createClient(this.conn, this.intent.payload.body, {
          idempotencyKey: this.intent.id,
          requestId: this.opts.requestId,
        });
        return created.id;
      } catch (error) {
        if (isOutcomeUnknown(error)) {
          this.mayHaveLanded = true;
          const found = await this.lookUp();
          if (found) return found;
          // Seccl refuses a second client with the same email, so for an adult a create that
          // lands late cannot make a twin and one more try is safe at once. A minor has no such
          // guard: a create sent now could land beside a late one, so it waits a lease first.
          // What remains is a create that Seccl holds for longer than a lease before storing
          // it (while ignoring the Idempotency-Key we send): then a minor could be made twice.
          const unguarded = this.intent.payload.body.email === undefined;
          if (attempt >= 2 || unguarded) {
            const reason = `seccl outcome unknown: ${(error as Error).name}`;
            throw new HandOver(reason, error, unguarded);
          }
          continue;
        }
        // After a lost answer, a refusal (the email is taken) may be our own create that landed
        // late, after the lookup: look once more before believing it.
        if (this.mayHaveLanded && refused(error)) {
          const found = await this.lookUp();
          if (found) return found;
        }
        return this.failCreate(error);
      }
    }
  }

  /** Seccl has not stored the client: end the intent, or leave it for a later try. */
  private async failCreate(error: unknown): Promise<never> {
    const inRequest = this.opts.mode === 'request';
    if (error instanceof SecclFieldErrors && isCallersToFix(error)) {
      const errors = fromSecclFieldErrors(error.fieldErrors);
      await this.end('seccl refused fields', { status: 422, body: laravelShape(errors) });
      throw inRequest
        ? new ValidationError(errors, { cause: error })
        : new IntentFailed('seccl refused fields', error);
    }

    const reason = `seccl: ${(error as Error).name}`;
    const mapped = (fromSecclError(error) as AppError | undefined) ?? error;
    if (refused(error)) {
      // Seccl read the create and said no: another try would get the same answer.
      if (inRequest) {
        await this.end(reason, undefined, true);
        throw mapped;
      }
      await this.end(reason, {
        status: 502,
        body: failureBody(this.intent.id, undefined, 'seccl refused'),
      });
      throw new IntentFailed(reason, error);
    }

    // Throttled, circuit open, credentials refused, not reached: worth another try later. After a
    // lost answer the intent must never be freed either, or a retry could create a second client.
    if (!inRequest || this.mayHaveLanded) throw new HandOver(reason, error);
    // Nothing reached Seccl: the key is freed, so the caller may simply send the request again.
    // If even that cannot be written, the reconciler will create the client, so say 202.
    if (!(await this.end(reason, undefined, true))) throw new HandOver(reason);
    throw mapped;
  }

  /** Marks the intent failed for good; false when the database refused that too. */
  private async end(
    reason: string,
    answer?: { status: number; body: unknown },
    freeKey = false,
  ): Promise<boolean> {
    try {
      await this.deps.intents.markFailed(this.intent.id, {
        reason,
        responseStatus: answer?.status,
        response: answer?.body,
        freeKey,
      });
      return true;
    } catch (error) {
      this.log.warn({ err: { type: (error as Error).name } }, 'could not mark the intent failed');
      return false;
    }
  }

  /** The CRM cannot take this client (the account to link is gone or taken): ends for good. */
  private async failSync(secclId: string, error: SyncConflictError): Promise<Outcome> {
    const reason = `sync: ${error.message}`;
    const body = failureBody(this.intent.id, secclId, 'the CRM could not link the client');
    if (!(await this.end(reason, { status: 409, body }))) return this.handOver(secclId, reason);
    if (this.opts.mode === 'reconciler') throw new IntentFailed(reason, error);
    return { status: 409, body };
  }

  /** Stores the id, or takes the one a concurrent driver stored first. */
  private async store(secclId: string): Promise<string> {
    const stored = await this.deps.intents.markCreated(this.intent.id, secclId);
    if (stored !== secclId) {
      // Leases should make this impossible; if it happens, an operator must see both ids.
      this.log.error({ secclClient: secclId, stored }, 'intent already held another seccl client');
    }
    return stored;
  }

  /**
   * Makes sure the lease will outlast the create about to be sent. A lease taken over by another
   * driver means that driver now owns the create: this one stops.
   */
  private async holdLease(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    if (this.lease !== null && this.lease.getTime() - now > this.opts.leaseMs / 2) return;

    let renewed: Date | undefined;
    try {
      renewed = await this.deps.intents.renewLease(
        this.intent.id,
        this.lease,
        new Date(now + this.opts.leaseMs),
      );
    } catch (error) {
      throw new HandOver(`lease: ${(error as Error).name}`);
    }
    if (renewed === undefined) throw new HandOver('lease taken over');
    this.lease = renewed;
  }

  private async lookUp(): Promise<string | undefined> {
    const { deps, intent } = this;
    const owned = (ids: string[]) =>
      deps.intents.knownSecclIds(intent.firmId, intent.addon, ids, intent.id);
    try {
      const found = await findCreatedClient(
        deps.seccl,
        this.conn,
        intent.payload.body,
        owned,
        this.opts.requestId,
      );
      return found?.id;
    } catch (error) {
      throw new HandOver(`lookup failed: ${(error as Error).name}`, error);
    }
  }

  /** Leaves the intent to the reconciler and tells the caller so: 202, with the id when known. */
  private async handOver(
    secclId: string | undefined,
    reason: string,
    error?: unknown,
    settle = false,
  ): Promise<Outcome> {
    const { deps, intent } = this;
    const body = pendingBody(intent.id, secclId);
    const wait = waitAsked(error);
    const backoff = this.opts.retryAfterMs ?? 1000;
    const settleMs = settle ? this.opts.leaseMs : 0;
    const at = new Date(deps.clock.now().getTime() + Math.max(backoff, wait?.ms ?? 0, settleMs));
    try {
      await deps.faults.hit('before-release');
      await deps.intents.release(intent.id, {
        reason,
        at,
        held: this.lease,
        secclClientId: secclId,
        answer: { status: 202, body },
        // The circuit refused the call: nothing was tried, so the try is not counted against
        // the intent (an outage must not use up its tries while the calls are paused).
        refundTry: this.opts.mode === 'reconciler' && wait?.untried === true,
      });
    } catch {
      // The database is down too. The intent's lease runs out on its own and the reconciler then
      // takes it (looking the client up first); the caller still learns what we know.
    }
    return { status: 202, body };
  }
}
