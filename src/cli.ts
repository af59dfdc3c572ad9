/**
 * The `seccl-addon` command: serve, migrate, tokens, subscriptions, the sandbox and keys. It reads
 * the same environment as the service (DATABASE_URL, DATA_DIR, APP_KEY).
 */
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { FolderLockedError } from './db/folder-lock.js';
import { users } from './db/schema.js';
import { listPersonalAccessTokens } from './identity/personal-access-tokens.js';
import { isGrantableAbility } from './identity/principal.js';
import { issueToken, revokeToken } from './identity/token.service.js';
import { loadSecretBox } from './security/app-key.js';
import { generateKeyEntry } from './security/secret-box.js';
import { rotateKeys } from './security/rotate.js';
import { CommandUsageError, oauthCommand, oauthUsage, passwordCommand } from './oauth/commands.js';

const usage = `Usage: seccl-addon <command> [options]

  serve                         run the service (same as npm start)
  migrate                       apply database migrations and exit
  token create --email E [--name N] [--abilities a,b] [--expires-days D]
  token list --email E
  token revoke --email E --id TOKEN_ID
  sandbox [--port P] [--state FILE] [--firm FIRM:USER:PASSWORD]...
  key generate                  print a new APP_KEY entry
  key rotate                    re-seal every secret with the first APP_KEY entry
${oauthUsage}
`;

class UsageError extends Error {}

async function withDatabase<T>(
  config: Config,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl === undefined ? config.dataDir : undefined,
  });
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

async function userIdFor(database: Database, email: string | undefined): Promise<string> {
  if (!email) throw new UsageError('--email is required');
  const [user] = await database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  if (!user) throw new UsageError(`No user with that email.`);
  return user.id;
}

async function token(config: Config, action: string | undefined, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      abilities: { type: 'string' },
      'expires-days': { type: 'string' },
      id: { type: 'string' },
    },
  });
  await withDatabase(config, async (database) => {
    const userId = await userIdFor(database, values.email);
    if (action === 'create') {
      const abilities = (values.abilities ?? '*')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean);
      const unknown = abilities.filter((a) => !isGrantableAbility(a));
      if (unknown.length > 0) throw new UsageError(`Unknown abilities: ${unknown.join(', ')}`);
      const days =
        values['expires-days'] === undefined ? undefined : Number(values['expires-days']);
      if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
        throw new UsageError('--expires-days must be a whole number of days');
      }
      const { token: secret, view } = await issueToken(
        database.db,
        {
          userId,
          name: values.name ?? 'CLI token',
          abilities,
          expiresAt: days === undefined ? undefined : new Date(Date.now() + days * 86_400_000),
        },
        { kind: 'cli' },
      );
      console.log(`Token ${view.id} created. It is shown only now:\n${secret}`);
    } else if (action === 'list') {
      for (const t of await listPersonalAccessTokens(database.db, userId)) {
        const state = t.revokedAt
          ? 'revoked'
          : t.expiresAt && t.expiresAt < new Date()
            ? 'expired'
            : 'active';
        console.log(`${t.id}  ${state}  ${t.name}  [${t.abilities.join(', ')}]`);
      }
    } else if (action === 'revoke') {
      if (!values.id) throw new UsageError('--id is required');
      const done = await revokeToken(database.db, userId, values.id, new Date(), { kind: 'cli' });
      console.log(done ? 'Revoked.' : 'No such active token for that user.');
    } else {
      throw new UsageError('token takes create, list or revoke');
    }
  });
}

async function run(argv: string[]): Promise<void> {
  const [command, action, ...rest] = argv;
  if (command === 'sandbox') {
    process.argv = [process.argv[0]!, 'sandbox', ...argv.slice(1)];
    await import('./sandbox/cli.js');
    return;
  }
  if (command === 'key' && action === 'generate') {
    console.log(generateKeyEntry());
    return;
  }
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(usage);
    return;
  }

  const config = loadConfig();
  if (command === 'serve') {
    await import('./main.js');
  } else if (command === 'migrate') {
    await withDatabase(config, async () => console.log('Migrations applied.'));
  } else if (command === 'token') {
    await token(config, action, rest);
  } else if (command === 'oauth') {
    await withDatabase(config, (database) =>
      oauthCommand(database.db, argv.slice(1), (line) => console.log(line)),
    );
  } else if (command === 'user' && action === 'password') {
    await withDatabase(config, (database) =>
      passwordCommand(database.db, rest, firstLineOfStdin, (line) => console.log(line)),
    );
  } else if (command === 'key' && action === 'rotate') {
    const box = loadSecretBox(config.appKey, config.dataDir);
    await withDatabase(config, async (database) => {
      const count = await rotateKeys(database.db, box);
      console.log(`Re-sealed ${count} values with key ${box.currentKeyId}.`);
    });
  } else {
    throw new UsageError(`Unknown command: ${[command, action].filter(Boolean).join(' ')}`);
  }
}

/** The first line of stdin, without its line ending (a password piped in, or typed). */
async function firstLineOfStdin(): Promise<string> {
  if (process.stdin.isTTY) console.log('Type the password, then Enter (it shows as you type):');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof CommandUsageError) {
    console.error(`${error.message}\n\n${usage}`);
    process.exit(64);
  }
  if (error instanceof ConfigError || error instanceof FolderLockedError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(`Failed: ${(error as Error).message}`);
  process.exit(1);
}
