/**
 * Takes one intent as far as it will go: Seccl id, read-back, CRM sync. The create route runs it
 * within the request; the reconciler runs it for intents a request could not finish. It never
 * sends a create when an earlier one may have landed without first looking the client up.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import type { Clock } from '../rules/index.js';
import type { SecclClient } from '../seccl/client.js';
import { isOutcomeUnknown, SecclFieldErrors } from '../seccl/errors.js';
import type { SecclConnection } from '../seccl/types.js';
import { syncToCrm } from './crm-sync.js';
import { fromSecclFieldErrors } from './field-errors.js';
import type { Intent, IntentRepository } from './intents.repository.js';
import { fromSecclError, isCallersToFix } from './seccl-errors.js';
import { findCreatedClient } from './seccl-lookup.js';
import { ValidationError, type AppError } from '../errors.js';
import { laravelMessage } from '../http/laravel.js';

export interface Outcome {
  status: number;
  body: unknown;
  replayed?: boolean;
}

export interface DriveDeps {
  db: Db;
  intents: IntentRepository;
  seccl: SecclClient;
  clock: Clock;
  logger: Logger;
}

/** Thrown when Seccl's answer is unknown and the intent now waits for the reconciler. */
class HandedOver extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Runs the intent. Returns the answer for the caller: 200 when synced, 202 when the reconciler
 * will finish it. Throws an AppError when the create failed for good (nothing is on Seccl).
 */
export async function driveIntent(
  deps: DriveDeps,
  intent: Intent,
  conn: SecclConnection,
  opts: { requestId: string; retryAfterMs?: number },
): Promise<Outcome> {
  const log = deps.logger.child({ intent: intent.id });
  let secclId = intent.secclClientId ?? undefined;

  try {
    secclId ??= await obtainSecclId(deps, intent, conn, opts.requestId);
  } catch (error) {
    if (!(error instanceof HandedOver)) throw error;
    return handOver(deps, intent, undefined, error.reason, opts.retryAfterMs);
  }

  try {
    if (intent.secclClientId === null) await deps.intents.markCreated(intent.id, secclId);
    const record = await deps.seccl.getClient(conn, secclId, { requestId: opts.requestId });
    const { resource } = await syncToCrm(deps.db, deps.intents, intent.id, record);
    return { status: 200, body: resource };
  } catch (error) {
    log.warn({ err: { type: (error as Error).name } }, 'sync deferred to the reconciler');
    return handOver(deps, intent, secclId, `sync: ${(error as Error).name}`, opts.retryAfterMs);
  }
}

async function obtainSecclId(
  deps: DriveDeps,
  intent: Intent,
  conn: SecclConnection,
  requestId: string,
): Promise<string> {
  const body = intent.payload.body;
  const owned = (ids: string[]) =>
    deps.intents.knownSecclIds(intent.firmId, intent.addon, ids, intent.id);

  // A second attempt at this intent may follow a create that landed unseen: look first.
  if (intent.attempts > 0 || intent.lastError !== null) {
    const found = await lookUp(deps, conn, body, owned, requestId);
    if (found) return found;
  }

  for (let attempt = 1; ; attempt++) {
    try {
      const created = await deps.seccl.createClient(conn, body, {
        idempotencyKey: intent.id,
        requestId,
      });
      return created.id;
    } catch (error) {
      if (error instanceof SecclFieldErrors && isCallersToFix(error)) {
        const errors = fromSecclFieldErrors(error.fieldErrors);
        const answer = { message: laravelMessage(errors), errors };
        await deps.intents.markFailed(intent.id, {
          reason: 'seccl refused fields',
          responseStatus: 422,
          response: answer,
        });
        throw new ValidationError(errors, { cause: error });
      }
      if (!isOutcomeUnknown(error)) {
        // Nothing reached Seccl (refused, circuit open, credentials refused): safe to try again.
        await deps.intents.markFailed(intent.id, {
          reason: `seccl: ${(error as Error).name}`,
          freeKey: true,
        });
        throw (fromSecclError(error) as AppError | undefined) ?? error;
      }
      const found = await lookUp(deps, conn, body, owned, requestId);
      if (found) return found;
      if (attempt >= 2) throw new HandedOver(`seccl outcome unknown: ${(error as Error).name}`);
    }
  }
}

async function lookUp(
  deps: DriveDeps,
  conn: SecclConnection,
  body: Intent['payload']['body'],
  owned: (ids: string[]) => Promise<Set<string>>,
  requestId: string,
): Promise<string | undefined> {
  try {
    return (await findCreatedClient(deps.seccl, conn, body, owned, requestId))?.id;
  } catch (error) {
    throw new HandedOver(`lookup failed: ${(error as Error).name}`);
  }
}

/** Leaves the intent to the reconciler and tells the caller so: 202, with the id when known. */
async function handOver(
  deps: DriveDeps,
  intent: Intent,
  secclId: string | undefined,
  reason: string,
  retryAfterMs = 1000,
): Promise<Outcome> {
  const body = {
    message: 'The client is being onboarded; the CRM will be updated shortly.',
    id: secclId ?? null,
    sync: 'pending',
    intent: intent.id,
  };
  const at = new Date(deps.clock.now().getTime() + retryAfterMs);
  try {
    await deps.intents.release(intent.id, { reason, at, answer: { status: 202, body } });
  } catch {
    // The database is down too. The intent's lease runs out on its own and the reconciler then
    // takes it; the caller still learns what we know.
  }
  return { status: 202, body };
}
