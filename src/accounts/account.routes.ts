/** The CRM side the main route needs: create a client account, read one with its references. */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { Db } from '../db/database.js';
import { NotFoundError } from '../errors.js';
import { requireAbility } from '../http/authenticate.js';
import { londonDate, type Clock } from '../rules/index.js';
import { parseAccountRequest } from './account-request.js';
import { insertAccount, loadAccountResource } from './account.repository.js';

export function accountRoutes(
  app: FastifyInstance,
  deps: { db: Db; authenticate: preHandlerHookHandler; clock: Clock },
): void {
  app.post('/api/v1/account', { preHandler: deps.authenticate }, async (request, reply) => {
    const principal = requireAbility(request, 'accounts:write');
    const values = parseAccountRequest(request.body, londonDate(deps.clock.now()));

    const row = await insertAccount(deps.db, principal.login.firmId, values);
    const resource = await loadAccountResource(deps.db, principal.login.firmId, row.id);
    return reply.code(201).send({ data: resource });
  });

  app.get<{ Params: { uuid: string } }>(
    '/api/v1/account/:uuid',
    { preHandler: deps.authenticate },
    async (request) => {
      const principal = requireAbility(request, 'accounts:read');
      const resource = await loadAccountResource(
        deps.db,
        principal.login.firmId,
        request.params.uuid,
      );
      if (!resource) throw new NotFoundError('No account with that UUID was found in this firm.');
      return { data: resource };
    },
  );
}
