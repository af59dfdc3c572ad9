/**
 * The OAuth2 endpoints under /oauth: the authorization pages, the token and revocation endpoints
 * and the public key set. Form bodies are read only here, in this plugin's own scope; the API
 * elsewhere still takes JSON alone.
 */
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AuthorizeService } from './authorize.service.js';
import { csrfCookieOf, ensureCsrfCookie, sendStep } from './page-answers.js';
import type { SigningKey } from './signing-key.js';
import type { TokenService } from './token.service.js';

export interface OAuthRouteDeps {
  authorize: AuthorizeService;
  tokens: TokenService;
  key: SigningKey;
  /** Mark the CSRF cookie Secure (when the service is reached over https). */
  secureCookies: boolean;
}

export async function oauthRoutes(app: FastifyInstance, deps: OAuthRouteDeps): Promise<void> {
  await app.register(formbody);

  app.get('/oauth/authorize', async (request, reply) => {
    const csrf = ensureCsrfCookie(request, reply, deps.secureCookies);
    const step = await deps.authorize.begin(request.query, csrf);
    return sendStep(reply, step, csrf, 'GET');
  });

  app.post('/oauth/authorize', async (request, reply) => {
    const csrf = csrfCookieOf(request);
    const step = await deps.authorize.signIn(request.body, csrf);
    return sendStep(reply, step, csrf, 'POST');
  });

  app.post('/oauth/consent', async (request, reply) => {
    const csrf = csrfCookieOf(request);
    const step = await deps.authorize.decide(request.body, csrf);
    return sendStep(reply, step, csrf, 'POST');
  });

  app.post('/oauth/token', async (request, reply) => {
    const answer = await deps.tokens.exchange(request.body, request.headers.authorization);
    return reply.headers({ 'cache-control': 'no-store', pragma: 'no-cache' }).send(answer);
  });

  app.post('/oauth/revoke', async (request, reply) => {
    await deps.tokens.revoke(request.body, request.headers.authorization);
    return reply.headers({ 'cache-control': 'no-store' }).code(200).send();
  });

  app.get('/oauth/jwks.json', async (_request, reply) => {
    return reply.header('cache-control', 'public, max-age=300').send({ keys: [deps.key.jwk] });
  });
}
