/**
 * Access tokens as a Laravel Passport client knows them: RS256 JWTs with `kid` in the header and
 * `jti`, `aud` (the client id), `sub` (the user id), `scopes`, `iat`, `nbf` and `exp` claims.
 * The signature and times are checked here; whether a jti was revoked is the database's to say.
 */
import { decodeJwt, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import type { SigningKey } from './signing-key.js';

/** The claims this service puts in, and reads back from, an access token. */
export interface AccessClaims {
  jti: string;
  clientId: string;
  userId: string;
  scopes: string[];
}

// Three base64url parts, the first two JSON objects (`eyJ` is how `{"` starts in base64url).
// Anything else, such as a personal access token `<uuid>|<secret>`, is not ours to read.
const JWT_SHAPE = /^eyJ[A-Za-z0-9_-]{1,2000}\.eyJ[A-Za-z0-9_-]{1,8000}\.[A-Za-z0-9_-]{1,1000}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when `token` is shaped like a JWT (a cheap test before any cryptography). */
export function looksLikeJwt(token: string): boolean {
  return JWT_SHAPE.test(token);
}

export async function signAccessToken(
  key: SigningKey,
  claims: AccessClaims,
  issuedAt: Date,
  ttlSeconds: number,
): Promise<string> {
  const iat = Math.floor(issuedAt.getTime() / 1000);
  return new SignJWT({ scopes: claims.scopes })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setJti(claims.jti)
    .setAudience(claims.clientId)
    .setSubject(claims.userId)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(key.privateKey);
}

/**
 * The claims of a token this key signed, or null for anything else: another shape, another key,
 * a bad signature, a missing claim, or (unless `anyTime`) a time outside nbf..exp at `now`.
 * `anyTime` serves revocation, where an expired token may still be named.
 */
export async function readAccessToken(
  key: SigningKey,
  token: string,
  now: Date,
  options: { anyTime?: boolean } = {},
): Promise<AccessClaims | null> {
  if (!looksLikeJwt(token)) return null;

  let payload: Record<string, unknown>;
  try {
    // jose has no switch to skip the time claims, so revocation checks them at a moment inside
    // the token's own window; the signature check below still covers those very claims.
    const at = options.anyTime ? timeInside(token) : now;
    const verified = await jwtVerify(
      token,
      (header: JWTHeaderParameters) => {
        if (header.kid !== key.kid) throw new Error('unknown kid');
        return key.publicKey;
      },
      {
        algorithms: ['RS256'],
        currentDate: at,
        requiredClaims: ['jti', 'sub', 'aud', 'iat', 'nbf', 'exp'],
      },
    );
    payload = verified.payload;
  } catch {
    return null;
  }

  const { jti, sub, aud, scopes } = payload;
  if (typeof jti !== 'string' || !UUID.test(jti)) return null;
  if (typeof sub !== 'string' || !UUID.test(sub)) return null;
  if (typeof aud !== 'string' || !UUID.test(aud)) return null;
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) return null;
  return { jti, clientId: aud, userId: sub, scopes };
}

function timeInside(token: string): Date {
  const { nbf } = decodeJwt(token);
  return new Date((typeof nbf === 'number' ? nbf : 0) * 1000);
}
