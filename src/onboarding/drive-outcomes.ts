/**
 * How a drive of an intent can end, besides a 200: handed to the reconciler (202), failed for
 * good, or waiting because Seccl asked it to. The bodies here are what callers and replays get.
 */
import { laravelMessage } from '../http/laravel.js';
import { SecclCircuitOpenError, SecclError, SecclRateLimitedError } from '../seccl/errors.js';

/** The answer for the caller: a status and its body; `replayed` for a stored one. */
export interface Outcome {
  status: number;
  body: unknown;
  replayed?: boolean;
}

/** Thrown inside a drive when it must stop and leave the intent to the reconciler. */
export class HandOver extends Error {
  constructor(
    readonly reason: string,
    readonly error?: unknown,
    /** Wait at least a lease before the next try: a create sent may still land. */
    readonly settle = false,
  ) {
    super(reason);
  }
}

/** Thrown when the intent ended for good with an answer a replay of it gets. */
export class IntentFailed extends Error {
  constructor(
    readonly reason: string,
    readonly error: unknown,
  ) {
    super(reason);
  }
}

/** The 202 body: the client is on its way, with the Seccl id when it is known. */
export function pendingBody(intentId: string, secclId: string | undefined) {
  return {
    message: 'The client is being onboarded; the CRM will be updated shortly.',
    id: secclId ?? null,
    sync: 'pending',
    intent: intentId,
  };
}

/** The body a replay of an intent that failed for good gets. */
export function failureBody(intentId: string, secclId: string | undefined, why: string) {
  return {
    message: `The client could not be onboarded: ${why}.`,
    id: secclId ?? null,
    sync: 'failed',
    intent: intentId,
  };
}

/** How long Seccl (or our circuit to it) asked us to wait, and whether the call was never made. */
export function waitAsked(error: unknown): { ms: number; untried: boolean } | undefined {
  if (error instanceof SecclCircuitOpenError) {
    return { ms: error.retryAfterSeconds * 1000, untried: true };
  }
  if (error instanceof SecclRateLimitedError && error.retryAfterSeconds !== undefined) {
    return { ms: error.retryAfterSeconds * 1000, untried: false };
  }
  return undefined;
}

export function laravelShape(errors: Record<string, string[]>) {
  return { message: laravelMessage(errors), errors };
}

/** Seccl read the create and said no (a 4xx other than throttling or a refused token). */
export function refused(error: unknown): boolean {
  if (!(error instanceof SecclError) || error.status === undefined) return false;
  return error.status >= 400 && error.status < 500 && ![401, 403, 429].includes(error.status);
}
