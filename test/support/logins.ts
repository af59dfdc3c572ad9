/** Extra logins and tokens for the authorisation tests, written straight to the database. */
import { accounts, logins } from '../../src/db/schema.js';
import { createPersonalAccessToken } from '../../src/identity/personal-access-tokens.js';
import type { Harness } from './harness.js';

/** Gives `userId` a login in `firmId`; answers the employee account UUID that names it. */
export async function addLogin(
  h: Harness,
  userId: string,
  firmId: string,
  options: { isAdmin?: boolean; canUseAddons?: boolean } = {},
): Promise<string> {
  const [employee] = await h.database.db
    .insert(accounts)
    .values({ firmId, type: 'employee', role: 'adviser', firstName: 'Second', surname: 'Login' })
    .returning();
  await h.database.db.insert(logins).values({
    userId,
    firmId,
    accountId: employee!.id,
    isAdmin: options.isAdmin ?? false,
    canUseAddons: options.canUseAddons ?? true,
  });
  return employee!.id;
}

/** A personal access token for `userId` with exactly these abilities. */
export async function tokenFor(
  h: Harness,
  userId: string,
  abilities: string[],
  expiresAt?: Date,
): Promise<string> {
  const { token } = await createPersonalAccessToken(h.database.db, {
    userId,
    name: 'matrix',
    abilities,
    expiresAt,
  });
  return token;
}
