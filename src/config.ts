/**
 * The environment, read once into one typed Config. Every bad setting is reported at once, so an
 * operator fixes them in one go; nothing else in the code reads `process.env`.
 */
import { resolve } from 'node:path';
import { parseKeyRing } from './security/secret-box.js';
import { pemFromEnv, privateKeyProblem } from './oauth/private-key.js';

export interface Config {
  /** Port of the product's HTTP server (PORT, default 8080; 0 picks a free one). */
  port: number;
  /** Address to bind (HOST, default 127.0.0.1). */
  host: string;
  /** PostgreSQL URL; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined;
  /** Folder for the embedded database, its lock, the generated APP_KEY and the sandbox state. */
  dataDir: string;
  /** Encryption keys for secrets at rest: `kid:base64key` entries, comma separated, first is current. */
  appKey: string | undefined;
  /** Port of the embedded Seccl sandbox (SANDBOX_PORT, default 4010); -1 turns it off. */
  sandboxPort: number;
  /** Requests a minute per user (RATE_LIMIT_PER_MINUTE, default 500). */
  rateLimitPerMinute: number;
  /** Redis for the shared rate-limit counter; when absent the counter lives in the database. */
  redisUrl: string | undefined;
  /** Timeout of one call to Seccl in milliseconds (SECCL_TIMEOUT_MS, default 10000). */
  secclTimeoutMs: number;
  /** pino level (LOG_LEVEL, default info). */
  logLevel: string;
  /** Seed the demo firm, token and subscription on first run (SEED_DEMO; default on for PGlite). */
  seedDemo: boolean;
  /** Public base URL of this service, used in the printed curl and OAuth redirects. */
  publicUrl: string;
  /** The reconciler's poll interval in ms (RECONCILE_INTERVAL_MS, default 2000; 0 turns it off). */
  reconcileIntervalMs: number;
  /**
   * PEM RSA private key that signs OAuth2 access tokens (OAUTH_PRIVATE_KEY; `\n` escapes allowed).
   * When unset, a key is generated on first start and kept in the database, sealed with APP_KEY.
   */
  oauthPrivateKey: string | undefined;
  /**
   * How long a request or the reconciler owns an intent (INTENT_LEASE_MS; default the larger of
   * 60 s and ten Seccl timeouts, so a lease outlasts one create call with its authentication).
   */
  intentLeaseMs: number;
  /** The reconciler's first backoff in ms, doubled per try (RECONCILE_BACKOFF_MS, default 1000). */
  reconcileBackoffMs: number;
  /**
   * FOR TESTING ONLY (the fault campaign): the share, 0 to 1, of the product's own database steps
   * on the create path that fail on purpose (TESTING_DB_FAULT_RATE, default 0: off).
   */
  testingDbFaultRate: number;
  /** Seed of that fault sequence (TESTING_DB_FAULT_SEED, default 1). */
  testingDbFaultSeed: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(raw);
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = text(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false`);
    return fallback;
  };

  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const appKey = text('APP_KEY');
  if (databaseUrl !== undefined && appKey === undefined) {
    problems.push(
      'APP_KEY is required when DATABASE_URL is set (generate one: seccl-addon key generate)',
    );
  }
  if (appKey !== undefined) {
    try {
      parseKeyRing(appKey);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const port = int('PORT', 8080, 0, 65535);
  const host = text('HOST') ?? '127.0.0.1';
  const config: Config = {
    port,
    host,
    databaseUrl,
    dataDir: resolve(text('DATA_DIR') ?? './data'),
    appKey,
    sandboxPort: int('SANDBOX_PORT', 4010, -1, 65535),
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 500, 1, 1_000_000),
    redisUrl: text('REDIS_URL'),
    secclTimeoutMs: int('SECCL_TIMEOUT_MS', 10_000, 100, 120_000),
    logLevel: text('LOG_LEVEL') ?? 'info',
    seedDemo: bool('SEED_DEMO', databaseUrl === undefined),
    publicUrl: (text('PUBLIC_URL') ?? `http://${host}:${port}`).replace(/\/+$/, ''),
    reconcileIntervalMs: int('RECONCILE_INTERVAL_MS', 2000, 0, 3_600_000),
    oauthPrivateKey: oauthKey(text('OAUTH_PRIVATE_KEY'), problems),
    intentLeaseMs: 0,
    reconcileBackoffMs: int('RECONCILE_BACKOFF_MS', 1000, 0, 3_600_000),
    testingDbFaultRate: 0,
    testingDbFaultSeed: int('TESTING_DB_FAULT_SEED', 1, 0, 2 ** 32 - 1),
  };
  config.intentLeaseMs = int(
    'INTENT_LEASE_MS',
    Math.max(60_000, 10 * config.secclTimeoutMs),
    1000,
    3_600_000,
  );
  const faultRate = text('TESTING_DB_FAULT_RATE');
  if (faultRate !== undefined) {
    const rate = /^(0(\.\d+)?|1(\.0+)?)$/.test(faultRate) ? Number(faultRate) : Number.NaN;
    if (Number.isNaN(rate)) problems.push('TESTING_DB_FAULT_RATE must be a number from 0 to 1');
    else config.testingDbFaultRate = rate;
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  }
  if (config.redisUrl !== undefined && !/^rediss?:\/\//.test(config.redisUrl)) {
    problems.push('REDIS_URL must start with redis:// or rediss://');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function oauthKey(value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  const pem = pemFromEnv(value);
  const problem = privateKeyProblem(pem);
  if (problem !== undefined) problems.push(`OAUTH_PRIVATE_KEY ${problem}`);
  return pem;
}
