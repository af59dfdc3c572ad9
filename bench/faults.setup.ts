/**
 * The fault campaign's world before the service starts: a Seccl sandbox in the campaign's own
 * process (so it can inject faults and count clients directly), and a firm with an adviser, a
 * token and a subscription pointing at it, written straight into the service's database.
 */
import { randomBytes } from 'node:crypto';
import { SubscriptionRepository } from '../src/addons/subscription.repository.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { accounts, firms, logins, users } from '../src/db/schema.js';
import { createPersonalAccessToken } from '../src/identity/personal-access-tokens.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { generateKeyEntry, parseKeyRing, SecretBox } from '../src/security/secret-box.js';

/** Where the service keeps its data: a PGlite folder, or a PostgreSQL database of its own. */
export type Target = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface World {
  sandbox: Sandbox;
  appKey: string;
  box: SecretBox;
  firmId: string;
  secclFirmId: string;
  token: string;
}

export function openTarget(target: Target): Promise<Database> {
  return target.kind === 'pglite'
    ? openDatabase({ dataDir: target.dataDir })
    : openDatabase({ url: target.url, poolSize: 4 });
}

/** Starts the sandbox and seeds the firm; the database is closed again before returning. */
export async function prepareWorld(target: Target, secclHonoursKeys: boolean): Promise<World> {
  const appKey = generateKeyEntry('campaign');
  const box = new SecretBox(parseKeyRing(appKey));
  const secclFirmId = 'CAMPF';
  const password = randomBytes(12).toString('base64url');
  const sandbox = await startSandbox({
    port: 0,
    idempotencyKeys: secclHonoursKeys,
    firms: [
      {
        firmId: secclFirmId,
        users: [{ id: 'campaign-api', password }],
        nodes: [{ id: '1', name: 'Campaign advisers', parentId: '0' }],
      },
    ],
  });

  const database = await openTarget(target);
  try {
    await database.migrate();
    const { db } = database;
    const [firm] = await db.insert(firms).values({ name: 'Campaign Firm' }).returning();
    const [user] = await db
      .insert(users)
      .values({ email: `campaign-${randomBytes(4).toString('hex')}@example.com`, name: 'Adviser' })
      .returning();
    const [employee] = await db
      .insert(accounts)
      .values({
        firmId: firm!.id,
        type: 'employee',
        role: 'adviser',
        firstName: 'Campaign',
        surname: 'Adviser',
      })
      .returning();
    await db
      .insert(logins)
      .values({ userId: user!.id, firmId: firm!.id, accountId: employee!.id, isAdmin: true });
    await new SubscriptionRepository(db, box).upsert({
      firmId: firm!.id,
      addon: 'seccl',
      enabled: true,
      config: {
        firmId: secclFirmId,
        baseUrl: sandbox.url,
        auth: { mode: 'legacy', id: 'campaign-api', password },
      },
    });
    const { token } = await createPersonalAccessToken(db, {
      userId: user!.id,
      name: 'campaign',
      abilities: ['*'],
    });
    return { sandbox, appKey, box, firmId: firm!.id, secclFirmId, token };
  } catch (error) {
    await sandbox.close();
    throw error;
  } finally {
    await database.close();
  }
}
