/**
 * Setting OAuth2 up as an operator would: the signing key generated once and kept sealed in the
 * database, or given in OAUTH_PRIVATE_KEY; clients registered and revoked at the command line;
 * a user's sign-in password set from stdin. The signing-key tests use a slot of their own, so
 * they share a PostgreSQL database safely with other test files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../src/db/database.js';
import { oauthClients, oauthSigningKeys, users } from '../src/db/schema.js';
import { checkCredentials } from '../src/identity/passwords.js';
import { CommandUsageError, oauthCommand, passwordCommand } from '../src/oauth/commands.js';
import { loadSigningKey } from '../src/oauth/index.js';
import { generateKeyEntry, parseKeyRing, SecretBox } from '../src/security/secret-box.js';
import { testKeyPem } from './support/oauth.js';

const APP_KEY = generateKeyEntry('setup');
const box = new SecretBox(parseKeyRing(APP_KEY));

describe('OAuth2 set-up', () => {
  let database: Database;
  const email = `oauth.operator.${randomUUID()}@example.com`;
  const slot = `test-${randomUUID()}`;

  before(async () => {
    database = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 4 });
    await database.migrate();
    await database.db.insert(users).values({ email, name: 'Operator' });
  });
  after(async () => {
    await database?.db.delete(oauthSigningKeys).where(eq(oauthSigningKeys.slot, slot));
    await database?.close();
  });

  describe('the signing key', () => {
    test('is generated once, sealed, and the same for every instance that loads it', async () => {
      const [a, b] = await Promise.all([
        loadSigningKey({ db: database.db, box, slot }),
        loadSigningKey({ db: database.db, box, slot }),
      ]);
      const later = await loadSigningKey({ db: database.db, box, slot });

      assert.equal(a.kid, b.kid);
      assert.equal(later.kid, a.kid);
      const rows = await database.db
        .select()
        .from(oauthSigningKeys)
        .where(eq(oauthSigningKeys.slot, slot));
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.kid, a.kid);
      assert.doesNotMatch(rows[0]!.privateKey, /PRIVATE KEY/, 'sealed, not in clear');
      assert.equal(a.privateKey.asymmetricKeyDetails?.modulusLength, 2048);
    });

    test('cannot be opened with another APP_KEY, and says what to do', async () => {
      const other = new SecretBox(parseKeyRing(generateKeyEntry('other')));

      await assert.rejects(loadSigningKey({ db: database.db, box: other, slot }), /APP_KEY/);
    });

    test('comes from OAUTH_PRIVATE_KEY when set, whatever the database holds', async () => {
      const stored = await loadSigningKey({ db: database.db, box, slot });

      const given = await loadSigningKey({ db: database.db, box, slot, pem: testKeyPem() });

      assert.notEqual(given.kid, stored.kid);
    });
  });

  describe('OAUTH_PRIVATE_KEY', () => {
    test('is read with its \\n escapes on one line', () => {
      const oneLine = testKeyPem().trim().replace(/\n/g, '\\n');

      const config = loadConfig({ OAUTH_PRIVATE_KEY: oneLine });

      assert.equal(config.oauthPrivateKey, testKeyPem().trim());
    });

    test('is refused when it is not an RSA key of 2048 bits or more', () => {
      const small = generateKeyPairSync('rsa', { modulusLength: 1024 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();

      for (const [value, reason] of [
        ['not a key', /not a PEM private key/],
        [small, /at least 2048 bits/],
        [ec, /must be an RSA key/],
      ] as const) {
        assert.throws(() => loadConfig({ OAUTH_PRIVATE_KEY: value }), reason);
      }
    });
  });

  describe('the command line', () => {
    test('registers a public client, lists it, and revokes it', async () => {
      const lines: string[] = [];
      const print = (line: string) => lines.push(line);

      await oauthCommand(
        database.db,
        [
          'client',
          'create',
          '--name',
          'Desk App',
          '--redirect-uri',
          'http://127.0.0.1:7000/cb',
          '--public',
        ],
        print,
      );
      const id = /Client ([0-9a-f-]{36}) created \(public\)/.exec(lines[0] ?? '')?.[1];
      assert.ok(id, lines.join('\n'));
      assert.ok(!lines.join('\n').includes('secret'), 'a public client has no secret');
      await oauthCommand(database.db, ['client', 'list'], print);
      await oauthCommand(database.db, ['client', 'revoke', '--id', id], print);

      assert.ok(lines.some((line) => line.startsWith(`${id}  active  public  Desk App`)));
      assert.ok(lines.includes('Revoked; its tokens no longer work.'));
      const [row] = await database.db.select().from(oauthClients).where(eq(oauthClients.id, id));
      assert.ok(row!.revokedAt);
    });

    test('may register a client for * and says every mistake', async () => {
      const lines: string[] = [];

      await oauthCommand(
        database.db,
        [
          'client',
          'create',
          '--name',
          'Ops',
          '--redirect-uri',
          'https://ops.example/cb',
          '--scopes',
          '*',
        ],
        (line) => lines.push(line),
      );

      assert.match(lines[1]!, /^Scopes it may ask for: \*$/);
      assert.match(lines.join('\n'), /Client secret, shown only now:\n[\w-]{50,}/);
      await assert.rejects(
        oauthCommand(database.db, ['client', 'create', '--redirect-uri', 'ftp://x'], () => {}),
        (error: Error) =>
          error instanceof CommandUsageError &&
          /name field is required/.test(error.message) &&
          /redirect_uris\.0/.test(error.message),
      );
    });

    test('sets a password that the sign-in check accepts, and refuses a short one', async () => {
      const password = 'correct horse battery staple';

      await passwordCommand(
        database.db,
        ['--email', email],
        async () => password,
        () => {},
      );

      assert.ok(await checkCredentials(database.db, email.toUpperCase(), password));
      assert.equal(await checkCredentials(database.db, email, 'wrong password!'), null);
      await assert.rejects(
        passwordCommand(
          database.db,
          ['--email', email],
          async () => 'short',
          () => {},
        ),
        /12 to 1024 characters/,
      );
    });

    // A child process cannot open the in-memory PGlite, and a PGlite folder costs seconds to set
    // up, so the command's own wiring is checked where the child can share the database.
    test(
      'seccl-addon runs the oauth and user commands',
      { skip: process.env.DATABASE_URL ? false : 'runs on PostgreSQL (DATABASE_URL) only' },
      () => {
        const run = (args: string[], input?: string) =>
          spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
            env: { ...process.env, APP_KEY, LOG_LEVEL: 'silent' },
            input,
            encoding: 'utf8',
            timeout: 60_000,
          });

        const password = run(['user', 'password', '--email', email], 'a long enough password\n');
        const wrong = run(['oauth', 'client', 'create', '--name', 'X']);

        assert.equal(password.status, 0, password.stderr);
        assert.match(password.stdout, /Password set\./);
        assert.equal(wrong.status, 64);
        assert.match(wrong.stderr, /redirect uris field is required/);
      },
    );
  });
});
