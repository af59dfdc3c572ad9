/**
 * A database of a test's own, for work that touches every row (key rotation) or that a child
 * process must open (the CLI): a PGlite folder, or, when DATABASE_URL is set, a fresh database on
 * that PostgreSQL server, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';

export interface ScratchDatabase {
  /** What the CLI needs in its environment to open this database. */
  env: Record<string, string>;
  /** Opens it (migrated); close it before a child process opens a PGlite folder. */
  open(): Promise<Database>;
  drop(): Promise<void>;
}

export async function scratchDatabase(): Promise<ScratchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl === undefined || serverUrl === '') {
    const dataDir = mkdtempSync(join(tmpdir(), 'seccl-addon-scratch-'));
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => migrated({ dataDir: join(dataDir) }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }

  const { url, drop } = await freshPostgresDatabase(serverUrl, 'scratch');
  return {
    env: { DATABASE_URL: url },
    open: () => migrated({ url, poolSize: 2 }),
    drop,
  };
}

/** A new, empty database on the PostgreSQL server of `serverUrl`, and how to drop it. */
export async function freshPostgresDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

async function migrated(options: Parameters<typeof openDatabase>[0]): Promise<Database> {
  const database = await openDatabase(options);
  await database.migrate();
  return database;
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
