/**
 * Control routes under `/__sandbox/`, for a test or fault campaign run from another process.
 * They take no token, skip faults, and are mounted only when `SandboxOptions.control` is true.
 * Their answers are plain JSON (`{ id }`, `{ clients }`, `{ firmId }`), errors Seccl's envelope.
 */
import { SandboxError, validationError, type Reply } from './envelope.js';
import { faultSpecErrors, randomiseErrors } from './faults.js';
import { firmErrors } from './firms.js';
import type { RequestContext, Route } from './router.js';
import type { Stores } from './stores.js';
import type { FaultSpec, RandomiseOptions, SandboxFirm } from './types.js';

export function controlRoutes(stores: Stores): Route[] {
  const { faults, firms, clients } = stores;

  function addFault(ctx: RequestContext): Reply {
    const problems = faultSpecErrors(ctx.body);
    if (problems.length > 0) throw validationError(problems);
    return { status: 201, body: { id: faults.add(ctx.body as FaultSpec) } };
  }

  function clearFaults(): Reply {
    faults.clear();
    return { status: 204 };
  }

  function clearFault(ctx: RequestContext): Reply {
    const { id = '' } = ctx.params;
    if (!faults.has(id)) throw new SandboxError(404, 'NotFoundError', 'No such fault.');
    faults.clear(id);
    return { status: 204 };
  }

  function randomise(ctx: RequestContext): Reply {
    const problems = randomiseErrors(ctx.body);
    if (problems.length > 0) throw validationError(problems);
    faults.randomise(ctx.body as RandomiseOptions | null);
    return { status: 204 };
  }

  function heldClients(ctx: RequestContext): Reply {
    const firmId = ctx.query.get('firmId') ?? undefined;
    return { status: 200, body: { clients: clients.all(firmId || undefined) } };
  }

  function addFirm(ctx: RequestContext): Reply {
    const problems = firmErrors(ctx.body);
    if (problems.length > 0) throw validationError(problems);
    const firm = ctx.body as SandboxFirm;
    firms.add(firm);
    return { status: 201, body: { firmId: firm.firmId } };
  }

  const control = true;
  return [
    { method: 'POST', path: '/__sandbox/faults', handler: addFault, control },
    { method: 'DELETE', path: '/__sandbox/faults', handler: clearFaults, control },
    { method: 'DELETE', path: '/__sandbox/faults/:id', handler: clearFault, control },
    { method: 'POST', path: '/__sandbox/faults/random', handler: randomise, control },
    { method: 'GET', path: '/__sandbox/clients', handler: heldClients, control },
    { method: 'POST', path: '/__sandbox/firms', handler: addFirm, control },
  ];
}
