/** The main route. Thin: who is calling, one service call, the outcome as the answer. */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { requireAbility } from '../http/authenticate.js';
import { BadRequestError } from '../errors.js';
import type { CreateClientService } from './create-client.service.js';
import type { IntentQueries } from './intent-view.js';

export function onboardingRoutes(
  app: FastifyInstance,
  deps: {
    authenticate: preHandlerHookHandler;
    service: CreateClientService;
    intents: IntentQueries;
  },
): void {
  app.post<{ Params: { addon: string } }>(
    '/api/v1/addons/seccl/:addon/client',
    { preHandler: deps.authenticate },
    async (request, reply) => {
      const principal = requireAbility(request, 'seccl:write');
      // No body at all. A JSON `null` is a body, and the rules answer it like any non-object.
      if (request.body === undefined) {
        throw new BadRequestError('The request body is empty; send a JSON object.');
      }

      const outcome = await deps.service.create({
        principal,
        addon: request.params.addon,
        body: request.body,
        idempotencyKey: headerValue(request.headers['idempotency-key']),
        requestId: request.id,
      });

      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(outcome.status).send(outcome.body);
    },
  );

  app.get<{ Params: { addon: string; intent: string } }>(
    '/api/v1/addons/seccl/:addon/intents/:intent',
    { preHandler: deps.authenticate },
    async (request) => {
      const principal = requireAbility(request, 'seccl:read');
      return {
        data: await deps.intents.view(
          principal.login.firmId,
          request.params.addon,
          request.params.intent,
        ),
      };
    },
  );
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
