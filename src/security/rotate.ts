/**
 * Key rotation: every sealed value not sealed by the current key is opened with its old key and
 * sealed again with the current one. Old keys can be dropped from APP_KEY once this has run.
 * Sealed columns: subscription configs, intents' requests and stored answers, and the OAuth2
 * signing key; a new sealed column must be added here too, or dropping a key loses it.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { addonSubscriptions, oauthSigningKeys, onboardingIntents } from '../db/schema.js';
import { SecretBox } from './secret-box.js';

export async function rotateKeys(db: Db, box: SecretBox): Promise<number> {
  let count = 0;
  const reseal = (value: string | null): string | null => {
    if (value === null || SecretBox.keyIdOf(value) === box.currentKeyId) return null;
    count++;
    return box.seal(box.open(value));
  };

  await db.transaction(async (tx) => {
    for (const row of await tx.select().from(addonSubscriptions)) {
      const config = reseal(row.config);
      if (config)
        await tx
          .update(addonSubscriptions)
          .set({ config })
          .where(eq(addonSubscriptions.id, row.id));
    }
    for (const row of await tx.select().from(onboardingIntents)) {
      const request = reseal(row.request) ?? undefined;
      const response = reseal(row.response) ?? undefined;
      if (request || response) {
        await tx
          .update(onboardingIntents)
          .set({ request, response })
          .where(eq(onboardingIntents.id, row.id));
      }
    }
    for (const row of await tx.select().from(oauthSigningKeys)) {
      const privateKey = reseal(row.privateKey);
      if (privateKey) {
        await tx
          .update(oauthSigningKeys)
          .set({ privateKey })
          .where(eq(oauthSigningKeys.slot, row.slot));
      }
    }
  });
  return count;
}
