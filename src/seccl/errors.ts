/**
 * Errors raised by the Seccl client, one class per meaning. Every message is built from the
 * endpoint's template and the HTTP status only, so it never carries an id, a credential, a token
 * or anything Seccl echoed back; what Seccl said is kept on the error for callers, not in it.
 */
import type { SecclFieldError } from './types.js';

/** What any Seccl error may carry besides its message. */
export interface SecclErrorDetails {
  status?: number;
  secclType?: string;
  secclMessage?: string;
  upstreamRequestId?: string;
  endpoint?: string;
  cause?: unknown;
}

/** The root of every error the Seccl client throws. */
export class SecclError extends Error {
  /** The HTTP status Seccl answered with, when it answered at all. */
  readonly status?: number;
  /** Seccl's `error.type`. */
  readonly secclType?: string;
  /**
   * Seccl's `error.errorMessage`. It may echo a value the caller sent (an email, a name), so it
   * is not enumerable: a logger's error serialiser that walks the error's keys leaves it out.
   */
  declare readonly secclMessage?: string;
  /** Seccl's `x-request-id` answer header, for a support ticket. */
  readonly upstreamRequestId?: string;
  /** The call that failed as `METHOD /template`, such as `GET /client/{firmId}/{clientId}`. */
  readonly endpoint?: string;

  constructor(message: string, details: SecclErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.secclType = details.secclType;
    this.upstreamRequestId = details.upstreamRequestId;
    this.endpoint = details.endpoint;
    hide(this, 'secclMessage', details.secclMessage);
  }
}

/** Seccl refused the body (400) and named the fields. */
export class SecclFieldErrors extends SecclError {
  /** Not enumerable, for the same reason as `secclMessage`: the messages may echo values. */
  declare readonly fieldErrors: SecclFieldError[];

  constructor(message: string, fieldErrors: SecclFieldError[], details: SecclErrorDetails = {}) {
    super(message, details);
    hide(this, 'fieldErrors', fieldErrors);
  }
}

/** Authentication was refused, or a call was refused (401/403) again after renewing the token. */
export class SecclAuthError extends SecclError {}

/** Seccl answered 404 in its own error envelope. */
export class SecclNotFoundError extends SecclError {}

/** Seccl is throttling us (429). */
export class SecclRateLimitedError extends SecclError {
  /** From `Retry-After`, rounded up to whole seconds, when Seccl sent one. */
  readonly retryAfterSeconds?: number;

  constructor(message: string, retryAfterSeconds?: number, details: SecclErrorDetails = {}) {
    super(message, details);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Any other non-2xx answer, or an answer that is not Seccl's envelope or lacks what we asked. */
export class SecclUpstreamError extends SecclError {
  /** From `Retry-After` (a 503 may send one), rounded up to whole seconds. */
  readonly retryAfterSeconds?: number;

  constructor(message: string, retryAfterSeconds?: number, details: SecclErrorDetails = {}) {
    super(message, details);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The per-attempt timeout fired, before or after Seccl began to answer. */
export class SecclTimeoutError extends SecclError {}

/** The connection failed: refused, reset, DNS, TLS. The transport's error is the `cause`. */
export class SecclNetworkError extends SecclError {
  /**
   * True only when the failure is known to have come before any byte of the request left
   * (refused, name not found, host unreachable, connect timeout, certificate refused).
   */
  readonly neverSent: boolean;

  constructor(message: string, neverSent: boolean, details: SecclErrorDetails = {}) {
    super(message, details);
    this.neverSent = neverSent;
  }
}

/** Seccl has failed too often in a row on this connection; nothing was sent. */
export class SecclCircuitOpenError extends SecclError {
  /** Seconds until a trial call will be let through; at least 1. */
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number, details: SecclErrorDetails = {}) {
    super(message, details);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The endpoint label that errors raised while authenticating carry. */
export const AUTHENTICATE_ENDPOINT = 'POST /authenticate';

/**
 * True when a create may have reached Seccl although we have no usable answer: a timeout, a
 * connection lost after it was open, a 5xx, or a 2xx/3xx we could not read. The caller must then
 * look the client up before ever creating it again. False when Seccl refused the request, when
 * nothing was sent, and when the failure came while authenticating (the create was not sent).
 */
export function isOutcomeUnknown(err: unknown): boolean {
  if (!(err instanceof SecclError) || err.endpoint === AUTHENTICATE_ENDPOINT) return false;

  // A 4xx means Seccl read the request and refused it, even if the rest of the answer was lost.
  const refused = err.status !== undefined && err.status >= 400 && err.status < 500;
  if (err instanceof SecclTimeoutError || err instanceof SecclUpstreamError) return !refused;
  if (err instanceof SecclNetworkError) return !refused && !err.neverSent;
  return false;
}

function hide(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: false });
}
