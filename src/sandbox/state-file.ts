/**
 * The optional state file: everything the sandbox holds, as one JSON document. Writes are
 * debounced (a burst of creates costs one write) and atomic (a temporary file renamed over the
 * old one), so a crash mid-write leaves the previous state rather than half a file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StoredToken } from './auth.js';
import type { IdempotencyRecord } from './idempotency.js';
import type { SandboxClient, SandboxFirm } from './types.js';

export interface StateSnapshot {
  version: 1;
  firms: SandboxFirm[];
  clients: SandboxClient[];
  tokens: StoredToken[];
  idempotency: IdempotencyRecord[];
}

const LISTS = ['firms', 'clients', 'tokens', 'idempotency'] as const;

/** Reads a state file; `undefined` when there is none yet. Throws when it is not sandbox state. */
export async function readState(path: string): Promise<StateSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }

  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw new Error(`Sandbox state file ${path} is not valid JSON`, { cause: error });
  }
  const record = state as Record<string, unknown> | null;
  const fits =
    typeof record === 'object' &&
    record !== null &&
    record.version === 1 &&
    LISTS.every((key) => Array.isArray(record[key]));
  if (!fits) throw new Error(`Sandbox state file ${path} does not hold sandbox state (version 1)`);
  return state as StateSnapshot;
}

/** Writes the state shortly after a change, one write at a time. */
export class StateWriter {
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #tmpCount = 0;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => StateSnapshot,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 50,
  ) {}

  /** Changes within `delayMs` of the first share its write, so a steady stream still gets saved. */
  schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#enqueue();
    }, this.delayMs);
    this.#timer.unref();
  }

  /** Writes now if a write is pending, and waits for every write under way. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      await this.#enqueue();
    }
    await this.#writing;
  }

  #enqueue(): Promise<void> {
    this.#writing = this.#writing.then(() => this.#write()).catch(this.onError);
    return this.#writing;
  }

  async #write(): Promise<void> {
    const tmp = `${this.path}.${process.pid}.${++this.#tmpCount}.tmp`;
    await mkdir(dirname(this.path), { recursive: true });
    await writeFile(tmp, `${JSON.stringify(this.snapshot(), null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.path);
  }
}
