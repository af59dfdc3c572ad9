/**
 * What a Seccl failure means for our caller, in one table. Seccl's status, type and message are
 * kept for the 502 body (it is the caller's own data); none of it is logged.
 */
import {
  UpstreamFailedError,
  UpstreamUnavailableError,
  ValidationError,
  type AppError,
} from '../errors.js';
import {
  SecclAuthError,
  SecclCircuitOpenError,
  SecclError,
  SecclFieldErrors,
  SecclNetworkError,
  SecclNotFoundError,
  SecclRateLimitedError,
  SecclTimeoutError,
} from '../seccl/errors.js';
import { fromSecclFieldErrors } from './field-errors.js';

export function fromSecclError(error: unknown): AppError | undefined {
  if (!(error instanceof SecclError)) return undefined;
  const upstream = { status: error.status, type: error.secclType, message: error.secclMessage };

  if (error instanceof SecclFieldErrors) {
    return new ValidationError(fromSecclFieldErrors(error.fieldErrors), { cause: error });
  }
  if (error instanceof SecclCircuitOpenError) {
    return new UpstreamUnavailableError(
      'Seccl is failing for this addon; calls are paused for a moment.',
      error.retryAfterSeconds,
      false,
      { cause: error },
    );
  }
  if (error instanceof SecclRateLimitedError) {
    return new UpstreamUnavailableError(
      'Seccl is throttling requests.',
      error.retryAfterSeconds ?? 5,
      false,
      {
        cause: error,
      },
    );
  }
  if (error instanceof SecclTimeoutError) {
    return new UpstreamUnavailableError('Seccl did not answer in time.', 5, true, { cause: error });
  }
  if (error instanceof SecclNetworkError) {
    return new UpstreamUnavailableError('Seccl could not be reached.', 5, false, { cause: error });
  }
  if (error instanceof SecclAuthError) {
    return new UpstreamFailedError(
      "Seccl refused the addon subscription's credentials.",
      upstream,
      {
        cause: error,
      },
    );
  }
  if (error instanceof SecclNotFoundError) {
    return new UpstreamFailedError('Seccl could not find what was asked for.', upstream, {
      cause: error,
    });
  }
  if (error.status !== undefined && error.status >= 500) {
    return new UpstreamUnavailableError('Seccl is failing.', 5, false, { cause: error });
  }
  return new UpstreamFailedError('Seccl refused the request.', upstream, { cause: error });
}
