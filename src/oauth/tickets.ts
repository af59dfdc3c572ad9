/**
 * What the sign-in and consent forms carry between steps, without a server-side session: the
 * checked authorization request (and, after sign-in, the user), sealed with the SecretBox so it
 * can be neither read nor forged, bound to the browser's CSRF cookie, and short-lived.
 */
import type { SecretBox } from '../security/secret-box.js';
import { digestOf, matchesDigest } from './secrets.js';

/** An authorization request that passed every check of `GET /oauth/authorize`. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  /** The S256 challenge; undefined only for a confidential client that sent none. */
  codeChallenge: string | undefined;
}

/** The sign-in form's ticket: the request. The consent form's ticket adds who signed in. */
export type Ticket =
  | { step: 'sign-in'; request: AuthorizationRequest }
  | { step: 'consent'; request: AuthorizationRequest; userId: string; email: string };

interface Sealed {
  ticket: Ticket;
  /** Digest of the CSRF cookie the ticket was made for. */
  csrf: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export function sealTicket(
  box: SecretBox,
  ticket: Ticket,
  csrfCookie: string,
  expiresAt: Date,
): string {
  const sealed: Sealed = { ticket, csrf: digestOf(csrfCookie), expiresAt: expiresAt.getTime() };
  return box.sealJson(sealed);
}

/**
 * The ticket of the step named, or undefined when the text is not a ticket, has expired, is for
 * another step, or was made for another browser (another CSRF cookie).
 */
export function openTicket<S extends Ticket['step']>(
  box: SecretBox,
  text: string,
  step: S,
  csrfCookie: string,
  now: Date,
): Extract<Ticket, { step: S }> | undefined {
  let sealed: Sealed;
  try {
    sealed = box.openJson<Sealed>(text);
  } catch {
    return undefined;
  }
  if (typeof sealed !== 'object' || sealed === null || sealed.ticket?.step !== step) {
    return undefined;
  }
  if (typeof sealed.expiresAt !== 'number' || sealed.expiresAt <= now.getTime()) return undefined;
  if (typeof sealed.csrf !== 'string' || !matchesDigest(csrfCookie, sealed.csrf)) return undefined;
  return sealed.ticket as Extract<Ticket, { step: S }>;
}
