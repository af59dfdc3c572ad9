/** Client accounts and their external references, always within one firm. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.js';
import { accounts, externalReferences } from '../db/schema.js';
import { toAccountResource, type AccountResource } from './account.resource.js';

type Queryable = Db | Tx;
export type AccountRow = typeof accounts.$inferSelect;
export type NewAccount = Omit<
  typeof accounts.$inferInsert,
  'id' | 'firmId' | 'createdAt' | 'updatedAt'
>;
/** The details the sync copies from Seccl onto an account. */
export type AccountDetails = Partial<Omit<NewAccount, 'type' | 'role'>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findAccount(
  db: Queryable,
  firmId: string,
  accountId: string,
  options: { forUpdate?: boolean } = {},
): Promise<AccountRow | undefined> {
  if (!UUID.test(accountId)) return undefined;
  const query = db
    .select()
    .from(accounts)
    .where(and(eq(accounts.firmId, firmId), eq(accounts.id, accountId.toLowerCase())))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertAccount(
  db: Queryable,
  firmId: string,
  values: NewAccount,
): Promise<AccountRow> {
  const [row] = await db
    .insert(accounts)
    .values({ ...values, firmId })
    .returning();
  return row!;
}

export async function updateAccountDetails(
  db: Queryable,
  accountId: string,
  details: AccountDetails,
): Promise<void> {
  await db
    .update(accounts)
    .set({ ...details, updatedAt: new Date() })
    .where(eq(accounts.id, accountId));
}

export async function referencesOf(db: Queryable, accountIds: string[]) {
  if (accountIds.length === 0) return [];
  return db
    .select()
    .from(externalReferences)
    .where(inArray(externalReferences.accountId, accountIds));
}

/** The account linked to a Seccl client of this addon, if any. */
export async function findByReference(
  db: Queryable,
  firmId: string,
  addon: string,
  reference: string,
): Promise<AccountRow | undefined> {
  const [row] = await db
    .select({ account: accounts })
    .from(externalReferences)
    .innerJoin(accounts, eq(accounts.id, externalReferences.accountId))
    .where(
      and(
        eq(externalReferences.firmId, firmId),
        eq(externalReferences.addon, addon),
        eq(externalReferences.reference, reference),
      ),
    )
    .limit(1);
  return row?.account;
}

/** The reference this account holds for the addon, if any. */
export async function referenceFor(
  db: Queryable,
  accountId: string,
  addon: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ reference: externalReferences.reference })
    .from(externalReferences)
    .where(and(eq(externalReferences.accountId, accountId), eq(externalReferences.addon, addon)))
    .limit(1);
  return row?.reference;
}

export async function insertReference(
  db: Queryable,
  values: { firmId: string; accountId: string; addon: string; reference: string },
): Promise<void> {
  await db.insert(externalReferences).values({ ...values, provider: 'seccl' });
}

export async function loadAccountResource(
  db: Queryable,
  firmId: string,
  accountId: string,
): Promise<AccountResource | undefined> {
  const row = await findAccount(db, firmId, accountId);
  if (!row) return undefined;
  return toAccountResource(row, await referencesOf(db, [row.id]));
}
