/**
 * One process per PGlite folder. Two processes on the same folder each think they own the files
 * and lose each other's writes, so the second one must stop with a clear message instead.
 */
import {
  chmodSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';

export interface FolderLock {
  release(): void;
}

export class FolderLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another process (pid ${pid}). ` +
        'Stop that process, or set DATA_DIR to another folder, or DATABASE_URL to use PostgreSQL.',
    );
    this.name = 'FolderLockedError';
  }
}

export function acquireFolderLock(dataDir: string): FolderLock {
  // The folder holds clients' personal data and token hashes: only this user may enter it. A
  // folder the user chose that already exists keeps its mode; the database's own one is ours.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(join(dataDir, 'pglite'), { recursive: true, mode: 0o700 });
  chmodSync(join(dataDir, 'pglite'), 0o700);
  const path = join(dataDir, 'server.lock');

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const holder = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new FolderLockedError(dataDir, holder);
    }
    // The holder died without cleaning up (SIGKILL, power loss): the lock is stale.
    rmSync(path, { force: true });
  }
  throw new FolderLockedError(dataDir, -1);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
