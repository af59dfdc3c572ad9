/**
 * Finishes what requests could not: every instance runs one, claiming unfinished intents with a
 * lease (SKIP LOCKED, so instances share the work and a crashed one's rows come back when its
 * lease runs out), with backoff and jitter between tries and a bounded number of them.
 */
import type { Logger } from 'pino';
import { connectionOf } from '../addons/subscription-config.js';
import type { SubscriptionRepository } from '../addons/subscription.repository.js';
import { recordAudit } from '../audit/audit.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../rules/index.js';
import type { SecclClient } from '../seccl/client.js';
import { driveIntent } from './drive-intent.js';
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
}

export interface ReconcilerDeps {
  db: Db;
  intents: IntentRepository;
  subscriptions: SubscriptionRepository;
  seccl: SecclClient;
  clock: Clock;
  logger: Logger;
}

export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;
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

  private async pass(): Promise<number> {
    const claimed = await this.deps.intents.claimDue(
      this.deps.clock.now(),
      this.o.leaseMs,
      this.o.batchSize,
    );
    await Promise.all(claimed.map((intent) => this.finish(intent)));
    return claimed.length;
  }

  private async finish(intent: Intent): Promise<void> {
    const log = this.deps.logger.child({ intent: intent.id });
    if (intent.attempts > this.o.maxAttempts) return this.giveUp(intent);

    const subscription = await this.deps.subscriptions.byId(intent.subscriptionId);
    if (!subscription) return this.giveUp(intent, 'the addon subscription is gone');
    try {
      const outcome = await driveIntent(
        this.deps,
        intent,
        connectionOf(subscription.id, subscription.config),
        {
          requestId: intent.payload.requestId,
          retryAfterMs: this.backoff(intent.attempts),
        },
      );
      log.info({ status: outcome.status, attempts: intent.attempts }, 'reconciled intent');
    } catch (error) {
      // driveIntent has already marked it failed: Seccl refused it for good.
      log.info({ err: { type: (error as Error).name } }, 'intent failed');
    }
  }

  private async giveUp(intent: Intent, reason = `gave up after ${intent.attempts - 1} attempts`) {
    await this.deps.intents.markFailed(intent.id, {
      reason: `${reason}; last: ${intent.lastError ?? 'none'}`,
    });
    await recordAudit(this.deps.db, {
      firmId: intent.firmId,
      action: 'client.sync_failed',
      loginId: intent.loginId,
      userId: intent.payload.userId,
      secclClientId: intent.secclClientId,
      detail: { addon: intent.addon, intent: intent.id, reason },
    });
    this.deps.logger.error(
      { intent: intent.id, secclClient: intent.secclClientId },
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
