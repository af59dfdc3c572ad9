/**
 * Picks the login a call acts through. A user may hold logins in several firms; the header
 * `X-PLANNR-ACCOUNT-UUID` names one by its employee account, and may be left out only when the
 * user has exactly one.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { logins } from '../db/schema.js';
import { BadRequestError, ForbiddenError } from '../errors.js';
import type { ActingLogin } from './principal.js';

export const ACTING_LOGIN_HEADER = 'x-plannr-account-uuid';

export async function resolveActingLogin(
  db: Db,
  userId: string,
  header: string | undefined,
): Promise<ActingLogin> {
  const rows = await db
    .select({
      id: logins.id,
      firmId: logins.firmId,
      accountId: logins.accountId,
      canUseAddons: logins.canUseAddons,
      isAdmin: logins.isAdmin,
    })
    .from(logins)
    .where(eq(logins.userId, userId));

  if (header !== undefined && header.trim() !== '') {
    const wanted = header.trim().toLowerCase();
    const login = rows.find((row) => row.accountId === wanted);
    if (!login) throw new ForbiddenError();
    return login;
  }
  if (rows.length === 1) return rows[0]!;
  if (rows.length === 0) throw new ForbiddenError();
  throw new BadRequestError(
    'You hold logins in several firms: send the X-PLANNR-ACCOUNT-UUID header with the account UUID of the login to act as.',
  );
}
