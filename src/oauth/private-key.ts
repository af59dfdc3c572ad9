/**
 * Checking OAUTH_PRIVATE_KEY, apart from the rest of OAuth2 so the configuration check stays light.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';

export const MIN_MODULUS_BITS = 2048;

/**
 * The PEM text of an environment value: a PEM put on one line with `\n` escapes (as many secret
 * stores and `.env` files need) is turned back into lines.
 */
export function pemFromEnv(value: string): string {
  return value.includes('\n') ? value : value.replace(/\\n/g, '\n');
}

/** Why `pem` cannot sign tokens, or undefined when it can. */
export function privateKeyProblem(pem: string): string | undefined {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    return 'is not a PEM private key';
  }
  if (key.asymmetricKeyType !== 'rsa') return 'must be an RSA key (tokens are signed RS256)';
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_BITS) return `must be at least ${MIN_MODULUS_BITS} bits`;
  return undefined;
}
