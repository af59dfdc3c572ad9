/** The Seccl routes the sandbox speaks: authenticate, create, read and find clients, list nodes. */
import { requireSameFirm, type Session } from './auth.js';
import { parseClientQuery } from './client-search.js';
import {
  SandboxError,
  dataReply,
  errorReply,
  listReply,
  validationError,
  type Reply,
} from './envelope.js';
import { FieldErrorList, checkObject, isRecord, text } from './fields.js';
import { fingerprint } from './idempotency.js';
import type { RequestContext, Route } from './router.js';
import type { Stores } from './stores.js';

const SCOPES = ['client:read', 'client:write', 'node:read'];
const SERVICES = ['clients', 'nodes'];

function bodyObject(ctx: RequestContext): Record<string, unknown> {
  if (!isRecord(ctx.body)) {
    throw new SandboxError(400, 'BadRequestError', 'The body must be a JSON object.');
  }
  return ctx.body;
}

function header(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function apiRoutes(stores: Stores, options = { idempotencyKeys: true }): Route[] {
  const { firms, clients, tokens, idempotency } = stores;

  function session(ctx: RequestContext, firmId?: string): Session {
    const found = tokens.check(header(ctx, 'api-token'));
    if (firmId !== undefined) requireSameFirm(found, firmId);
    return found;
  }

  function authenticate(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const errors = new FieldErrorList();
    const fields = { firmId: text(), id: text(), password: text() };
    checkObject(body, '', { fields, required: Object.keys(fields) }, errors);
    if (errors.items.length > 0) throw validationError(errors.items);

    const { firmId, id, password } = body as { firmId: string; id: string; password: string };
    if (!firms.checkPassword(firmId, id, password)) {
      throw new SandboxError(401, 'AuthenticationError', 'The firm, user or password is wrong.');
    }
    const token = tokens.issue(firmId, id);
    const data = { token, userName: id, userType: 'FirmUser', scopes: SCOPES, services: SERVICES };
    return dataReply(200, data);
  }

  function createClient(ctx: RequestContext): Reply {
    const own = session(ctx);
    const { firmId } = own;
    const body = bodyObject(ctx);
    if (typeof body.firmId === 'string') requireSameFirm(own, body.firmId);

    const key = options.idempotencyKeys ? header(ctx, 'idempotency-key') : undefined;
    if (key !== undefined && (key.trim() === '' || key.length > 255)) {
      throw new SandboxError(
        400,
        'BadRequestError',
        'Idempotency-Key must be 1 to 255 characters.',
      );
    }
    const print = fingerprint(body);
    const first = key === undefined ? undefined : idempotency.find(firmId, key);
    if (first && first.fingerprint !== print) {
      const message = 'This Idempotency-Key was first used with another body.';
      throw new SandboxError(422, 'IdempotencyError', message);
    }
    if (first) {
      return { status: first.status, body: first.body, headers: { 'idempotent-replayed': 'true' } };
    }

    const outcome = clients.create(firmId, firms.nodeIds(firmId), body);
    const reply = outcome.ok
      ? dataReply(201, { id: outcome.client.id })
      : errorReply(validationError(outcome.fieldErrors));
    if (key !== undefined) idempotency.remember(firmId, key, print, reply);
    return reply;
  }

  function readClient(ctx: RequestContext): Reply {
    const { firmId = '', clientId = '' } = ctx.params;
    session(ctx, firmId);

    const client = clients.get(firmId, clientId);
    if (!client) throw new SandboxError(404, 'NotFoundError', 'No such client in this firm.');
    return dataReply(200, client);
  }

  function searchClients(ctx: RequestContext): Reply {
    const { firmId = '' } = ctx.params;
    session(ctx, firmId);

    const { filters, page, pageSize } = parseClientQuery(ctx.query);
    const found = clients.search(firmId, filters);
    const start = (page - 1) * pageSize;
    return listReply(found.slice(start, start + pageSize), found.length, page, pageSize);
  }

  function listNodes(ctx: RequestContext): Reply {
    const { firmId = '' } = ctx.params;
    session(ctx, firmId);

    const nodes = firms.nodes(firmId);
    return listReply(nodes, nodes.length, 1, Math.max(nodes.length, 1));
  }

  return [
    { method: 'POST', path: '/authenticate', handler: authenticate },
    { method: 'POST', path: '/client', handler: createClient },
    { method: 'GET', path: '/client/:firmId', handler: searchClients },
    { method: 'GET', path: '/client/:firmId/:clientId', handler: readClient },
    { method: 'GET', path: '/node/:firmId', handler: listNodes },
  ];
}
