/**
 * OAuth2 for third-party apps, put together: the authorization code grant with PKCE, refresh
 * tokens with rotation, RS256 access tokens revocable by jti, and client registration. The app
 * takes `verifier` among its bearer verifiers and calls `register` to add the routes.
 *
 * @example
 * const key = await loadSigningKey({ db, box, pem: config.oauthPrivateKey });
 * const oauth = createOAuth({ db, box, clock, key, secureCookies: false });
 * await buildApp({ ...deps, extraVerifiers: [oauth.verifier], oauth });
 */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { Db } from '../db/database.js';
import type { BearerVerifier } from '../identity/bearer.js';
import type { Clock } from '../rules/index.js';
import type { SecretBox } from '../security/secret-box.js';
import { AuthorizeService, type AuthorizeTimes } from './authorize.service.js';
import { oauthBearerVerifier } from './bearer-verifier.js';
import { ClientRepository } from './clients.repository.js';
import { oauthClientRoutes } from './clients.routes.js';
import { GrantRepository } from './grants.repository.js';
import { oauthRoutes } from './oauth.routes.js';
import type { SigningKey } from './signing-key.js';
import { TokenService, type Lifetimes } from './token.service.js';

export { loadSigningKey, signingKeyFromPem } from './signing-key.js';
export type { SigningKey } from './signing-key.js';

/** Lifetimes in seconds; each has a default. */
export interface OAuthTimes extends Lifetimes, AuthorizeTimes {}

/**
 * Access tokens an hour, refresh tokens 30 days, codes 60 s (long enough for a slow phone, short
 * enough that a leaked one is soon worthless), the sign-in and consent forms 10 minutes each.
 */
export const defaultTimes: OAuthTimes = {
  accessTokenSeconds: 3600,
  refreshTokenSeconds: 30 * 86_400,
  codeSeconds: 60,
  formSeconds: 600,
};

export interface OAuthOptions {
  db: Db;
  box: SecretBox;
  clock: Clock;
  key: SigningKey;
  /** Mark the CSRF cookie Secure: true when the service is reached over https. */
  secureCookies: boolean;
  times?: Partial<OAuthTimes>;
}

export interface OAuth {
  verifier: BearerVerifier;
  clients: ClientRepository;
  /** Adds /oauth/* and /api/v1/oauth/clients to the server. */
  register(
    server: FastifyInstance,
    context: { authenticate: preHandlerHookHandler },
  ): Promise<void>;
}

export function createOAuth(options: OAuthOptions): OAuth {
  const times = { ...defaultTimes, ...options.times };
  const clients = new ClientRepository(options.db);
  const grants = new GrantRepository(options.db);
  const { db, box, clock, key } = options;
  const authorize = new AuthorizeService({ db, box, clients, grants, clock, times });
  const tokens = new TokenService({ db, clients, grants, key, clock, lifetimes: times });

  return {
    verifier: oauthBearerVerifier({ grants, key, clock }),
    clients,
    async register(server, context) {
      // A scope of its own, so that the form parser stays inside /oauth.
      await server.register(async (scope) =>
        oauthRoutes(scope, { authorize, tokens, key, secureCookies: options.secureCookies }),
      );
      oauthClientRoutes(server, { db, authenticate: context.authenticate, clients, clock });
    },
  };
}
