/**
 * The CRM half of the dual write, in one transaction: the account is created (or the requested
 * one linked), the Seccl reference set, the details copied, the intent marked synced with the
 * answer stored, and an audit row left. Either all of it happens or none of it does, so it can be
 * repeated safely by the request or by the reconciler.
 */
import {
  findAccount,
  findByReference,
  insertAccount,
  insertReference,
  loadAccountResource,
  referenceFor,
  updateAccountDetails,
} from '../accounts/account.repository.js';
import { recordAudit } from '../audit/audit.js';
import type { Db } from '../db/database.js';
import type { SecclClientRecord } from '../seccl/types.js';
import { accountDetailsFrom } from './account-details.js';
import { toClientResource, type ClientResource } from './client-resource.js';
import { noFaults, type FaultPoints } from './fault-points.js';
import type { Intent, IntentRepository } from './intents.repository.js';

/** The CRM cannot take the client: no retry will change that. */
export class SyncConflictError extends Error {}

export interface SyncResult {
  resource: ClientResource;
  accountId: string;
}

/** Syncs the intent's Seccl client into the CRM; repeating it after it committed changes nothing. */
export async function syncToCrm(
  db: Db,
  intents: IntentRepository,
  intentId: string,
  record: SecclClientRecord,
  faults: FaultPoints = noFaults,
): Promise<SyncResult> {
  return db.transaction(async (tx) => {
    const intent = await intents.lockById(intentId, tx);
    if (!intent) throw new SyncConflictError('the intent is gone');
    if (intent.status === 'synced') {
      return { resource: intent.response as ClientResource, accountId: intent.accountId! };
    }

    const accountId = await accountFor(tx as unknown as Db, intent, record.id);
    await updateAccountDetails(tx, accountId, accountDetailsFrom(record));
    const plannrAccount = await loadAccountResource(tx, intent.firmId, accountId);
    const resource = toClientResource(record, {
      plannrAccount,
      parentSecclId: intent.payload.parentSecclId,
    });

    await intents.markSynced(intentId, { accountId, responseStatus: 200, response: resource }, tx);
    await recordAudit(tx, {
      firmId: intent.firmId,
      action: intent.payload.request.accountUuid ? 'client.linked' : 'client.created',
      loginId: intent.loginId,
      userId: intent.payload.userId,
      accountId,
      secclClientId: record.id,
      detail: { addon: intent.addon, intent: intent.id },
    });
    await faults.hit('before-sync-commit');
    return { resource, accountId };
  });
}

// Works inside the caller's transaction; `db` is the transaction handle.
async function accountFor(db: Db, intent: Intent, secclId: string): Promise<string> {
  const already = await findByReference(db, intent.firmId, intent.addon, secclId);
  if (already) return already.id;

  const target = intent.payload.request.accountUuid;
  const accountId =
    target === undefined
      ? await newClientAccount(db, intent)
      : await linkable(db, intent, target, secclId);
  await insertReference(db, {
    firmId: intent.firmId,
    accountId,
    addon: intent.addon,
    reference: secclId,
  });
  return accountId;
}

async function newClientAccount(db: Db, intent: Intent): Promise<string> {
  return (await insertAccount(db, intent.firmId, { type: 'client', role: 'individual' })).id;
}

/** The account the caller asked to link, locked, provided nothing else took it meanwhile. */
async function linkable(db: Db, intent: Intent, target: string, secclId: string): Promise<string> {
  const account = await findAccount(db, intent.firmId, target, { forUpdate: true });
  if (!account) throw new SyncConflictError('the account to link no longer exists');
  const linked = await referenceFor(db, account.id, intent.addon);
  if (linked !== undefined && linked !== secclId) {
    throw new SyncConflictError('the account was linked to another Seccl client meanwhile');
  }
  return account.id;
}
