/**
 * The first run's demo data: a firm, an adviser who can sign in, a personal access token and a
 * subscription to the `seccl` addon pointing at the embedded sandbox. Runs once: when any firm
 * exists it does nothing.
 */
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Db } from './db/database.js';
import { accounts, firms, logins, users } from './db/schema.js';
import { SubscriptionRepository } from './addons/subscription.repository.js';
import { createPersonalAccessToken } from './identity/personal-access-tokens.js';
import type { SecretBox } from './security/secret-box.js';

export interface DemoSeed {
  token: string;
  firmId: string;
  loginAccountId: string;
  email: string;
  password: string;
}

export const DEMO_SECCL_FIRM = 'DEMOF';

export async function seedDemo(
  db: Db,
  box: SecretBox,
  sandboxUrl: string,
): Promise<DemoSeed | undefined> {
  const existing = await db.select({ id: firms.id }).from(firms).limit(1);
  if (existing.length > 0) return undefined;

  const password = randomBytes(12).toString('base64url');
  const email = 'demo.adviser@example.com';
  const seeded = await db.transaction(async (tx) => {
    const [firm] = await tx.insert(firms).values({ name: 'Demo Financial Planning' }).returning();
    const [user] = await tx
      .insert(users)
      .values({ email, name: 'Demo Adviser', passwordHash: await hash(password) })
      .returning();
    const [employee] = await tx
      .insert(accounts)
      .values({
        firmId: firm!.id,
        type: 'employee',
        role: 'adviser',
        firstName: 'Demo',
        surname: 'Adviser',
        email,
      })
      .returning();
    await tx
      .insert(logins)
      .values({ userId: user!.id, firmId: firm!.id, accountId: employee!.id, isAdmin: true });
    await new SubscriptionRepository(db, box).upsert(
      {
        firmId: firm!.id,
        addon: 'seccl',
        enabled: true,
        config: {
          firmId: DEMO_SECCL_FIRM,
          baseUrl: sandboxUrl,
          auth: { mode: 'legacy', id: 'demo-api', password: randomBytes(18).toString('base64url') },
        },
      },
      tx,
    );
    return { firmId: firm!.id, userId: user!.id, loginAccountId: employee!.id };
  });

  const { token } = await createPersonalAccessToken(db, {
    userId: seeded.userId,
    name: 'Demo token',
    abilities: ['*'],
  });
  return { token, firmId: seeded.firmId, loginAccountId: seeded.loginAccountId, email, password };
}
