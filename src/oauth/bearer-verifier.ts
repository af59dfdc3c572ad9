/**
 * The API's check of OAuth2 access tokens, beside personal access tokens. It answers null at once
 * for anything not shaped like a JWT, then checks the signature and the token's window against
 * the injected clock, and last asks the database whether the jti or its client was revoked.
 */
import type { BearerVerifier } from '../identity/bearer.js';
import type { Clock } from '../rules/index.js';
import { looksLikeJwt, readAccessToken } from './access-tokens.js';
import type { GrantRepository } from './grants.repository.js';
import { abilitiesFor } from './scopes.js';
import type { SigningKey } from './signing-key.js';

export function oauthBearerVerifier(deps: {
  grants: GrantRepository;
  key: SigningKey;
  clock: Clock;
}): BearerVerifier {
  return {
    async verify(token) {
      if (!looksLikeJwt(token)) return null;
      const now = deps.clock.now();
      const claims = await readAccessToken(deps.key, token, now);
      if (!claims) return null;

      const row = await deps.grants.liveAccessToken(claims.jti);
      if (!row || row.clientId !== claims.clientId || row.userId !== claims.userId) return null;
      // The row's expiry is the record of truth, should the two ever disagree.
      if (row.expiresAt.getTime() <= now.getTime()) return null;

      return {
        userId: row.userId,
        via: 'oauth',
        tokenId: claims.jti,
        abilities: abilitiesFor(row.scopes),
        expiresAt: row.expiresAt,
      };
    },
  };
}
