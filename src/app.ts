/**
 * Builds the service from its parts, without listening: `main.ts` listens on the configured port,
 * tests on port 0. Every dependency comes in, so tests can drive time, Seccl and the database.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { accountRoutes } from './accounts/account.routes.js';
import { addonRoutes } from './addons/addons.routes.js';
import { SubscriptionRepository } from './addons/subscription.repository.js';
import type { Db } from './db/database.js';
import { authenticate, installIdentify } from './http/authenticate.js';
import { clientErrorHandler } from './http/client-error.js';
import { installErrorHandler, sendAnswer, toAnswer } from './http/error-handler.js';
import { installJsonBody } from './http/json-body.js';
import { installRateLimit, type RateLimiter } from './http/rate-limit.js';
import { DatabaseRateLimiter } from './http/rate-limit.database.js';
import { installRequestLog, requestIdFrom } from './http/request-log.js';
import { firstMatching, type BearerVerifier } from './identity/bearer.js';
import { verifyPersonalAccessToken } from './identity/personal-access-tokens.js';
import { tokenRoutes } from './identity/token.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { CreateClientService } from './onboarding/create-client.service.js';
import { noFaults, type FaultPoints } from './onboarding/fault-points.js';
import { IntentQueries } from './onboarding/intent-view.js';
import { IntentRepository } from './onboarding/intents.repository.js';
import { onboardingRoutes } from './onboarding/onboarding.routes.js';
import { Reconciler, type ReconcilerOptions } from './onboarding/reconciler.js';
import type { OAuth } from './oauth/index.js';
import type { Clock } from './rules/index.js';
import type { SecclClient } from './seccl/client.js';
import type { SecretBox } from './security/secret-box.js';

export interface AppDeps {
  /** Origins a subscription may name over plain http: the embedded sandbox's, if it runs. */
  httpOrigins?: readonly string[];
  db: Db;
  box: SecretBox;
  seccl: SecclClient;
  clock: Clock;
  logger: Logger;
  /** Verifiers tried after personal access tokens (OAuth2 access tokens). */
  extraVerifiers?: BearerVerifier[];
  /** OAuth2 for third-party apps: its routes (its verifier goes in extraVerifiers). */
  oauth?: OAuth;
  /** How long a create request owns its intent before the reconciler may take it (default 60 s). */
  requestLeaseMs?: number;
  reconciler?: ReconcilerOptions;
  /** Where tests make the product's own storage fail at a chosen step (default: never). */
  faults?: FaultPoints;
  /** The shared request counter (default: in the database, 500 a minute per user). */
  rateLimiter?: RateLimiter;
}

export interface App {
  server: FastifyInstance;
  reconciler: Reconciler;
  intents: IntentRepository;
  subscriptions: SubscriptionRepository;
}

export const BODY_LIMIT_BYTES = 64 * 1024;
/** The whole request, headers and body, must arrive within this time. */
export const REQUEST_TIMEOUT_MS = 30_000;

export async function buildApp(deps: AppDeps): Promise<App> {
  const server = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Fastify's own request lines log the raw URL; ours (request-log.ts) log the route pattern.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: 'requestId',
    }),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (request) => requestIdFrom(request),
    return503OnClosing: true,
    // A client that sends its request slowly, or never finishes it, is cut off instead of
    // holding a socket for ever (Fastify's default is no limit).
    requestTimeout: REQUEST_TIMEOUT_MS,
    // Long ids reach the route and get its JSON 404, instead of Fastify's own 414 shape.
    routerOptions: { maxParamLength: 2048 },
    // Errors Fastify finds before routing (a bad percent-encoding) go through the one error
    // mapping: JSON, and never a message that repeats the URL.
    frameworkErrors: (error, _request, reply) => sendAnswer(reply, toAnswer(error)),
    // Fastify's default logs the parser's error, which holds the raw request bytes.
    clientErrorHandler: clientErrorHandler(deps.logger as FastifyBaseLogger),
  });
  // Only JSON in UTF-8 is read: a text/plain body must be refused (415), never half-understood.
  installJsonBody(server);
  installErrorHandler(server);
  installRequestLog(server);

  const subscriptions = new SubscriptionRepository(deps.db, deps.box);
  const intents = new IntentRepository(deps.db, deps.box);
  const verifier = firstMatching([
    { verify: (token) => verifyPersonalAccessToken(deps.db, token, deps.clock.now()) },
    ...(deps.extraVerifiers ?? []),
  ]);
  const auth = authenticate(deps.db, verifier);
  installIdentify(server, verifier);
  installRateLimit(
    server,
    deps.rateLimiter ?? new DatabaseRateLimiter(deps.db, { limit: 500 }),
    deps.clock,
  );
  const service = new CreateClientService({
    db: deps.db,
    intents,
    subscriptions,
    seccl: deps.seccl,
    clock: deps.clock,
    logger: deps.logger,
    requestLeaseMs: deps.requestLeaseMs ?? 60_000,
    faults: deps.faults ?? noFaults,
  });
  const reconciler = new Reconciler(
    {
      db: deps.db,
      intents,
      subscriptions,
      seccl: deps.seccl,
      clock: deps.clock,
      logger: deps.logger,
      faults: deps.faults ?? noFaults,
    },
    deps.reconciler,
  );

  onboardingRoutes(server, { authenticate: auth, service, intents: new IntentQueries(intents) });
  accountRoutes(server, { db: deps.db, authenticate: auth, clock: deps.clock });
  addonRoutes(server, {
    db: deps.db,
    authenticate: auth,
    subscriptions,
    seccl: deps.seccl,
    httpOrigins: deps.httpOrigins ?? [],
  });
  tokenRoutes(server, { db: deps.db, authenticate: auth, clock: deps.clock });
  auditRoutes(server, { db: deps.db, authenticate: auth });
  await deps.oauth?.register(server, { authenticate: auth });
  server.get('/health', async () => ({ status: 'ok' }));

  await server.ready();
  return { server, reconciler, intents, subscriptions };
}
