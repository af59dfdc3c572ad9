/**
 * Seccl's answer envelope: `{ data, meta }` on success, `{ error: { errorMessage, type,
 * fieldErrors } }` on failure. Turns a failed answer into the SecclError that says what it means.
 */
import {
  AUTHENTICATE_ENDPOINT,
  SecclAuthError,
  SecclError,
  SecclFieldErrors,
  SecclNotFoundError,
  SecclRateLimitedError,
  SecclUpstreamError,
  type SecclErrorDetails,
} from './errors.js';
import type { HttpAnswer } from './http.js';
import { parseRetryAfter } from './retry.js';
import type { SecclErrorBody, SecclFieldError } from './types.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Seccl's `error` object, when the body is Seccl's error envelope; malformed entries dropped. */
export function errorBody(json: unknown): SecclErrorBody | undefined {
  if (!isRecord(json) || !isRecord(json.error)) return undefined;

  const { errorMessage, type, fieldErrors } = json.error;
  const fields = Array.isArray(fieldErrors) ? fieldErrors.flatMap(fieldError) : [];
  return {
    errorMessage: typeof errorMessage === 'string' ? errorMessage : undefined,
    type: typeof type === 'string' ? type : undefined,
    fieldErrors: fields,
  };
}

function fieldError(entry: unknown): SecclFieldError[] {
  if (!isRecord(entry) || typeof entry.fieldName !== 'string') return [];

  const message = typeof entry.errorMessage === 'string' ? entry.errorMessage : '';
  const type = typeof entry.type === 'string' ? entry.type : undefined;
  return [{ fieldName: entry.fieldName, errorMessage: message, ...(type ? { type } : {}) }];
}

/**
 * The error a non-2xx answer means. 404 and 400-with-fields count only in Seccl's own envelope:
 * a proxy's HTML 404 must not tell a caller that a client does not exist. Answers from
 * `/authenticate` never become a not-found or field error, which a caller would read as being
 * about its client: 400/401/403 there mean the credentials were refused.
 */
export function answerError(answer: HttpAnswer, endpoint: string, nowMs: number): SecclError {
  const { status } = answer;
  const body = errorBody(answer.json);
  const details: SecclErrorDetails = {
    status,
    secclType: body?.type,
    secclMessage: body?.errorMessage,
    upstreamRequestId: answer.upstreamRequestId,
    endpoint,
  };
  const said = `Seccl answered ${status} to ${endpoint}`;
  const retryAfter = parseRetryAfter(answer.headers.get('retry-after'), nowMs);
  const authenticating = endpoint === AUTHENTICATE_ENDPOINT;

  if (status === 401 || status === 403 || (authenticating && status === 400)) {
    return new SecclAuthError(said, details);
  }
  if (status === 429) return new SecclRateLimitedError(said, retryAfter, details);
  if (body && !authenticating) {
    const fields = body.fieldErrors ?? [];
    if (status === 400 && fields.length > 0) return new SecclFieldErrors(said, fields, details);
    if (status === 404) return new SecclNotFoundError(said, details);
  }

  const unread = body ? '' : ', not in Seccl error envelope';
  return new SecclUpstreamError(said + unread, retryAfter, details);
}

/** The `data` of a 2xx answer, or SecclUpstreamError when there is none. */
export function envelopeData(answer: HttpAnswer, endpoint: string): unknown {
  const json = answer.json;
  if (isRecord(json) && json.data !== undefined && json.data !== null) return json.data;
  throw malformed(answer, endpoint, 'without data');
}

/** A SecclUpstreamError for a 2xx answer that lacks what the call needs. */
export function malformed(answer: HttpAnswer, endpoint: string, what: string): SecclUpstreamError {
  return new SecclUpstreamError(
    `Seccl answered ${answer.status} to ${endpoint} ${what}`,
    undefined,
    { status: answer.status, upstreamRequestId: answer.upstreamRequestId, endpoint },
  );
}
