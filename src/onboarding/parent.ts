/**
 * A minor's `parent_id` names the parent either by Seccl client id or by the CRM account linked
 * to one. Either way the parent must exist for this firm and addon; otherwise it is not found,
 * exactly as if it did not exist (another firm's parent included).
 */
import { findAccount, referenceFor } from '../accounts/account.repository.js';
import type { Db } from '../db/database.js';
import { NotFoundError } from '../errors.js';
import type { SecclClient } from '../seccl/client.js';
import { SecclNotFoundError } from '../seccl/errors.js';
import type { SecclConnection } from '../seccl/types.js';
import { fromSecclError } from './seccl-errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ResolvedParent {
  secclId: string;
  nodeIds: string[];
}

export async function resolveParent(
  db: Db,
  seccl: SecclClient,
  conn: SecclConnection,
  scope: { firmId: string; addon: string; requestId?: string },
  parentId: string,
): Promise<ResolvedParent> {
  let secclId = parentId;
  if (UUID.test(parentId)) {
    const account = await findAccount(db, scope.firmId, parentId);
    const reference = account ? await referenceFor(db, account.id, scope.addon) : undefined;
    if (reference === undefined) {
      throw new NotFoundError(
        'The parent account was not found, or is not linked to a client of this addon.',
      );
    }
    secclId = reference;
  }

  try {
    const parent = await seccl.getClient(conn, secclId, { requestId: scope.requestId });
    return { secclId: parent.id, nodeIds: parent.nodeId ?? [] };
  } catch (error) {
    if (error instanceof SecclNotFoundError) {
      throw new NotFoundError('The parent client was not found on Seccl.', { cause: error });
    }
    // Seccl down or refusing while we look the parent up: the same answers as for the create.
    throw fromSecclError(error) ?? error;
  }
}
