/**
 * The campaign's verdict, from what Seccl (the sandbox) and the CRM (the database) hold at the
 * end and what the callers were told. Definitions, per logical create (one invented person, told
 * apart by a surname no other create uses):
 *
 * - lost: a Seccl client of the firm that no CRM external reference names; a CRM reference to a
 *   client Seccl does not hold; or a create answered 200 or 202 whose person ends with no Seccl
 *   client or no CRM account.
 * - duplicated: a create whose person ends with more than one Seccl client, or more than one CRM
 *   client account.
 * - unfinished: an intent still `submitting` or `created` after the catch-up (neither synced nor
 *   failed for good); or a create whose caller never got a definitive answer and none of whose
 *   intents ended (synced or failed).
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../src/db/database.js';
import { accounts, externalReferences, onboardingIntents } from '../src/db/schema.js';
import { IntentRepository } from '../src/onboarding/intents.repository.js';
import type { SandboxClient } from '../src/sandbox/index.js';
import type { SecretBox } from '../src/security/secret-box.js';
import type { LogicalCreate } from './faults.callers.js';

export interface Tally {
  creates: number;
  lost: number;
  duplicated: number;
  unfinished: number;
  /** What went into each count, for a failing run's diagnosis (ids and statuses only). */
  notes: string[];
  /** What the run went through: answers seen, intents' ends and tries (to show it was not idle). */
  stats: Record<string, number>;
}

export async function tally(
  database: Database,
  box: SecretBox,
  firmId: string,
  held: SandboxClient[],
  creates: LogicalCreate[],
): Promise<Tally> {
  const { db } = database;
  const intents = new IntentRepository(db, box);
  const intentRows = await db
    .select()
    .from(onboardingIntents)
    .where(eq(onboardingIntents.firmId, firmId));
  const refs = await db
    .select()
    .from(externalReferences)
    .where(eq(externalReferences.firmId, firmId));
  const clientAccounts = (
    await db.select().from(accounts).where(eq(accounts.firmId, firmId))
  ).filter((a) => a.type === 'client');

  const notes: string[] = [];
  const referenced = new Set(refs.map((r) => r.reference));
  const heldIds = new Set(held.map((c) => c.id));
  let lost = 0;
  for (const client of held.filter((c) => !referenced.has(c.id))) {
    lost += 1;
    notes.push(`lost: Seccl client ${client.id} has no CRM reference`);
  }
  for (const ref of refs.filter((r) => !heldIds.has(r.reference))) {
    lost += 1;
    notes.push(`lost: CRM reference ${ref.reference} names no Seccl client`);
  }

  const stats: Record<string, number> = { 'seccl clients': held.length };
  const count = (key: string) => (stats[key] = (stats[key] ?? 0) + 1);
  for (const create of creates) for (const status of create.seen) count(`answer ${status}`);

  const ended = new Map<string, number>();
  const story = new Map<string, string[]>();
  let unfinished = 0;
  for (const row of intentRows) {
    const intent = intents.fromRow(row);
    count(`intent ${intent.status}`);
    const told = `${intent.id} ${intent.status} tries ${intent.attempts} seccl ${intent.secclClientId} (${intent.lastError})`;
    story.set(intent.payload.body.surname, [
      ...(story.get(intent.payload.body.surname) ?? []),
      told,
    ]);
    if (intent.attempts > 0) count('intents the reconciler took');
    const surname = intent.payload.body.surname;
    if (intent.status === 'synced' || intent.status === 'failed') {
      ended.set(surname, (ended.get(surname) ?? 0) + 1);
    } else {
      unfinished += 1;
      notes.push(`unfinished: intent ${intent.id} is ${intent.status} (${intent.lastError})`);
    }
  }

  let duplicated = 0;
  for (const create of creates) {
    const clients = held.filter((c) => c.surname === create.surname).length;
    const accountsOf = clientAccounts.filter((a) => a.surname === create.surname).length;
    const answered = create.definitive?.status;
    if (clients > 1 || accountsOf > 1) {
      duplicated += 1;
      notes.push(
        `duplicated: create ${create.index} has ${clients} clients, ${accountsOf} accounts`,
      );
    }
    if ((answered === 200 || answered === 202) && (clients === 0 || accountsOf === 0)) {
      lost += 1;
      notes.push(`lost: create ${create.index} was answered ${answered} but ends incomplete`);
      for (const line of story.get(create.surname) ?? []) notes.push(`  intent ${line}`);
    }
    if (answered === undefined && !ended.has(create.surname)) {
      unfinished += 1;
      notes.push(`unfinished: create ${create.index} got no answer (${create.seen.join(' ')})`);
    }
  }

  return { creates: creates.length, lost, duplicated, unfinished, notes, stats };
}
