/**
 * Finds the client a create may have made when its answer was lost. Searches Seccl by the
 * intent's fingerprint (email, surname, date of birth, under the node) and keeps only clients
 * that match what was sent and that no other intent already owns.
 */
import type { SecclClient } from '../seccl/client.js';
import type { SecclClientRecord, SecclConnection, SecclCreateClientBody } from '../seccl/types.js';

export async function findCreatedClient(
  seccl: SecclClient,
  conn: SecclConnection,
  body: SecclCreateClientBody,
  ownedElsewhere: (ids: string[]) => Promise<Set<string>>,
  requestId?: string,
): Promise<SecclClientRecord | undefined> {
  const { items } = await seccl.searchClients(
    conn,
    {
      surname: body.surname,
      ...(body.email === undefined ? {} : { email: body.email }),
      ...(body.dateOfBirth === undefined ? {} : { dateOfBirth: body.dateOfBirth }),
      ...(body.nodeId?.[0] === undefined ? {} : { nodeId: body.nodeId[0] }),
      pageSize: 100,
    },
    { requestId },
  );

  const candidates = items.filter((item) => sameClient(item, body));
  if (candidates.length === 0) return undefined;
  const taken = await ownedElsewhere(candidates.map((c) => c.id));
  return candidates.find((c) => !taken.has(c.id));
}

function sameClient(record: SecclClientRecord, body: SecclCreateClientBody): boolean {
  const same = (a: string | undefined, b: string | undefined) =>
    (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
  return (
    record.clientType === body.clientType &&
    same(record.firstName, body.firstName) &&
    same(record.surname, body.surname) &&
    same(record.email, body.email) &&
    (record.dateOfBirth ?? undefined) === body.dateOfBirth &&
    (body.parentId === undefined || (record.parentId ?? []).includes(body.parentId))
  );
}
