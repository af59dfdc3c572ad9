/**
 * The Seccl sandbox: a real HTTP server speaking the subset of Seccl's API in
 * `shared/spec/seccl.md`, for the product's first run and for tests on a real socket. It imports
 * nothing from the rest of `src/`, so it cannot share a mistake with the product's Seccl client.
 *
 * @example
 * const user = { id: 'demo-user', password: 'demo-pass' };
 * const sandbox = await startSandbox({ firms: [{ firmId: 'DEMOF', users: [user] }] });
 * const body = JSON.stringify({ firmId: 'DEMOF', ...user });
 * await fetch(`${sandbox.url}/authenticate`, { method: 'POST', body });
 * await sandbox.close();
 *
 * Control routes (no api-token, no faults; only when `options.control` is true, the default):
 * - `POST /__sandbox/faults` with a `FaultSpec` -> 201 `{ id }`
 * - `DELETE /__sandbox/faults` (all, and the random campaign) or `/__sandbox/faults/{id}` -> 204
 * - `POST /__sandbox/faults/random` with `RandomiseOptions` or `null` -> 204
 * - `GET /__sandbox/clients?firmId=` -> 200 `{ clients }`
 * - `POST /__sandbox/firms` with a `SandboxFirm` -> 201 `{ firmId }`
 */
import { apiRoutes } from './api-routes.js';
import { controlRoutes } from './control-routes.js';
import { Router } from './router.js';
import { SandboxServer } from './server.js';
import { StateWriter, readState } from './state-file.js';
import { createStores, restore, snapshotOf } from './stores.js';
import type { Sandbox, SandboxOptions } from './types.js';

export type {
  ClientType,
  FaultSpec,
  RandomFaultKind,
  RandomiseOptions,
  Sandbox,
  SandboxAddress,
  SandboxClient,
  SandboxClientDetails,
  SandboxEmployer,
  SandboxFaults,
  SandboxFieldError,
  SandboxFirm,
  SandboxNationality,
  SandboxOptions,
  VulnerabilityReason,
} from './types.js';

const HOUR_MS = 60 * 60 * 1000;

/** Starts a sandbox, resolving once it listens; rejects if the state file is not sandbox state. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { host = '127.0.0.1', port = 0, stateFile, logger, control = true } = options;
  const now = options.now ?? Date.now;

  let writer: StateWriter | undefined;
  const stores = createStores(options.tokenTtlMs ?? HOUR_MS, now, () => writer?.schedule());
  if (stateFile !== undefined) {
    const saved = await readState(stateFile);
    if (saved) restore(stores, saved);
    writer = new StateWriter(
      stateFile,
      () => snapshotOf(stores),
      (error) => {
        const code = (error as NodeJS.ErrnoException | undefined)?.code;
        logger?.({ event: 'sandbox.state-write-failed', code });
      },
    );
  }
  for (const firm of options.firms ?? []) stores.firms.add(firm);

  const api = apiRoutes(stores, { idempotencyKeys: options.idempotencyKeys ?? true });
  const routes = [...api, ...(control ? controlRoutes(stores) : [])];
  const server = new SandboxServer({
    router: new Router(routes),
    faults: stores.faults,
    tokens: stores.tokens,
    logger,
  });
  const boundPort = await server.listen(host, port);
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${boundPort}`,
    port: boundPort,
    addFirm: (firm) => stores.firms.add(firm),
    clients: (firmId) => stores.clients.all(firmId),
    faults: {
      add: (spec) => stores.faults.add(spec),
      clear: (id) => stores.faults.clear(id),
      randomise: (opts) => stores.faults.randomise(opts),
      refuseConnections: async (on) => {
        if (on) await server.stopListening();
        else await server.relisten();
      },
    },
    close: async () => {
      await server.close();
      await writer?.flush();
    },
  };
}
