/**
 * The RSA key that signs access tokens. It comes from OAUTH_PRIVATE_KEY when set; otherwise it is
 * generated on first start and kept in the database sealed with APP_KEY, so every instance signs
 * with the same key and a restart keeps issued tokens valid.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import type { Db } from '../db/database.js';
import { oauthSigningKeys } from '../db/schema.js';
import type { SecretBox } from '../security/secret-box.js';
import { MIN_MODULUS_BITS, privateKeyProblem } from './private-key.js';

export interface SigningKey {
  /** The key id: the RFC 7638 thumbprint of the public key, put in every token's header. */
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as published at /oauth/jwks.json. */
  jwk: JWK;
}

const generate = promisify(generateKeyPair);

/** The signing key from a PEM private key (PKCS#8 or PKCS#1). */
export async function signingKeyFromPem(pem: string): Promise<SigningKey> {
  const problem = privateKeyProblem(pem);
  if (problem !== undefined) throw new Error(`The OAuth2 private key ${problem}.`);

  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const exported = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(exported, 'sha256');
  return { kid, privateKey, publicKey, jwk: { ...exported, kid, alg: 'RS256', use: 'sig' } };
}

export interface LoadOptions {
  db: Db;
  box: SecretBox;
  /** OAUTH_PRIVATE_KEY; when set the database is not consulted. */
  pem?: string;
  /** The row to use; `current` unless a test wants a key of its own. */
  slot?: string;
}

/** The configured key, or the stored one, generating and storing it on the very first start. */
export async function loadSigningKey(options: LoadOptions): Promise<SigningKey> {
  if (options.pem !== undefined) return signingKeyFromPem(options.pem);
  const slot = options.slot ?? 'current';

  let sealed = await storedKey(options.db, slot);
  if (sealed === undefined) {
    const { privateKey } = await generate('rsa', { modulusLength: MIN_MODULUS_BITS });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const key = await signingKeyFromPem(pem);
    // Two instances starting together may both generate one; the slot keeps the first stored.
    await options.db
      .insert(oauthSigningKeys)
      .values({ slot, kid: key.kid, privateKey: options.box.seal(pem) })
      .onConflictDoNothing();
    sealed = await storedKey(options.db, slot);
  }

  let pem: string;
  try {
    pem = options.box.open(sealed!);
  } catch (error) {
    throw new Error(
      'The OAuth2 signing key in the database cannot be opened with this APP_KEY: set the APP_KEY it was sealed with, or OAUTH_PRIVATE_KEY.',
      { cause: error },
    );
  }
  return signingKeyFromPem(pem);
}

async function storedKey(db: Db, slot: string): Promise<string | undefined> {
  const [row] = await db
    .select({ privateKey: oauthSigningKeys.privateKey })
    .from(oauthSigningKeys)
    .where(eq(oauthSigningKeys.slot, slot))
    .limit(1);
  return row?.privateKey;
}
