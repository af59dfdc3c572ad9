/**
 * `/api/v1/me/tokens`: the caller's own personal access tokens. Listing takes `tokens:read`;
 * creating and revoking take `tokens:write`. A token never mints a token that can do more than
 * itself, nor one that outlives it, and only a personal access token may mint one: a token made
 * from an OAuth2 access token would outlast the grant and escape its revocation.
 */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { Db } from '../db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { requireAbility } from '../http/authenticate.js';
import type { Clock } from '../rules/index.js';
import { listPersonalAccessTokens, type TokenView } from './personal-access-tokens.js';
import { grantsAll, type Principal } from './principal.js';
import { parseTokenRequest, type TokenRequest } from './token-request.js';
import { issueToken, revokeToken } from './token.service.js';

export function tokenRoutes(
  app: FastifyInstance,
  deps: { db: Db; authenticate: preHandlerHookHandler; clock: Clock },
): void {
  app.get('/api/v1/me/tokens', { preHandler: deps.authenticate }, async (request) => {
    const principal = requireAbility(request, 'tokens:read');

    const tokens = await listPersonalAccessTokens(deps.db, principal.userId);
    const now = deps.clock.now();
    return { data: tokens.map((token) => tokenResource(token, now)) };
  });

  app.post('/api/v1/me/tokens', { preHandler: deps.authenticate }, async (request, reply) => {
    const principal = requireAbility(request, 'tokens:write');
    const now = deps.clock.now();
    const wanted = parseTokenRequest(request.body, now);
    const minter = principal.via === 'personal_access_token';
    if (!minter || !grantsAll(principal.abilities, wanted.abilities)) throw new ForbiddenError();
    const expiresAt = allowedExpiry(principal, wanted);

    const { token, view } = await issueToken(
      deps.db,
      { userId: principal.userId, name: wanted.name, abilities: wanted.abilities, expiresAt },
      { kind: 'api', byToken: principal.tokenId },
    );
    return reply.code(201).send({ data: { ...tokenResource(view, now), token } });
  });

  app.delete<{ Params: { id: string } }>(
    '/api/v1/me/tokens/:id',
    { preHandler: deps.authenticate },
    async (request, reply) => {
      const principal = requireAbility(request, 'tokens:write');

      const revoked = await revokeToken(
        deps.db,
        principal.userId,
        request.params.id,
        deps.clock.now(),
        { kind: 'api', byToken: principal.tokenId },
      );
      if (!revoked) throw new NotFoundError('No active token with that id was found.');
      return reply.code(204).send();
    },
  );
}

/**
 * The new token's end: what was asked, or the caller's own end when it has one and none was
 * asked. Asking for a later end than the caller's is a field error, not a silent cut.
 */
function allowedExpiry(principal: Principal, wanted: TokenRequest): Date | undefined {
  const ceiling = principal.expiresAt ?? undefined;
  if (ceiling === undefined) return wanted.expiresAt;
  if (wanted.expiresAt === undefined) return ceiling;
  if (wanted.expiresAt.getTime() > ceiling.getTime()) {
    throw new ValidationError({
      expires_at: [
        `The expires at field must be a date before or equal to ${ceiling.toISOString()}, when the token making it expires.`,
      ],
    });
  }
  return wanted.expiresAt;
}

/** A token as answers show it: never its secret nor its hash. */
export function tokenResource(token: TokenView, now: Date) {
  return {
    uuid: token.id,
    name: token.name,
    abilities: token.abilities,
    state: stateOf(token, now),
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    expires_at: token.expiresAt?.toISOString() ?? null,
    revoked_at: token.revokedAt?.toISOString() ?? null,
    created_at: token.createdAt.toISOString(),
  };
}

function stateOf(token: TokenView, now: Date): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
