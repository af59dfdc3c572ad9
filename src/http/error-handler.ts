/**
 * The one place where errors become HTTP answers. Every answer is JSON with a `message`; none
 * carries a stack trace, a credential or a token, whatever the Accept header says.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  OAuthError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
  UpstreamFailedError,
  UpstreamUnavailableError,
  ValidationError,
} from '../errors.js';
import { laravelMessage } from './laravel.js';
import { isStorageOutage } from './storage-outage.js';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  retryAfter?: number;
  headers?: Record<string, string>;
}

export function toAnswer(error: unknown): Answer {
  if (error instanceof ValidationError) {
    return { status: 422, body: { message: laravelMessage(error.errors), errors: error.errors } };
  }
  if (error instanceof OAuthError) return oauthErrorAnswer(error);
  if (error instanceof AppError) return appErrorAnswer(error);
  if (isStorageOutage(error)) {
    return {
      status: 503,
      body: { message: 'The service cannot reach its database right now. Try again shortly.' },
      retryAfter: 2,
    };
  }
  return fastifyErrorAnswer(error as FastifyError);
}

function appErrorAnswer(error: AppError): Answer {
  const message = { message: error.message };
  if (error instanceof BadRequestError) return { status: 400, body: message };
  if (error instanceof UnauthenticatedError) return { status: 401, body: message };
  if (error instanceof ForbiddenError) return { status: 403, body: message };
  if (error instanceof NotFoundError) return { status: 404, body: message };
  if (error instanceof ConflictError) return { status: 409, body: message };
  if (error instanceof UnsupportedMediaTypeError) return { status: 415, body: message };
  if (error instanceof TooManyRequestsError) {
    return { status: 429, body: message, retryAfter: error.retryAfterSeconds };
  }
  if (error instanceof UpstreamFailedError) {
    const seccl = { type: error.upstream.type ?? null, message: error.upstream.message ?? null };
    return { status: 502, body: { message: error.message, seccl } };
  }
  if (error instanceof UpstreamUnavailableError) {
    const status = error.timedOut ? 504 : 503;
    return { status, body: message, retryAfter: error.retryAfterSeconds };
  }
  if (error instanceof ServiceUnavailableError) {
    return { status: 503, body: message, retryAfter: error.retryAfterSeconds };
  }
  return { status: 500, body: { message: 'Server Error' } };
}

// RFC 6749 §5.2: 401 with a challenge for a client that failed to authenticate, else 400; a token
// endpoint's answers are never to be cached.
function oauthErrorAnswer(error: OAuthError): Answer {
  const unauthenticated = error.code === 'invalid_client';
  const headers: Record<string, string> = { 'cache-control': 'no-store', pragma: 'no-cache' };
  if (unauthenticated) headers['www-authenticate'] = 'Basic realm="oauth"';
  return {
    status: unauthenticated ? 401 : 400,
    body: { error: error.code, error_description: error.message },
    headers,
  };
}

// Fastify's own errors for what it refuses before a handler runs.
function fastifyErrorAnswer(error: FastifyError): Answer {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: { message: 'The request body must be JSON, sent as Content-Type: application/json.' },
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: { message: 'The request body is too large (64 KiB at most).' } };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { message: 'The request body is empty; send a JSON object.' } };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        body: { message: 'The Content-Length header does not match the body.' },
      };
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { status: 400, body: { message: 'The request body is malformed JSON.' } };
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return { status, body: { message: clientMessage(status) } };
  }
  return { status: 500, body: { message: 'Server Error' } };
}

function clientMessage(status: number): string {
  if (status === 404) return 'Not found.';
  if (status === 405) return 'Method not allowed.';
  if (status === 413) return 'The request body is too large (64 KiB at most).';
  if (status === 415) return 'The request body must be JSON.';
  return 'The request could not be read.';
}

export function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  if (answer.retryAfter !== undefined) {
    reply.header('retry-after', String(Math.max(1, Math.ceil(answer.retryAfter))));
  }
  if (answer.headers) reply.headers(answer.headers);
  return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const answer = toAnswer(error);
    if (answer.status >= 500 && !(error instanceof AppError)) {
      // The logger keeps an error's class, code and stack frames, never its message: a message
      // can quote what the caller sent (a database error quotes the value it could not read).
      request.log.error({ err: error }, 'unhandled error');
    }
    return sendAnswer(reply, answer);
  });
  app.setNotFoundHandler((_request, reply) =>
    sendAnswer(reply, { status: 404, body: { message: 'Not found.' } }),
  );
}
