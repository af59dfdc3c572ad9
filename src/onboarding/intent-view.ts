/** What `GET .../intents/{uuid}` tells a caller about one create: how it ended, or where it is. */
import { NotFoundError } from '../errors.js';
import type { IntentRepository } from './intents.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface IntentView {
  uuid: string;
  addon: string;
  status: string;
  sync: 'pending' | 'synced' | 'failed';
  seccl_client_id: string | null;
  plannr_account_uuid: string | null;
  attempts: number;
  last_error: string | null;
  result: unknown;
  created_at: string;
  updated_at: string;
}

export class IntentQueries {
  constructor(private readonly intents: IntentRepository) {}

  async view(firmId: string, addon: string, id: string): Promise<IntentView> {
    const intent = UUID.test(id) ? await this.intents.byId(id.toLowerCase()) : undefined;
    if (!intent || intent.firmId !== firmId || intent.addon !== addon) {
      throw new NotFoundError('No such onboarding intent was found for this addon.');
    }
    return {
      uuid: intent.id,
      addon: intent.addon,
      status: intent.status,
      sync:
        intent.status === 'synced' ? 'synced' : intent.status === 'failed' ? 'failed' : 'pending',
      seccl_client_id: intent.secclClientId,
      plannr_account_uuid: intent.status === 'synced' ? intent.accountId : null,
      attempts: intent.attempts,
      last_error: intent.lastError,
      result: intent.responseStatus === 202 ? null : intent.response,
      created_at: intent.createdAt.toISOString(),
      updated_at: intent.updatedAt.toISOString(),
    };
  }
}
