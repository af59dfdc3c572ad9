/**
 * The command line's OAuth2 part: `oauth client create|list|revoke`, and `user password`, which
 * sets the password the sign-in page checks. Output goes through `print`, so the CLI decides
 * where it is written; a secret is printed once, when it is made.
 */
import { parseArgs } from 'node:util';
import type { Db } from '../db/database.js';
import { ValidationError } from '../errors.js';
import { MAX_PASSWORD_LENGTH, setPassword } from '../identity/passwords.js';
import { parseClientRegistration } from './client-registration.js';
import { ClientRepository } from './clients.repository.js';

/** A mistake in how the command was called; the CLI shows it with the usage text. */
export class CommandUsageError extends Error {}

export const oauthUsage = `  oauth client create --name N --redirect-uri U [--redirect-uri U2]... [--public] [--scopes a,b|*]
  oauth client list
  oauth client revoke --id CLIENT_ID
  user password --email E       set a user's sign-in password, read from the first line of stdin`;

const MIN_PASSWORD_LENGTH = 12;

export async function oauthCommand(
  db: Db,
  argv: string[],
  print: (line: string) => void,
): Promise<void> {
  const [noun, action, ...args] = argv;
  if (noun !== 'client') throw new CommandUsageError('oauth takes: client create|list|revoke');
  const clients = new ClientRepository(db);

  if (action === 'create') {
    const { values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        public: { type: 'boolean', default: false },
        scopes: { type: 'string' },
      },
    });
    const input = registration(values);
    const { client, secret } = await clients.create(input, null);
    print(`Client ${client.id} created (${client.confidential ? 'confidential' : 'public'}).`);
    print(`Scopes it may ask for: ${client.scopes.join(' ')}`);
    if (secret !== null) print(`Client secret, shown only now:\n${secret}`);
  } else if (action === 'list') {
    for (const client of await clients.list(null)) {
      const state = client.revokedAt ? 'revoked' : 'active';
      const kind = client.confidential ? 'confidential' : 'public';
      print(`${client.id}  ${state}  ${kind}  ${client.name}  ${client.redirectUris.join(' ')}`);
    }
  } else if (action === 'revoke') {
    const { values } = parseArgs({ args, options: { id: { type: 'string' } } });
    if (!values.id) throw new CommandUsageError('--id is required');
    const done = await clients.revoke(values.id, null, new Date());
    print(done ? 'Revoked; its tokens no longer work.' : 'No such active client.');
  } else {
    throw new CommandUsageError('oauth client takes create, list or revoke');
  }
}

function registration(values: {
  name?: string;
  'redirect-uri'?: string[];
  public?: boolean;
  scopes?: string;
}) {
  const scopes = values.scopes
    ?.split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  try {
    return parseClientRegistration(
      {
        name: values.name,
        redirect_uris: values['redirect-uri'],
        confidential: !values.public,
        scopes,
      },
      { allowAllScopes: true },
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new CommandUsageError(Object.values(error.errors).flat().join('\n'));
  }
}

/** `user password --email E`: the password is read from stdin, never from the arguments. */
export async function passwordCommand(
  db: Db,
  args: string[],
  readLine: () => Promise<string>,
  print: (line: string) => void,
): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
  if (!values.email) throw new CommandUsageError('--email is required');

  const password = await readLine();
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new CommandUsageError(
      `The password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long.`,
    );
  }
  const done = await setPassword(db, values.email, password);
  if (!done) throw new CommandUsageError('No user with that email.');
  print('Password set.');
}
