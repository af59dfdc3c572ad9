/**
 * What a subscription holds to reach Seccl. It is sealed as a whole in the database; answers show
 * only `publicView`, which never includes a password.
 */
import type { SecclConnection } from '../seccl/types.js';

export interface SubscriptionConfig {
  /** Seccl firm id, e.g. PKINV. */
  firmId: string;
  /** Seccl's base URL for this platform (the staging host, production, or the sandbox). */
  baseUrl: string;
  auth: { mode: 'legacy'; id: string; password: string };
}

export interface SubscriptionPublicView {
  firm_id: string;
  base_url: string;
  auth_mode: string;
  user_id: string;
  has_password: boolean;
}

export function publicView(config: SubscriptionConfig): SubscriptionPublicView {
  return {
    firm_id: config.firmId,
    base_url: config.baseUrl,
    auth_mode: config.auth.mode,
    user_id: config.auth.id,
    has_password: config.auth.password.length > 0,
  };
}

export function connectionOf(subscriptionId: string, config: SubscriptionConfig): SecclConnection {
  return {
    key: subscriptionId,
    baseUrl: config.baseUrl,
    firmId: config.firmId,
    credentials: { id: config.auth.id, password: config.auth.password },
  };
}
