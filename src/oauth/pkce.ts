/**
 * Proof Key for Code Exchange (RFC 7636), S256 only: `plain` would let anyone who sees the
 * authorization request (a log, a browser history) redeem the code.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export const PKCE_METHOD = 'S256';

// A verifier is 43 to 128 unreserved characters (RFC 7636 §4.1); an S256 challenge is the
// base64url of a SHA-256 digest, so exactly 43 characters.
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function isValidChallenge(challenge: string): boolean {
  return CHALLENGE.test(challenge);
}

export function isValidVerifier(verifier: string): boolean {
  return VERIFIER.test(verifier);
}

/** The S256 challenge of a verifier. */
export function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** True when `verifier` is well formed and hashes to `challenge`. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  if (!isValidVerifier(verifier) || !isValidChallenge(challenge)) return false;
  return timingSafeEqual(Buffer.from(challengeOf(verifier)), Buffer.from(challenge));
}
