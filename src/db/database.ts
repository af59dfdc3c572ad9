/**
 * Opens the database: PostgreSQL through `pg` when a URL is given, otherwise the embedded PGlite
 * in a folder (or in memory, for tests). Both come back as the same Drizzle type.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.js';
import { acquireFolderLock, type FolderLock } from './folder-lock.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Runs migrations; on PostgreSQL under an advisory lock so instances can start together. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** A postgres:// URL; when absent PGlite is used. */
  url?: string;
  /** PGlite's folder; `memory` keeps everything in memory (tests). */
  dataDir?: string;
  /** Pool size on PostgreSQL (default 10). */
  poolSize?: number;
}

// Any fixed 64-bit number works; it only has to be the same in every instance of this service.
const MIGRATION_LOCK_KEY = 7_315_020_417_001n;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url !== undefined) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? 'memory');
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that loses its server (restart, failover) emits 'error'; without a listener
  // that would end the process. The pool drops the client and the next query gets a new one.
  pool.on('error', () => undefined);
  // A client that loses its server while checked out (between the queries of a transaction) has
  // no pool listener then, and an unheard 'error' event would end the process. The query it is
  // running, or its next one, fails instead, and the pool drops the broken client on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzlePg(pool, { schema }) as unknown as Db;

  return {
    db,
    kind: 'postgres',
    async migrate() {
      const { migrate } = await import('drizzle-orm/node-postgres/migrator');
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
        await migrate(drizzlePg(client, { schema }), { migrationsFolder: migrationsFolder() });
      } finally {
        await client
          .query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()])
          .catch(() => undefined);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  let lock: FolderLock | undefined;
  if (dataDir !== 'memory') lock = acquireFolderLock(dataDir);

  let client: PGlite;
  try {
    client = dataDir === 'memory' ? new PGlite() : new PGlite(`${dataDir}/pglite`);
    await client.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;

  return {
    db,
    kind: 'pglite',
    async migrate() {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(db as never, { migrationsFolder: migrationsFolder() });
    },
    async close() {
      await client.close();
      lock?.release();
    },
  };
}

function migrationsFolder(): string {
  return new URL('../../drizzle', import.meta.url).pathname;
}
