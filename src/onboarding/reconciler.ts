/**
 * Finishes what requests could not: every instance runs one, claiming unfinished intents with a
 * lease (SKIP LOCKED, so instances share the work and a crashed one's rows come back when its
 * lease runs out), with backoff and jitter between tries and a bounded number of them. The same
 * loop purges idempotency keys once they are older than the retention (24 hours by default).
 */
import type { Logger } from 'pino';
import { connectionOf } from '../addons/subscription-config.js';
import type { SubscriptionRepository } from '../addons/subscription.repository.js';
import { recordAudit } from '../audit/audit.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../rules/index.js';
import type { SecclClient } from '../seccl/client.js';
import { driveIntent, IntentFailed } from './drive-intent.js';
import { failureBody } from './drive-outcomes.js';
import type { FaultPoints } from './fault-points.js';
import type { Intent, IntentRepository } from './intents.repository.js';

export interface ReconcilerOptions {
  /** How long a claimed intent stays ours (default 60 s). */
  leaseMs?: number;
  /** Intents claimed per pass (default 10). */
  batchSize?: number;
  /** Tries before an intent is marked failed (default 12). */
  maxAttempts?: number;
  /** First backoff (default 1 s), doubled each try up to `maxBackoffMs` (default 5 min). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  /** Idempotency keys of finished intents are kept this long (default 24 h, the contract's least). */
  keyRetentionMs?: number;
  /** How often a pass also purges expired keys (default hourly). */
  purgeEveryMs?: number;
}

const HOUR_MS = 60 * 60 * 1000;

export interface ReconcilerDeps {
  db: Db;
  intents: IntentRepository;
  subscriptions: SubscriptionRepository;
  seccl: SecclClient;
  clock: Clock;
  logger: Logger;
  faults: FaultPoints;
}

export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;
  private lastPurge = Number.NEGATIVE_INFINITY;
  private readonly o: Required<ReconcilerOptions>;

  constructor(
    private readonly deps: ReconcilerDeps,
    options: ReconcilerOptions = {},
  ) {
    this.o = {
      leaseMs: options.leaseMs ?? 60_000,
      batchSize: options.batchSize ?? 10,
      maxAttempts: options.maxAttempts ?? 12,
      baseBackoffMs: options.baseBackoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 300_000,
      random: options.random ?? Math.random,
      keyRetentionMs: options.keyRetentionMs ?? 24 * HOUR_MS,
      purgeEveryMs: options.purgeEveryMs ?? HOUR_MS,
    };
  }

  /** Polls every `intervalMs` until stopped. */
  start(intervalMs: number): void {
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.runOnce();
      } catch (error) {
        this.deps.logger.warn({ err: { type: (error as Error).name } }, 'reconciler pass failed');
      }
      if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass: claims what is due and drives each; resolves with how many were claimed. */
  runOnce(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Passes until nothing is due, for tests and the fault campaign (bounded by `maxPasses`). */
  async drain(maxPasses = 100): Promise<void> {
    for (let i = 0; i < maxPasses && (await this.runOnce()) > 0; i++);
  }

  /** Forgets idempotency keys of finished intents older than the retention; answers how many. */
  async purgeExpiredKeys(): Promise<number> {
    const now = this.deps.clock.now().getTime();
    this.lastPurge = now;
    const purged = await this.deps.intents.purgeKeys(new Date(now - this.o.keyRetentionMs));
    if (purged > 0) this.deps.logger.info({ purged }, 'purged expired idempotency keys');
    return purged;
  }

  private async pass(): Promise<number> {
    if (this.deps.clock.now().getTime() - this.lastPurge >= this.o.purgeEveryMs) {
      // A failed purge waits for the next interval: keys are only ever kept longer, never lost.
      await this.purgeExpiredKeys().catch((error: unknown) => {
        this.deps.logger.warn({ err: { type: (error as Error).name } }, 'key purge failed');
      });
    }

    const claimed = await this.deps.intents.claimDue(
      this.deps.clock.now(),
      this.o.leaseMs,
      this.o.batchSize,
    );
    await Promise.all(claimed.map((intent) => this.finish(intent)));
    return claimed.length;
  }

  // Never rejects: one intent's trouble must not stop the others of the batch.
  private async finish(intent: Intent): Promise<void> {
    const log = this.deps.logger.child({ intent: intent.id });
    try {
      if (intent.attempts > this.o.maxAttempts) {
        return await this.giveUp(intent, `gave up after ${intent.attempts - 1} attempts`);
      }

      const subscription = await this.deps.subscriptions.byId(intent.subscriptionId);
      if (!subscription) return await this.giveUp(intent, 'the addon subscription is gone');
      const outcome = await driveIntent(
        this.deps,
        intent,
        connectionOf(subscription.id, subscription.config),
        {
          requestId: intent.payload.requestId,
          mode: 'reconciler',
          leaseMs: this.o.leaseMs,
          retryAfterMs: this.backoff(intent.attempts),
        },
      );
      log.info({ status: outcome.status, attempts: intent.attempts }, 'reconciled intent');
    } catch (error) {
      if (error instanceof IntentFailed) return this.audit(intent, error.reason);
      // The intent stays leased; when the lease runs out a later pass tries again.
      log.warn({ err: { type: (error as Error).name } }, 'could not reconcile intent');
    }
  }

  private async giveUp(intent: Intent, reason: string): Promise<void> {
    await this.deps.intents.markFailed(intent.id, {
      reason: `${reason}; last: ${intent.lastError ?? 'none'}`,
      // A replay of the request now tells how it ended, not that it is still pending.
      responseStatus: 502,
      response: failureBody(intent.id, intent.secclClientId ?? undefined, 'see the intent for why'),
    });
    await this.audit(intent, reason);
  }

  private async audit(intent: Intent, reason: string): Promise<void> {
    await recordAudit(this.deps.db, {
      firmId: intent.firmId,
      action: 'client.sync_failed',
      loginId: intent.loginId,
      userId: intent.payload.userId,
      secclClientId: intent.secclClientId,
      detail: { addon: intent.addon, intent: intent.id, reason },
    }).catch((error: unknown) => {
      this.deps.logger.warn({ err: { type: (error as Error).name } }, 'audit row not written');
    });
    // An id of a client Seccl holds that the CRM will not: an operator has to look.
    this.deps.logger.error(
      { intent: intent.id, secclClient: intent.secclClientId, reason },
      'intent failed for good',
    );
  }

  /** Exponential backoff with full jitter. */
  private backoff(attempts: number): number {
    const ceiling = Math.min(
      this.o.maxBackoffMs,
      this.o.baseBackoffMs * 2 ** Math.max(0, attempts - 1),
    );
    return Math.round(ceiling / 2 + (this.o.random() * ceiling) / 2);
  }
}
