/** Everything the sandbox holds, built in one place and saved or restored as one snapshot. */
import { TokenStore } from './auth.js';
import { ClientStore } from './clients.js';
import { FaultTable } from './faults.js';
import { FirmRegistry } from './firms.js';
import { IdempotencyStore } from './idempotency.js';
import type { StateSnapshot } from './state-file.js';

export interface Stores {
  firms: FirmRegistry;
  clients: ClientStore;
  tokens: TokenStore;
  idempotency: IdempotencyStore;
  faults: FaultTable;
}

export function createStores(tokenTtlMs: number, now: () => number, onChange: () => void): Stores {
  return {
    firms: new FirmRegistry(onChange),
    clients: new ClientStore(now, onChange),
    tokens: new TokenStore(tokenTtlMs, now, onChange),
    idempotency: new IdempotencyStore(now, onChange),
    faults: new FaultTable(),
  };
}

/** What the state file keeps; faults are left out on purpose, as they belong to one test run. */
export function snapshotOf(stores: Stores): StateSnapshot {
  return {
    version: 1,
    firms: stores.firms.snapshot(),
    clients: stores.clients.all(),
    tokens: stores.tokens.snapshot(),
    idempotency: stores.idempotency.snapshot(),
  };
}

export function restore(stores: Stores, state: StateSnapshot): void {
  for (const firm of state.firms) stores.firms.add(firm);
  stores.clients.load(state.clients);
  stores.tokens.load(state.tokens);
  stores.idempotency.load(state.idempotency);
}
