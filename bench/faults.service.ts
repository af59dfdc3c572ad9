/**
 * The service under test as a child process running `src/main.ts`, as an operator would run it,
 * so that it can be killed with SIGKILL mid-request and started again on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Target } from './faults.setup.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LISTENING = /^Listening on (http:\/\/\S+)/m;
const START_TIMEOUT_MS = 30_000;

export interface ServiceSettings {
  target: Target;
  /** A folder of the campaign's own (PGlite's files, or just the service's scratch space). */
  dataDir: string;
  appKey: string;
  /** Share of the service's own database steps that fail on purpose (TESTING_DB_FAULT_RATE). */
  dbFaultRate: number;
  seed: number;
  leaseMs: number;
  secclTimeoutMs: number;
}

export class ServiceProcess {
  #child: ChildProcess | undefined;
  #url: string | undefined;
  #starts = 0;
  /** Everything the service printed, for the personal-data check. */
  readonly output: string[] = [];
  /** Set when the service exited without being told to: how it ended. */
  crashed: string | undefined;

  constructor(private readonly settings: ServiceSettings) {}

  /** How many times the service has been started. */
  get starts(): number {
    return this.#starts;
  }

  /** The base URL of the running service; undefined while it is down. */
  get url(): string | undefined {
    return this.#url;
  }

  async start(options: { dbFaults: boolean } = { dbFaults: true }): Promise<void> {
    const { settings } = this;
    this.#starts += 1;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      APP_KEY: settings.appKey,
      SANDBOX_PORT: '-1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      SECCL_TIMEOUT_MS: String(settings.secclTimeoutMs),
      INTENT_LEASE_MS: String(settings.leaseMs),
      RECONCILE_INTERVAL_MS: '250',
      RECONCILE_BACKOFF_MS: '250',
      RATE_LIMIT_PER_MINUTE: '1000000',
      TESTING_DB_FAULT_RATE: options.dbFaults ? String(settings.dbFaultRate) : '0',
      // Each start draws another sequence, so a restart does not replay the same failures.
      TESTING_DB_FAULT_SEED: String(settings.seed * 31 + this.#starts),
      DATA_DIR: settings.dataDir,
      ...(settings.target.kind === 'postgres' ? { DATABASE_URL: settings.target.url } : {}),
    };

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    this.#url = await this.#listening(child);
    child.once('exit', (code, signal) => {
      if (this.#child !== child) return;
      this.#child = undefined;
      this.#url = undefined;
      this.crashed = `exit ${code ?? signal}`;
    });
  }

  /** SIGKILL: no clean stop, leases and half-done requests stay as they were. */
  async kill(): Promise<void> {
    await this.#stop('SIGKILL');
  }

  /** SIGTERM: the service finishes what it holds and closes its database. */
  async stop(): Promise<void> {
    await this.#stop('SIGTERM');
  }

  async #stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.#child;
    this.#url = undefined;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  #listening(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the service did not start within ${START_TIMEOUT_MS} ms:\n${seen}`));
      }, START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.output.push(text);
        seen += text;
        const match = LISTENING.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the service exited (${code ?? signal}) before listening:\n${seen}`));
      });
    });
  }
}
