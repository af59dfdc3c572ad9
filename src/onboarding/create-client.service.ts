/**
 * The main job: check the client, record the intent, create the client on Seccl, then sync the
 * CRM. The order is what keeps a client from being lost or made twice: the intent is durable
 * before Seccl hears of it, Seccl's id is stored the moment it is known, and a lost answer is
 * looked up before a create is ever sent again.
 */
import type { Logger } from 'pino';
import { findAccount, referenceFor } from '../accounts/account.repository.js';
import { findAddon } from '../addons/catalogue.js';
import { connectionOf } from '../addons/subscription-config.js';
import type { Subscription, SubscriptionRepository } from '../addons/subscription.repository.js';
import type { Db } from '../db/database.js';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
} from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { londonDate, type Clock } from '../rules/index.js';
import type { SecclClient } from '../seccl/client.js';
import type { SecclConnection } from '../seccl/types.js';
import { validateClientRequest, type ClientRequest } from './client-request.js';
import { driveIntent, type Outcome } from './drive-intent.js';
import type { FaultPoints } from './fault-points.js';
import { fingerprintOf } from './intent-payload.js';
import type { Intent, IntentRepository } from './intents.repository.js';
import { resolveParent } from './parent.js';
import { fromSecclError } from './seccl-errors.js';
import { toSecclCreateBody } from './seccl-mapping.js';
import { isPlainText } from '../text/storable.js';

export interface OnboardingDeps {
  db: Db;
  intents: IntentRepository;
  subscriptions: SubscriptionRepository;
  seccl: SecclClient;
  clock: Clock;
  logger: Logger;
  /** How long a request owns its intent before the reconciler may take it over. */
  requestLeaseMs: number;
  /** Where tests make the product's storage fail; nothing in production. */
  faults: FaultPoints;
}

export interface CreateInput {
  principal: Principal;
  addon: string;
  body: unknown;
  idempotencyKey: string | undefined;
  requestId: string;
}

const SLUG = /^[a-z0-9_-]{1,64}$/;

export class CreateClientService {
  constructor(private readonly deps: OnboardingDeps) {}

  /**
   * Creates the client and syncs the CRM. Every failure comes out as an AppError: a database or
   * Seccl failure that nothing below named becomes a 503, never an unexplained 500.
   */
  async create(input: CreateInput): Promise<Outcome> {
    try {
      return await this.createChecked(input);
    } catch (error) {
      if (error instanceof AppError) throw error;
      const mapped = fromSecclError(error);
      if (mapped) throw mapped;
      this.deps.logger.warn({ err: { type: (error as Error).name } }, 'create failed');
      throw new ServiceUnavailableError(
        'The request could not be completed; send it again (with the same Idempotency-Key, if it had one).',
        1,
        { cause: error },
      );
    }
  }

  private async createChecked(input: CreateInput): Promise<Outcome> {
    const { principal } = input;
    const firmId = principal.login.firmId;
    const subscription = await this.subscriptionFor(firmId, input.addon);
    if (!principal.login.canUseAddons) throw new ForbiddenError();

    const today = londonDate(this.deps.clock.now());
    const checked = validateClientRequest(input.body, { today });
    const keyErrors = checkIdempotencyKey(input.idempotencyKey);
    if (!checked.ok || keyErrors)
      throw new ValidationError({ ...(checked.ok ? {} : checked.errors), ...keyErrors });
    const request = checked.value;
    const fingerprint = fingerprintOf(request);

    if (input.idempotencyKey !== undefined) {
      const twin = await this.deps.intents.byKey(firmId, input.idempotencyKey);
      if (twin) return replay(twin, input.addon, fingerprint);
    }

    const conn = connectionOf(subscription.id, subscription.config);
    await this.checkAccountToLink(firmId, input.addon, request);
    const parent = request.parentId
      ? await resolveParent(
          this.deps.db,
          this.deps.seccl,
          conn,
          { firmId, addon: input.addon, requestId: input.requestId },
          request.parentId,
        )
      : undefined;

    const body = toSecclCreateBody(request, {
      firmId: subscription.config.firmId,
      parentSecclId: parent?.secclId,
      parentNodeIds: parent?.nodeIds,
    });
    const intent = await this.record(input, subscription, request, fingerprint, {
      body,
      request,
      parentSecclId: parent?.secclId ?? null,
      userId: principal.userId,
      requestId: input.requestId,
    });
    if (!('payload' in intent)) return intent;

    return driveIntent(this.deps, intent, conn, {
      requestId: input.requestId,
      mode: 'request',
      leaseMs: this.deps.requestLeaseMs,
    });
  }

