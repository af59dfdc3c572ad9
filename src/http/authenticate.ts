/**
 * Authentication for the API: the bearer token becomes a Principal with the acting login, before
 * any handler runs. Routes then ask only `requireAbility`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import { ACTING_LOGIN_HEADER, resolveActingLogin } from '../identity/acting-login.js';
import { bearerToken, type BearerVerifier } from '../identity/bearer.js';
import { hasAbility, type Principal } from '../identity/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function authenticate(db: Db, verifier: BearerVerifier) {
  return async function authenticateHook(request: FastifyRequest, _reply: FastifyReply) {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw new UnauthenticatedError();
    const caller = await verifier.verify(token);
    if (!caller) throw new UnauthenticatedError();

    const header = request.headers[ACTING_LOGIN_HEADER];
    const login = await resolveActingLogin(db, caller.userId, firstValue(header));
    request.principal = { ...caller, login };
  };
}

/** The authenticated principal; only called behind the authenticate hook. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthenticatedError();
  return request.principal;
}

export function requireAbility(request: FastifyRequest, ability: string): Principal {
  const principal = principalOf(request);
  if (!hasAbility(principal.abilities, ability)) throw new ForbiddenError();
  return principal;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
