/**
 * The `seccl-addon` command as an operator runs it, in a child process on a database of its own:
 * tokens made, listed and revoked, and keys rotated so an old APP_KEY entry can be dropped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { SubscriptionRepository } from '../src/addons/subscription.repository.js';
import type { Database } from '../src/db/database.js';
import {
  accounts,
  auditEvents,
  firms,
  logins,
  oauthSigningKeys,
  onboardingIntents,
  users,
} from '../src/db/schema.js';
import { verifyPersonalAccessToken } from '../src/identity/personal-access-tokens.js';
import { IntentRepository } from '../src/onboarding/intents.repository.js';
import type { IntentPayload } from '../src/onboarding/intent-payload.js';
import { generateKeyEntry, parseKeyRing, SecretBox } from '../src/security/secret-box.js';
import { scratchDatabase, type ScratchDatabase } from './support/scratch-database.js';

const OLD_KEY = generateKeyEntry('old');
const NEW_KEY = generateKeyEntry('new');
const box = (ring: string) => new SecretBox(parseKeyRing(ring));

function cli(args: string[], env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, APP_KEY: OLD_KEY, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('seccl-addon CLI', () => {
  let scratch: ScratchDatabase;
  const email = 'cli.adviser@example.com';
  let userId: string;
  let firmId: string;

  /** Runs `work` on the scratch database, closed again before the next child process opens it. */
  async function withDb<T>(work: (database: Database) => Promise<T>): Promise<T> {
    const database = await scratch.open();
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  }

  before(async () => {
    scratch = await scratchDatabase();
    await withDb(async ({ db }) => {
      const [firm] = await db.insert(firms).values({ name: 'CLI Firm' }).returning();
      const [user] = await db.insert(users).values({ email, name: 'CLI Adviser' }).returning();
      const [employee] = await db
        .insert(accounts)
        .values({ firmId: firm!.id, type: 'employee', role: 'admin' })
        .returning();
      await db
        .insert(logins)
        .values({ userId: user!.id, firmId: firm!.id, accountId: employee!.id, isAdmin: true });
      userId = user!.id;
      firmId = firm!.id;
    });
  });
  after(() => scratch.drop());

  test('makes a token shown once, lists it, revokes it, and audits both', async () => {
    const made = cli(
      [
        'token',
        'create',
        '--email',
        email,
        '--name',
        'ops',
        '--abilities',
        'accounts:read,seccl:*',
      ],
      scratch.env,
    );
    assert.equal(made.code, 0, made.err);
    const token = /^([0-9a-f-]{36}\|\S+)$/m.exec(made.out)?.[1];
    assert.ok(token, made.out);
    const id = token.split('|')[0]!;

    const listed = cli(['token', 'list', '--email', email], scratch.env);
    const revoked = cli(['token', 'revoke', '--email', email, '--id', id], scratch.env);

    assert.match(
      listed.out,
      new RegExp(`${id}\\s+active\\s+ops\\s+\\[accounts:read, seccl:\\*\\]`),
    );
    assert.ok(!listed.out.includes(token.split('|')[1]!), 'the list never shows the secret');
    assert.match(revoked.out, /Revoked\./);
    await withDb(async ({ db }) => {
      assert.equal(await verifyPersonalAccessToken(db, token), null);
      const rows = await db.select().from(auditEvents).where(eq(auditEvents.firmId, firmId));
      assert.deepEqual(rows.map((r) => [r.action, r.userId, r.detail?.token_id]).sort(), [
        ['token.created', userId, id],
        ['token.revoked', userId, id],
      ]);
    });
  });

  test('refuses an unknown ability with a usage error', () => {
    const run = cli(['token', 'create', '--email', email, '--abilities', 'root'], scratch.env);

    assert.equal(run.code, 64);
    assert.match(run.err, /Unknown abilities: root/);
  });

  test('will not start on PostgreSQL without APP_KEY', () => {
    const run = cli(['key', 'rotate'], {
      DATABASE_URL: 'postgres://127.0.0.1:1/none',
      APP_KEY: '',
    });

    assert.equal(run.code, 2);
    assert.match(run.err, /APP_KEY is required when DATABASE_URL is set/);
  });

  test('rotates every sealed value so the old key can be dropped', async () => {
    const secret = 'rotate-me-s3cret';
    await withDb(async ({ db }) => {
      const old = box(OLD_KEY);
      const { subscription } = await new SubscriptionRepository(db, old).upsert({
        firmId,
        addon: 'seccl',
        enabled: true,
        config: {
          firmId: 'ROTAT',
          baseUrl: 'https://seccl.example',
          auth: { mode: 'legacy', id: 'u', password: secret },
        },
      });
      const [login] = await db.select().from(logins).where(eq(logins.firmId, firmId));
      const intent = await new IntentRepository(db, old).insert({
        firmId,
        addon: 'seccl',
        subscriptionId: subscription.id,
        loginId: login!.id,
        idempotencyKey: undefined,
        fingerprint: 'f',
        accountId: undefined,
        payload: { userId, requestId: 'r', parentSecclId: null } as unknown as IntentPayload,
        leaseMs: 0,
        now: new Date(),
      });
      await db
        .update(onboardingIntents)
        .set({ response: old.sealJson({ ok: true }) })
        .where(eq(onboardingIntents.id, intent.id));
      await db
        .insert(oauthSigningKeys)
        .values({ slot: 'cli-test', kid: 'cli-test', privateKey: old.seal('pem') });

      const both = box(`${NEW_KEY},${OLD_KEY}`);
      assert.equal(
        (await new SubscriptionRepository(db, both).all())[0]!.config.auth.password,
        secret,
      );
      await assert.rejects(
        new SubscriptionRepository(db, box(NEW_KEY)).all(),
        'not yet without the old key',
      );
    });

    const run = cli(['key', 'rotate'], { ...scratch.env, APP_KEY: `${NEW_KEY},${OLD_KEY}` });

    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /Re-sealed 4 values with key new\./);
    await withDb(async ({ db }) => {
      const current = box(NEW_KEY);
      assert.equal(
        (await new SubscriptionRepository(db, current).all())[0]!.config.auth.password,
        secret,
      );
      const [intent] = await db.select().from(onboardingIntents);
      assert.deepEqual(current.openJson(intent!.request), {
        userId,
        requestId: 'r',
        parentSecclId: null,
      });
      assert.deepEqual(current.openJson(intent!.response!), { ok: true });
      const [key] = await db
        .select()
        .from(oauthSigningKeys)
        .where(eq(oauthSigningKeys.slot, 'cli-test'));
      assert.equal(current.open(key!.privateKey), 'pem');
    });
  });
});
