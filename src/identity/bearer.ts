/**
 * Turns a bearer token into a caller. Personal access tokens (`<id>|<secret>`) and OAuth2 access
 * tokens (JWTs) arrive in the same header; each verifier says null for what is not its own.
 */
import type { Caller } from './principal.js';

export interface BearerVerifier {
  verify(token: string): Promise<Caller | null>;
}

/** Asks each verifier in turn; the first that recognises the token decides. */
export function firstMatching(verifiers: BearerVerifier[]): BearerVerifier {
  return {
    async verify(token) {
      for (const verifier of verifiers) {
        const caller = await verifier.verify(token);
        if (caller) return caller;
      }
      return null;
    },
  };
}

/** The token from `Authorization: Bearer <token>`, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S{1,4096})\s*$/i.exec(header ?? '');
  return match?.[1];
}
