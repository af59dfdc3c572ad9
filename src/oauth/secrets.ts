/**
 * Random secrets (client secrets, codes, refresh tokens) and how they are kept: only a SHA-256
 * digest. They carry 256 bits or more of randomness, so a slow password hash would add nothing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret of `bytes` random bytes, base64url. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The digest that is stored in place of a secret, hex. */
export function digestOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** True when `secret` is the one whose digest is `digest`, compared in constant time. */
export function matchesDigest(secret: string, digest: string): boolean {
  const given = Buffer.from(digestOf(secret), 'hex');
  const kept = Buffer.from(digest, 'hex');
  return given.length === kept.length && timingSafeEqual(given, kept);
}
