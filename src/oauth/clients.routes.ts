/**
 * Registering third-party apps through the API: a firm admin's token with `oauth:write` registers
 * and revokes, `oauth:read` lists. A confidential client's secret is in the creation answer only.
 */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { recordAudit } from '../audit/audit.js';
import type { Db } from '../db/database.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../errors.js';
import { requireAbility } from '../http/authenticate.js';
import type { Clock } from '../rules/index.js';
import { parseClientRegistration } from './client-registration.js';
import type { ClientRepository, OAuthClient } from './clients.repository.js';

export function oauthClientRoutes(
  app: FastifyInstance,
  deps: { db: Db; authenticate: preHandlerHookHandler; clients: ClientRepository; clock: Clock },
): void {
  app.post('/api/v1/oauth/clients', { preHandler: deps.authenticate }, async (request, reply) => {
    const principal = requireAbility(request, 'oauth:write');
    if (!principal.login.isAdmin) throw new ForbiddenError();
    if (request.body === undefined || request.body === null) {
      throw new BadRequestError('The request body is empty; send a JSON object.');
    }
    const input = parseClientRegistration(request.body, { allowAllScopes: false });

    const { client, secret } = await deps.clients.create(input, principal.userId);
    await recordAudit(deps.db, {
      firmId: principal.login.firmId,
      action: 'oauth.client_created',
      loginId: principal.login.id,
      userId: principal.userId,
      detail: { client_id: client.id, confidential: client.confidential },
    });

    reply.header('cache-control', 'no-store');
    return reply.code(201).send({ data: { ...clientResource(client), secret } });
  });

  app.get('/api/v1/oauth/clients', { preHandler: deps.authenticate }, async (request) => {
    const principal = requireAbility(request, 'oauth:read');
    const clients = await deps.clients.list(principal.userId);
    return { data: clients.map(clientResource) };
  });

  app.delete<{ Params: { id: string } }>(
    '/api/v1/oauth/clients/:id',
    { preHandler: deps.authenticate },
    async (request, reply) => {
      const principal = requireAbility(request, 'oauth:write');
      if (!principal.login.isAdmin) throw new ForbiddenError();

      const revoked = await deps.clients.revoke(
        request.params.id,
        principal.userId,
        deps.clock.now(),
      );
      if (!revoked) throw new NotFoundError('You have no live OAuth client with that id.');
      return reply.code(204).send();
    },
  );
}

function clientResource(client: OAuthClient) {
  return {
    id: client.id,
    name: client.name,
    redirect_uris: client.redirectUris,
    confidential: client.confidential,
    scopes: client.scopes,
    revoked_at: client.revokedAt?.toISOString() ?? null,
    created_at: client.createdAt.toISOString(),
  };
}
