/**
 * The fault campaign: the real service as a child process, a Seccl sandbox that misbehaves on a
 * seeded schedule, the service's own database failing on purpose at random steps of the create
 * path, SIGKILL and restart mid-run, and concurrent callers retrying until they get an answer.
 * Afterwards the product's reconciler catches up and `tally` compares Seccl with the CRM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import pg from 'pg';
import { SubscriptionRepository } from '../src/addons/subscription.repository.js';
import { onboardingIntents } from '../src/db/schema.js';
import { createLogger } from '../src/logger.js';
import { noFaults } from '../src/onboarding/fault-points.js';
import { IntentRepository } from '../src/onboarding/intents.repository.js';
import { Reconciler } from '../src/onboarding/reconciler.js';
import { SecclClient } from '../src/seccl/client.js';
import { runCallers, type LogicalCreate } from './faults.callers.js';
import { ServiceProcess } from './faults.service.js';
import { openTarget, prepareWorld, type Target, type World } from './faults.setup.js';
import { tally, type Tally } from './faults.tally.js';

export interface CampaignOptions {
  /** Logical creates to send (default 1,000). */
  count?: number;
  /** Callers at once (default 16). */
  concurrency?: number;
  /** Seeds the Seccl faults, the database faults and the callers' choices (default 1). */
  seed?: number;
  /** A PostgreSQL URL of a database used by nothing else; default: PGlite in a temp folder. */
  databaseUrl?: string;
  /** SIGKILLs of the service, spread over the run (default 2). */
  kills?: number;
  /** Share of requests to Seccl that misbehave (default 0.15). */
  secclFaultRate?: number;
  /** Share of the service's own database steps that fail (default 0.03). */
  dbFaultRate?: number;
  /**
   * Whether the sandbox honours Idempotency-Key (default false: the product's lookup alone must
   * then keep every retry from creating a second client).
   */
  secclHonoursKeys?: boolean;
  /**
   * On PostgreSQL: every this many ms, end the service's database sessions with
   * pg_terminate_backend, a real connection loss at whatever step it lands (default: never).
   */
  terminateEveryMs?: number;
}

export interface CampaignResult extends Tally {
  /** Service output lines that hold a campaign person's name or email (must be 0). */
  leakedLines: number;
  /** Keyed resends after a 200 that did not get the same answer back (must be 0). */
  replayMismatches: number;
  /** How many times the service was started (the first start plus one per kill). */
  starts: number;
  /** 500 answers the callers got (the contract allows none). */
  serverErrors: number;
  /** The service's `unhandled error` log lines: error class and message only. */
  unhandled: string[];
}

const LEASE_MS = 10_000;

