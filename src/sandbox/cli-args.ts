/** Command-line arguments of `src/sandbox/cli.ts`, turned into sandbox options. */
import { parseArgs } from 'node:util';
import type { SandboxFirm, SandboxOptions } from './types.js';

export const USAGE =
  'usage: sandbox [--host H] [--port N] [--state FILE] [--firm FIRM:USER:PASSWORD]... ' +
  '[--token-ttl SECONDS] [--no-control] [--log]';

/** Sandbox options from the command line, and whether to print a line per request. */
export interface CliSettings {
  options: SandboxOptions;
  log: boolean;
}

/** Reads command-line arguments; throws an `Error` saying what is wrong. */
export function optionsFromArgs(args: string[]): CliSettings {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4010' },
      state: { type: 'string' },
      firm: { type: 'string', multiple: true, default: [] },
      'token-ttl': { type: 'string' },
      'no-control': { type: 'boolean', default: false },
      log: { type: 'boolean', default: false },
    },
  });

  const port = Number(values.port);
  if (!/^[0-9]+$/.test(values.port) || port > 65_535) throw new Error(`bad --port ${values.port}`);
  const ttl = values['token-ttl'];
  if (ttl !== undefined && !/^[1-9][0-9]*$/.test(ttl)) throw new Error(`bad --token-ttl ${ttl}`);

  const firms = new Map<string, SandboxFirm>();
  for (const text of values.firm) {
    const [firmId, userId, ...rest] = text.split(':');
    const password = rest.join(':');
    if (!firmId || !userId || !password) throw new Error('--firm wants FIRM:USER:PASSWORD');
    const firm = firms.get(firmId) ?? { firmId, users: [] };
    firm.users.push({ id: userId, password });
    firms.set(firmId, firm);
  }

  const options: SandboxOptions = {
    host: values.host,
    port,
    stateFile: values.state,
    firms: [...firms.values()],
    tokenTtlMs: ttl === undefined ? undefined : Number(ttl) * 1000,
    control: !values['no-control'],
  };
  return { options, log: values.log };
}
