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
import { fromSecclFieldErrors, requestKeyOf } from './field-errors.js';

/**
 * True when every field Seccl refused came from a key of the request, so the caller can fix it
 * and a 422 names keys they sent. A refusal of a field the product sets itself (firmId,
 * termsAccepted, currency, language) or of one the product never sends is not theirs to fix:
 * the whole refusal is then a 502, even when caller fields are refused beside it, because no
 * change to the request could make it pass.
 */
export function isCallersToFix(error: SecclFieldErrors): boolean {
  const list = error.fieldErrors;
  return list.length > 0 && list.every((field) => requestKeyOf(field.fieldName) !== undefined);
}

/** The product's error for a Seccl failure; undefined for anything that is not a SecclError. */
export function fromSecclError(error: unknown): AppError | undefined {
  if (!(error instanceof SecclError)) return undefined;
  const upstream = { status: error.status, type: error.secclType, message: error.secclMessage };

  if (error instanceof SecclFieldErrors) {
    if (isCallersToFix(error)) {
      return new ValidationError(fromSecclFieldErrors(error.fieldErrors), { cause: error });
    }
    return new UpstreamFailedError(
      'Seccl refused a field that this service sets, not one from the request.',
      upstream,
      { cause: error },
    );
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
