/**
 * The product's own errors, named by what went wrong. Services throw these; exactly one place
 * (`src/http/error-handler.ts`) turns them into HTTP answers.
 */

export class AppError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Field errors in the CRM's Laravel shape: dotted request keys to lists of messages. */
export type FieldErrors = Record<string, string[]>;

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldErrors,
    options?: ErrorOptions,
  ) {
    super(Object.values(errors)[0]?.[0] ?? 'The given data was invalid.', options);
  }
}

/** The request itself cannot be read (malformed JSON, a missing header that decides the login). */
export class BadRequestError extends AppError {}

/** The body is not JSON in UTF-8 (another media type or charset). */
export class UnsupportedMediaTypeError extends AppError {}

export class UnauthenticatedError extends AppError {
  constructor() {
    super('Unauthenticated.');
  }
}

export class ForbiddenError extends AppError {
  constructor() {
    super('This action is unauthorized.');
  }
}

export class NotFoundError extends AppError {}

export class ConflictError extends AppError {}

export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('Too Many Attempts.');
  }
}

/** Seccl answered with an error that is not about a field the caller sent. */
export class UpstreamFailedError extends AppError {
  constructor(
    message: string,
    readonly upstream: { status?: number; type?: string; message?: string },
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Seccl could not be reached, was too slow, or the circuit for it is open. */
export class UpstreamUnavailableError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly timedOut = false,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Our own storage failed before anything reached Seccl: safe for the caller to retry. */
export class ServiceUnavailableError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The error codes of RFC 6749 §5.2 and RFC 7009 §2.2.1 that this service answers with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type';

/**
 * A refusal at the OAuth2 token or revocation endpoint, answered in the protocol's own shape
 * (`{"error": ..., "error_description": ...}`) rather than the CRM's `{"message": ...}`.
 */
export class OAuthError extends AppError {
  constructor(
    readonly code: OAuthErrorCode,
    description: string,
  ) {
    super(description);
  }
}
