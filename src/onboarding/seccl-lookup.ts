/**
 * Finds the client a create may have made when its answer was lost. Searches Seccl by the
 * intent's fingerprint (email, surname, date of birth, under the node) and keeps only clients
 * that match what was sent and that no other intent already owns. A minor has no email: it is
 * matched by names, date of birth and parent. The match assumes Seccl gives back the values as
 * it was sent them (a date of birth as `YYYY-MM-DD`); a client it changed would not be found,
 * and an adult's create would then be refused for its email and end as a 422 (see seccl.md).
 */
import type { SecclClient } from '../seccl/client.js';
import type { SecclClientRecord, SecclConnection, SecclCreateClientBody } from '../seccl/types.js';

/** Pages read at most: a lookup that would need more stops and leaves it to a later try. */
const MAX_PAGES = 20;
const PAGE_SIZE = 100;

export async function findCreatedClient(
  seccl: SecclClient,
  conn: SecclConnection,
  body: SecclCreateClientBody,
  ownedElsewhere: (ids: string[]) => Promise<Set<string>>,
  requestId?: string,
): Promise<SecclClientRecord | undefined> {
  const filters = {
    surname: body.surname,
    ...(body.email === undefined ? {} : { email: body.email }),
    ...(body.dateOfBirth === undefined ? {} : { dateOfBirth: body.dateOfBirth }),
    ...(body.nodeId?.[0] === undefined ? {} : { nodeId: body.nodeId[0] }),
    pageSize: PAGE_SIZE,
  };

  // Every match is checked here again, field by field, so a filter Seccl ignored costs pages,
  // never a wrong link; and every page is read, so our client cannot hide behind other people.
  const candidates: SecclClientRecord[] = [];
  for (let page = 1; ; page++) {
    const { items, count } = await seccl.searchClients(conn, { ...filters, page }, { requestId });
    candidates.push(...items.filter((item) => sameClient(item, body)));
    if (items.length < PAGE_SIZE || page * PAGE_SIZE >= count) break;
    if (page >= MAX_PAGES) throw new LookupTooWideError();
  }

  if (candidates.length === 0) return undefined;
  const taken = await ownedElsewhere(candidates.map((c) => c.id));
  return candidates.find((c) => !taken.has(c.id));
}

/** The search matched more clients than a lookup reads; what was found proves nothing. */
export class LookupTooWideError extends Error {
  constructor() {
    super(`the lookup matched more than ${MAX_PAGES * PAGE_SIZE} clients`);
    this.name = 'LookupTooWideError';
  }
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
