/**
 * Where the encryption key comes from: APP_KEY when set; on the embedded default, a key generated
 * on first run and kept beside the data (mode 0600), so a restart can still open what it sealed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyEntry, parseKeyRing, SecretBox } from './secret-box.js';

export function loadSecretBox(appKey: string | undefined, dataDir: string): SecretBox {
  if (appKey !== undefined) return new SecretBox(parseKeyRing(appKey));

  const path = join(dataDir, 'app.key');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path, `${generateKeyEntry()}\n`, { mode: 0o600, flag: 'wx' });
  }
  return new SecretBox(parseKeyRing(readFileSync(path, 'utf8')));
}