  private async subscriptionFor(firmId: string, addon: string): Promise<Subscription> {
    const known = findAddon(addon);
    const subscription = known ? await this.deps.subscriptions.find(firmId, addon) : undefined;
    if (!subscription || !subscription.enabled) {
      const name = SLUG.test(addon) ? addon : 'requested';
      throw new NotFoundError(`The ${name} addon is not enabled for this firm.`);
    }
    return subscription;
  }

  private async checkAccountToLink(firmId: string, addon: string, request: ClientRequest) {
    if (request.accountUuid === undefined) return;
    const account = await findAccount(this.deps.db, firmId, request.accountUuid);
    if (!account || account.type !== 'client') {
      throw new NotFoundError('No client account with that account_uuid was found in this firm.');
    }
    if ((await referenceFor(this.deps.db, account.id, addon)) !== undefined) {
      throw new ConflictError('That account is already linked to a Seccl client of this addon.');
    }
  }

  /** Commits the intent, or answers as its twin would; a failed commit means Seccl is not called. */
  private async record(
    input: CreateInput,
    subscription: Subscription,
    request: ClientRequest,
    fingerprint: string,
    payload: Intent['payload'],
  ): Promise<Intent | Outcome> {
    const firmId = input.principal.login.firmId;
    try {
      return await this.deps.db.transaction(async (tx) => {
        if (request.accountUuid !== undefined) {
          // Locking the account serialises two creates that want to link it.
          await findAccount(tx, firmId, request.accountUuid, { forUpdate: true });
          if (await this.deps.intents.pendingForAccount(request.accountUuid, input.addon, tx)) {
            throw new ConflictError('Another request is linking that account right now.');
          }
        }
        await this.deps.faults.hit('before-intent');
        return this.deps.intents.insert(
          {
            firmId,
            addon: input.addon,
            subscriptionId: subscription.id,
            loginId: input.principal.login.id,
            idempotencyKey: input.idempotencyKey,
            fingerprint,
            accountId: request.accountUuid,
            payload,
            leaseMs: this.deps.requestLeaseMs,
            now: this.deps.clock.now(),
          },
          tx,
        );
      });
    } catch (error) {
      if (error instanceof ConflictError) throw error;
      if (input.idempotencyKey !== undefined && isUniqueViolation(error)) {
        const twin = await this.deps.intents.byKey(firmId, input.idempotencyKey);
        if (twin) return replay(twin, input.addon, fingerprint);
      }
      this.deps.logger.error(
        { err: { type: (error as Error).name } },
        'could not record the intent',
      );
      throw new ServiceUnavailableError(
        'The request could not be recorded; nothing was sent to Seccl. Try again.',
        2,
        {
          cause: error,
        },
      );
    }
  }
}

/**
 * The stored answer of an earlier request with the same key, or why there is none yet. A key
 * names one request: the same body sent to another addon is another request.
 */
function replay(twin: Intent, addon: string, fingerprint: string): Outcome {
  if (twin.fingerprint !== fingerprint || twin.addon !== addon) {
    throw new ValidationError({
      idempotency_key: [
        twin.addon === addon
          ? 'The idempotency key has already been used with a different request body.'
          : 'The idempotency key has already been used for a request to another addon.',
      ],
    });
  }
  if (twin.responseStatus === null || twin.response === null) {
    throw new ConflictError('A request with this idempotency key is still in progress.');
  }
  return { status: twin.responseStatus, body: twin.response, replayed: true };
}

function checkIdempotencyKey(key: string | undefined): Record<string, string[]> | undefined {
  if (key === undefined) return undefined;
  // The contract takes any string up to 255 characters; only what a header cannot carry safely
  // (control characters) is refused. The key is compared exactly, never trimmed or folded.
  if (key.length === 0 || key.length > 255 || !isPlainText(key)) {
    return {
      idempotency_key: [
        'The idempotency key must be 1 to 255 characters, without control characters.',
      ],
    };
  }
  return undefined;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

export type { SecclConnection };
