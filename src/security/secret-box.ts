/**
 * Seals secrets and personal data at rest with AES-256-GCM. Each sealed value names the key that
 * sealed it, so keys can be rotated: new values use the current key, old ones still open.
 *
 * Format: `v1.<kid>.<iv>.<tag>.<ciphertext>`, the last three base64url.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface KeyRing {
  currentId: string;
  keys: Map<string, Buffer>;
}

export class KeyRingError extends Error {}

/** Parses `kid:base64key[,kid:base64key...]`; the first entry is the current key. */
export function parseKeyRing(text: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let currentId: string | undefined;
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(entry);
    const key = match ? Buffer.from(match[2]!, 'base64') : undefined;
    if (!match || key?.length !== 32) {
      throw new KeyRingError('APP_KEY entries must be kid:base64 with a 32-byte key');
    }
    if (keys.has(match[1]!)) throw new KeyRingError(`APP_KEY names key ${match[1]} twice`);
    keys.set(match[1]!, key);
    currentId ??= match[1]!;
  }
  if (currentId === undefined) throw new KeyRingError('APP_KEY holds no key');
  return { currentId, keys };
}

/** A new key ring entry, as `kid:base64key`. */
export function generateKeyEntry(kid = `k${Date.now().toString(36)}`): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}

export class SecretBox {
  constructor(private readonly ring: KeyRing) {}

  get currentKeyId(): string {
    return this.ring.currentId;
  }

  seal(plain: string): string {
    const key = this.ring.keys.get(this.ring.currentId)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The key id is bound as associated data, so a value cannot be relabelled to another key.
    cipher.setAAD(Buffer.from(this.ring.currentId));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
    return ['v1', this.ring.currentId, ...parts].join('.');
  }

  open(sealed: string): string {
    const [version, kid, iv, tag, body] = sealed.split('.');
    const key = kid === undefined ? undefined : this.ring.keys.get(kid);
    if (version !== 'v1' || key === undefined || !iv || !tag || body === undefined) {
      throw new KeyRingError('A sealed value is not readable with the configured APP_KEY');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(kid!));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  }

  /** The id of the key that sealed a value, to find values that need re-sealing. */
  static keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }

  sealJson(value: unknown): string {
    return this.seal(JSON.stringify(value));
  }

  openJson<T>(sealed: string): T {
    return JSON.parse(this.open(sealed)) as T;
  }
}
