/**
 * Starts the whole service from a Config: database and migrations, the embedded Seccl sandbox,
 * the demo data on a first run, the HTTP server and the reconciler. Resolves with a stop function.
 */
import { join } from 'node:path';
import type { Config } from './config.js';
import { buildApp } from './app.js';
import { openDatabase } from './db/database.js';
import { createLogger } from './logger.js';
import { createOAuth, loadSigningKey } from './oauth/index.js';
import type { RateLimiter } from './http/rate-limit.js';
import { DatabaseRateLimiter } from './http/rate-limit.database.js';
import { RedisRateLimiter } from './http/rate-limit.redis.js';
import { systemClock } from './rules/index.js';
import { SecclClient } from './seccl/client.js';
import { loadSecretBox } from './security/app-key.js';
import { noFaults, randomFaults } from './onboarding/fault-points.js';
import { startSandbox, type Sandbox } from './sandbox/index.js';
import { seedDemo, type DemoSeed } from './seed.js';
import { SubscriptionRepository } from './addons/subscription.repository.js';
import { firms } from './db/schema.js';

export async function startService(config: Config): Promise<() => Promise<void>> {
  const logger = createLogger(config.logLevel);
  const box = loadSecretBox(config.appKey, config.dataDir);
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl === undefined ? config.dataDir : undefined,
  });
  await database.migrate();

  let sandbox: Sandbox | undefined;
  if (config.sandboxPort >= 0) {
    sandbox = await startSandbox({
      host: '127.0.0.1',
      port: config.sandboxPort,
      stateFile: join(config.dataDir, 'sandbox.json'),
    });
    await registerSandboxFirms(new SubscriptionRepository(database.db, box), sandbox);
  }
  const demo =
    config.seedDemo && sandbox ? await seedDemo(database.db, box, sandbox.url) : undefined;
  if (demo && sandbox)
    await registerSandboxFirms(new SubscriptionRepository(database.db, box), sandbox);

  const seccl = new SecclClient({ timeoutMs: config.secclTimeoutMs, logger });
  // Redis when configured, else the database: either way every instance shares one count.
  const limit = { limit: config.rateLimitPerMinute };
  const rateLimiter: RateLimiter = config.redisUrl
    ? await RedisRateLimiter.connect(config.redisUrl, limit)
    : new DatabaseRateLimiter(database.db, limit);
  const oauth = createOAuth({
    db: database.db,
    box,
    clock: systemClock,
    key: await loadSigningKey({ db: database.db, box, pem: config.oauthPrivateKey }),
    secureCookies: config.publicUrl.startsWith('https:'),
  });
  const app = await buildApp({
    db: database.db,
    box,
    seccl,
    httpOrigins: sandbox ? [sandbox.url] : [],
    clock: systemClock,
    logger,
    extraVerifiers: [oauth.verifier],
    oauth,
    rateLimiter,
    requestLeaseMs: config.intentLeaseMs,
    reconciler: { leaseMs: config.intentLeaseMs, baseBackoffMs: config.reconcileBackoffMs },
    // Off unless TESTING_DB_FAULT_RATE is set: the fault campaign's own database failures.
    faults:
      config.testingDbFaultRate > 0
        ? randomFaults(config.testingDbFaultRate, config.testingDbFaultSeed)
        : noFaults,
  });
  await app.server.listen({ port: config.port, host: config.host });
  if (config.reconcileIntervalMs > 0) app.reconciler.start(config.reconcileIntervalMs);

  const address = app.server.server.address();
  const url =
    typeof address === 'object' && address
      ? `http://${config.host}:${address.port}`
      : config.publicUrl;
  const anyFirm = await database.db.select({ id: firms.id }).from(firms).limit(1);
  announce(url, sandbox, demo, anyFirm.length > 0);

  return async () => {
    await app.reconciler.stop();
    await app.server.close();
    await rateLimiter.close?.();
    await sandbox?.close();
    await database.close();
  };
}

/** Tells the sandbox about every subscription that points at it, so their credentials work. */
async function registerSandboxFirms(subscriptions: SubscriptionRepository, sandbox: Sandbox) {
  const all = await subscriptions.all();
  for (const sub of all) {
    if (sub.config.baseUrl.replace(/\/+$/, '') !== sandbox.url) continue;
    sandbox.addFirm({
      firmId: sub.config.firmId,
      users: [{ id: sub.config.auth.id, password: sub.config.auth.password }],
      nodes: [{ id: '1', name: 'Demo advisers', parentId: '0' }],
    });
  }
}

function announce(
  url: string,
  sandbox: Sandbox | undefined,
  demo: DemoSeed | undefined,
  hasData: boolean,
): void {
  const lines = [`Listening on ${url}`];
  if (sandbox) lines.push(`Seccl sandbox on ${sandbox.url}`);
  if (demo) {
    lines.push(
      '',
      'First run: a demo firm, adviser and subscription to the seccl addon were created.',
      `Demo token: ${demo.token}`,
      `Demo sign-in for the OAuth2 pages: ${demo.email}, password ${demo.password}`,
      '',
      'Onboard the example client:',
      `curl -s -X POST ${url}/api/v1/addons/seccl/seccl/client -H "Authorization: Bearer ${demo.token}" -H "Content-Type: application/json" -H "Accept: application/json" --data @examples/adult-client.json`,
      '',
      'The token is shown only now. Make another later with: npx seccl-addon token create --email demo.adviser@example.com',
      'So is the password. Set another with: npx seccl-addon user password --email demo.adviser@example.com',
    );
  } else if (!hasData) {
    lines.push(
      'The database holds no firm yet. For a demo firm, adviser, token and a subscription to the embedded sandbox, start once with SEED_DEMO=true (and the sandbox on: SANDBOX_PORT not -1).',
    );
  } else {
    lines.push(
      'Existing data reused. Make a token (with the service stopped, on PGlite): npx seccl-addon token create --email demo.adviser@example.com',
    );
  }
  // The one place that writes to the terminal for a person, not to the log.
  process.stdout.write(`${lines.join('\n')}\n`);
}
