/**
 * Authentication for the API, in two steps. `installIdentify` reads the bearer token of every
 * request, before the body is read, so the rate limit can count per user; it never refuses a
 * request. The `authenticate` pre-handler of each protected route then refuses one without a
 * valid token (401) and picks the acting login. Routes then ask only `requireAbility`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import {
  AppError,
  ForbiddenError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from '../errors.js';
import { ACTING_LOGIN_HEADER, resolveActingLogin } from '../identity/acting-login.js';
import { bearerToken, type BearerVerifier } from '../identity/bearer.js';
import { hasAbility, type Caller, type Principal } from '../identity/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the bearer token proves: null for none or an invalid one, undefined until checked. */
    caller?: Caller | null;
    principal?: Principal;
  }
}

/** The caller behind the request's bearer token, checked once per request. */
export async function identify(
  request: FastifyRequest,
  verifier: BearerVerifier,
): Promise<Caller | null> {
  if (request.caller !== undefined) return request.caller;
  const token = bearerToken(request.headers.authorization);

  let caller: Caller | null = null;
  try {
    caller = token === undefined ? null : await verifier.verify(token);
  } catch (error) {
    // A verifier that calls a bad token unauthenticated has said what null says.
    if (!(error instanceof UnauthenticatedError)) {
      request.log.warn({ err: { type: (error as Error).name } }, 'token check failed');
      throw unavailable(error);
    }
  }
  request.caller = caller;
  return caller;
}

/** Checks the bearer token of every request as it arrives (registered before the rate limit). */
export function installIdentify(app: FastifyInstance, verifier: BearerVerifier): void {
  app.addHook('onRequest', async (request) => {
    await identify(request, verifier);
  });
}

/** The pre-handler of a protected route: a valid token (401) and a usable acting login. */
export function authenticate(db: Db, verifier: BearerVerifier) {
  return async function authenticateHook(request: FastifyRequest, _reply: FastifyReply) {
    const caller = await identify(request, verifier);
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

function unavailable(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new ServiceUnavailableError('Credentials cannot be checked right now; try again.', 2, {
    cause: error,
  });
}
