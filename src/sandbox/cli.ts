/**
 * Runs the sandbox on its own:
 *
 *   tsx src/sandbox/cli.ts --port 4010 --state ./data/sandbox.json --firm DEMOF:demo-user:demo-pass
 *
 * Options: `--host` (default 127.0.0.1), `--port` (default 4010), `--state FILE` (keep state across
 * restarts), `--firm FIRM:USER:PASSWORD` (repeatable; the password may contain colons),
 * `--token-ttl SECONDS`, `--no-control` (hide `/__sandbox/`), `--log` (one JSON line per request).
 * Stops cleanly on SIGINT or SIGTERM, writing the state file first.
 */
import { USAGE, optionsFromArgs } from './cli-args.js';
import { startSandbox } from './index.js';
import type { SandboxOptions } from './types.js';

async function main(): Promise<void> {
  let options: SandboxOptions;
  try {
    const settings = optionsFromArgs(process.argv.slice(2));
    const logger = (line: object): void => console.log(JSON.stringify(line));
    options = { ...settings.options, logger: settings.log ? logger : undefined };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  const sandbox = await startSandbox(options);
  const firmIds = options.firms?.map((firm) => firm.firmId).join(', ') || 'none';
  const state = options.stateFile ?? 'memory only';
  console.log(`Seccl sandbox listening on ${sandbox.url} (firms: ${firmIds}; state: ${state})`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(1);
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`sandbox: stopping on ${signal} failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${(error as Error).message}`);
  process.exit(1);
});