export async function runCampaign(options: CampaignOptions = {}): Promise<CampaignResult> {
  const count = options.count ?? 1000;
  const seed = options.seed ?? 1;
  const dataDir = mkdtempSync(join(tmpdir(), 'seccl-faults-'));
  const target: Target = options.databaseUrl
    ? { kind: 'postgres', url: options.databaseUrl }
    : { kind: 'pglite', dataDir };
  const world = await prepareWorld(target, options.secclHonoursKeys ?? false);
  const service = new ServiceProcess({
    target,
    dataDir,
    appKey: world.appKey,
    dbFaultRate: options.dbFaultRate ?? 0.03,
    seed,
    leaseMs: LEASE_MS,
    secclTimeoutMs: 1000,
  });

  try {
    await service.start();
    const stopTerminating = terminateSessions(target, options.terminateEveryMs);
    const creates = await attack(world, service, { ...options, count, seed }).finally(
      stopTerminating,
    );
    world.sandbox.faults.clear();
    await service.stop();
    await catchUp(world, target);

    const database = await openTarget(target);
    try {
      const held = world.sandbox.clients(world.secclFirmId);
      const result = await tally(database, world.box, world.firmId, held, creates);
      return {
        ...result,
        leakedLines: service.output.join('').split('\n').filter(isPersonal).length,
        replayMismatches: creates.filter((c) => c.replayMismatch).length,
        starts: service.starts,
        serverErrors: creates.reduce((n, c) => n + c.seen.filter((s) => s === 500).length, 0),
        unhandled: service.output
          .join('')
          .split('\n')
          .filter((line) => line.includes('"unhandled error"')),
      };
    } finally {
      await database.close();
    }
  } finally {
    await service.stop();
    await world.sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Sends the creates while Seccl misbehaves and the service is killed and started again. */
async function attack(
  world: World,
  service: ServiceProcess,
  options: CampaignOptions & { count: number; seed: number },
): Promise<LogicalCreate[]> {
  const kills = options.kills ?? 2;
  world.sandbox.faults.randomise({
    seed: options.seed,
    rate: options.secclFaultRate ?? 0.15,
    kinds: ['delay', '5xx', '429', 'dropAfterStore', 'dropBeforeStore'],
    delayMs: 40,
  });

  const killAt = new Set(
    Array.from({ length: kills }, (_, k) => Math.floor((options.count * (k + 1)) / (kills + 1))),
  );
  const restarts: Promise<void>[] = [];
  let restartFailure: unknown;
  const creates = await runCallers({
    count: options.count,
    concurrency: options.concurrency ?? 16,
    seed: options.seed,
    token: world.token,
    url: () => service.url,
    aborted: () => service.crashed !== undefined,
    onSettled: (settled) => {
      if (settled === Math.floor(options.count / 2)) {
        // A few creates slower than the service's Seccl timeout: their answers are lost late.
        world.sandbox.faults.add({
          delayMs: 1500,
          times: 4,
          match: { method: 'POST', path: '/client' },
        });
      }
      if (!killAt.has(settled)) return;
      const restart = service.kill().then(() => service.start());
      restarts.push(restart.catch((error: unknown) => void (restartFailure ??= error)));
    },
  });
  await Promise.all(restarts);
  if (restartFailure !== undefined) throw restartFailure;
  if (service.crashed !== undefined) {
    const tail = service.output.join('').split('\n').slice(-60).join('\n');
    throw new Error(`the service crashed (${service.crashed}); its last output:\n${tail}`);
  }
  return creates;
}

/**
 * Lets the product's reconciler finish everything, in this process on the service's database
 * (PGlite admits one process, so the service is stopped first). Its clock runs ahead so that
 * leases of the killed service and backoffs have run out; each round moves it further.
 */
async function catchUp(world: World, target: Target): Promise<void> {
  const database = await openTarget(target);
  let aheadMs = 0;
  const clock = { now: () => new Date(Date.now() + aheadMs) };
  const intents = new IntentRepository(database.db, world.box);
  const reconciler = new Reconciler(
    {
      db: database.db,
      intents,
      subscriptions: new SubscriptionRepository(database.db, world.box),
      seccl: new SecclClient({ timeoutMs: 2000 }),
      clock,
      logger: createLogger('silent'),
      faults: noFaults,
    },
    { leaseMs: LEASE_MS, baseBackoffMs: 100, maxBackoffMs: 5000, batchSize: 50 },
  );
  const unfinished = async () =>
    (
      await database.db
        .select({ id: onboardingIntents.id })
        .from(onboardingIntents)
        .where(inArray(onboardingIntents.status, ['submitting', 'created']))
    ).length;
  try {
    for (let round = 0; round < 20 && (await unfinished()) > 0; round++) {
      aheadMs += LEASE_MS + 5000;
      await reconciler.drain(1000);
    }
  } finally {
    await reconciler.stop();
    await database.close();
  }
}

/** Ends every other session on the campaign's PostgreSQL database, now and then. */
function terminateSessions(target: Target, everyMs: number | undefined): () => Promise<void> {
  if (target.kind !== 'postgres' || everyMs === undefined) return async () => undefined;
  const client = new pg.Client({ connectionString: target.url });
  const ready = client.connect();
  const timer = setInterval(() => {
    void ready
      .then(() =>
        client.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        ),
      )
      .catch(() => undefined);
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await ready.catch(() => undefined);
    await client.end().catch(() => undefined);
  };
}

function isPersonal(line: string): boolean {
  return /faultcase/i.test(line);
}
