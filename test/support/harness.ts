/**
 * Starts the real thing for a test: the Seccl sandbox on a real socket, a real database (PGlite in
 * memory, or PostgreSQL when DATABASE_URL is set) and the app on port 0, with a firm, an adviser,
 * a token and a subscription of its own, so test files can share one PostgreSQL database.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { buildApp, type App, type AppDeps } from '../../src/app.js';
import { SubscriptionRepository } from '../../src/addons/subscription.repository.js';
import { openDatabase, type Database, type Db } from '../../src/db/database.js';
import { accounts, firms, logins, users } from '../../src/db/schema.js';
import { createPersonalAccessToken } from '../../src/identity/personal-access-tokens.js';
import { createLogger } from '../../src/logger.js';
import { fixedClock, systemClock, type Clock } from '../../src/rules/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { SecclClient, type SecclClientOptions } from '../../src/seccl/client.js';
import { generateKeyEntry, parseKeyRing, SecretBox } from '../../src/security/secret-box.js';

export interface Firm {
  id: string;
  secclFirmId: string;
  subscriptionId: string;
  userId: string;
  loginAccountId: string;
  token: string;
}

export interface Harness {
  url: string;
  app: App;
  database: Database;
  sandbox: Sandbox;
  box: SecretBox;
  firm: Firm;
  /** Every log line the app wrote, for the personal-data grep. */
  logs: string[];
  /** A JSON call with the firm's token unless `token` says otherwise. */
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** Another firm, with its own user, token and subscription (for scoping tests). */
  addFirm(options?: { addon?: string }): Promise<Firm>;
  close(): Promise<void>;
}

export interface CallOptions {
  body?: unknown;
  raw?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

export interface HarnessOptions {
  clock?: Clock;
  today?: string;
  seccl?: SecclClientOptions;
  app?: Partial<AppDeps>;
  /** App parts that need the harness's database, box or clock (OAuth2), made once they exist. */
  extend?: (base: { db: Db; box: SecretBox; clock: Clock }) => Promise<Partial<AppDeps>>;
  /** A PostgreSQL database of the test's own (default DATABASE_URL, else PGlite in memory). */
  databaseUrl?: string;
  /** Options for the harness's Seccl sandbox (it always listens on a free port). */
  sandbox?: SandboxOptions;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('debug', sink);
  const box = new SecretBox(parseKeyRing(generateKeyEntry('test')));
  const database = await openDatabase({
    url: options.databaseUrl ?? process.env.DATABASE_URL,
    poolSize: 4,
  });
  await database.migrate();
  const sandbox = await startSandbox({ ...options.sandbox, port: 0 });
  const clock =
    options.clock ?? (options.today ? fixedClock(`${options.today}T12:00:00Z`) : systemClock);
  const seccl = new SecclClient({ timeoutMs: 2000, logger, ...options.seccl });
  const extended = (await options.extend?.({ db: database.db, box, clock })) ?? {};
  const app = await buildApp({
    db: database.db,
    box,
    seccl,
    clock,
    logger,
    httpOrigins: [sandbox.url],
    ...options.app,
    ...extended,
  });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const addFirm = async ({ addon = 'seccl' } = {}): Promise<Firm> => {
    const secclFirmId = randomBytes(8)
      .toString('hex')
      .replace(/[^a-f]/g, '')
      .toUpperCase()
      .padEnd(5, 'Z')
      .slice(0, 5);
    const password = randomBytes(12).toString('base64url');
    sandbox.addFirm({
      firmId: secclFirmId,
      users: [{ id: 'api-user', password }],
      nodes: [{ id: '1', name: 'Advisers', parentId: '0' }],
    });
    const [firm] = await database.db.insert(firms).values({ name: 'Test Firm' }).returning();
    const [user] = await database.db
      .insert(users)
      .values({
        email: `adviser-${randomBytes(6).toString('hex')}@example.com`,
        name: 'Test Adviser',
      })
      .returning();
    const [employee] = await database.db
      .insert(accounts)
      .values({
        firmId: firm!.id,
        type: 'employee',
        role: 'admin',
        firstName: 'Test',
        surname: 'Adviser',
      })
      .returning();
    await database.db
      .insert(logins)
      .values({ userId: user!.id, firmId: firm!.id, accountId: employee!.id, isAdmin: true });
    const { subscription } = await new SubscriptionRepository(database.db, box).upsert({
      firmId: firm!.id,
      addon,
      enabled: true,
      config: {
        firmId: secclFirmId,
        baseUrl: sandbox.url,
        auth: { mode: 'legacy', id: 'api-user', password },
      },
    });
    const { token } = await createPersonalAccessToken(database.db, {
      userId: user!.id,
      name: 'test',
      abilities: ['*'],
    });
    return {
      id: firm!.id,
      secclFirmId,
      subscriptionId: subscription.id,
      userId: user!.id,
      loginAccountId: employee!.id,
      token,
    };
  };

  const firm = await addFirm();

  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    const token = opts.token === undefined ? firm.token : opts.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  return {
    url,
    app,
    database,
    sandbox,
    box,
    firm,
    logs,
    call,
    addFirm,
    async close() {
      await app.reconciler.stop();
      await app.server.close();
      await sandbox.close();
      await database.close();
    },
  };
}
