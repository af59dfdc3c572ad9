/** Subscribing a firm to a Seccl-family addon, and listing its subscriptions (never a secret). */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { recordAudit } from '../audit/audit.js';
import type { Db } from '../db/database.js';
import { ForbiddenError } from '../errors.js';
import { requireAbility } from '../http/authenticate.js';
import type { SecclClient } from '../seccl/client.js';
import { findAddon } from './catalogue.js';
import { parseSubscribeRequest } from './subscribe.js';
import { publicView } from './subscription-config.js';
import type { Subscription, SubscriptionRepository } from './subscription.repository.js';

export function addonRoutes(
  app: FastifyInstance,
  deps: {
    db: Db;
    authenticate: preHandlerHookHandler;
    subscriptions: SubscriptionRepository;
    seccl: SecclClient;
    /** Origins a subscription may name over plain http (the embedded sandbox). */
    httpOrigins: readonly string[];
  },
): void {
  app.post('/api/v1/subscribe', { preHandler: deps.authenticate }, async (request, reply) => {
    const principal = requireAbility(request, 'addons:write');
    if (!principal.login.isAdmin) throw new ForbiddenError();
    const input = parseSubscribeRequest(request.body, { httpOrigins: deps.httpOrigins });

    const { subscription, created } = await deps.subscriptions.upsert({
      firmId: principal.login.firmId,
      ...input,
    });
    deps.seccl.forget(subscription.id);
    await recordAudit(deps.db, {
      firmId: principal.login.firmId,
      action: created ? 'subscription.created' : 'subscription.updated',
      loginId: principal.login.id,
      userId: principal.userId,
      detail: { addon: subscription.addon, enabled: subscription.enabled },
    });

    return reply.code(created ? 201 : 200).send({ data: subscriptionResource(subscription) });
  });

  app.get('/api/v1/addon-subscriptions', { preHandler: deps.authenticate }, async (request) => {
    const principal = requireAbility(request, 'addons:read');
    const rows = await deps.subscriptions.list(principal.login.firmId);
    return { data: rows.map(subscriptionResource) };
  });
}

function subscriptionResource(subscription: Subscription) {
  return {
    uuid: subscription.id,
    addon: subscription.addon,
    name: findAddon(subscription.addon)?.name ?? subscription.addon,
    enabled: subscription.enabled,
    config: publicView(subscription.config),
    created_at: subscription.createdAt.toISOString(),
    updated_at: subscription.updatedAt.toISOString(),
  };
}
