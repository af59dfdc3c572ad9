/**
 * Client authentication at the token and revocation endpoints (RFC 6749 §2.3.1): HTTP Basic or
 * `client_id` and `client_secret` in the body, never both. A public client sends its id alone.
 */
import { OAuthError } from '../errors.js';
import type { ClientRepository, OAuthClient } from './clients.repository.js';
import type { Parameters } from './parameters.js';

interface Credentials {
  id: string;
  secret: string | undefined;
}

const FAILED = 'Client authentication failed (unknown client, wrong secret, or a revoked client).';

/** The authenticated client, or an `invalid_client` / `invalid_request` refusal. */
export async function authenticateClient(
  clients: ClientRepository,
  params: Parameters,
  authorization: string | undefined,
): Promise<OAuthClient> {
  const credentials = credentialsOf(params, authorization);
  const client = await clients.authenticate(credentials.id, credentials.secret);
  if (!client) throw new OAuthError('invalid_client', FAILED);
  return client;
}

function credentialsOf(params: Parameters, authorization: string | undefined): Credentials {
  const basic = basicCredentials(authorization);
  const bodyId = params.get('client_id');
  const bodySecret = params.get('client_secret');

  if (basic) {
    if (bodySecret !== undefined || (bodyId !== undefined && bodyId !== basic.id)) {
      throw new OAuthError(
        'invalid_request',
        'Send the client credentials one way: the Authorization header or the body, not both.',
      );
    }
    return basic;
  }
  if (bodyId === undefined) {
    throw new OAuthError(
      'invalid_client',
      'Client authentication failed: send client_id (and client_secret for a confidential client), or HTTP Basic.',
    );
  }
  return { id: bodyId, secret: bodySecret };
}

/** The credentials of a Basic header, form-decoded as RFC 6749 asks; undefined for no Basic. */
function basicCredentials(header: string | undefined): Credentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,1024})\s*$/i.exec(header ?? '');
  if (!match) {
    if (/^Basic\b/i.test(header ?? '')) throw new OAuthError('invalid_client', FAILED);
    return undefined;
  }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError('invalid_client', FAILED);
  try {
    const id = formDecode(decoded.slice(0, colon));
    const secret = formDecode(decoded.slice(colon + 1));
    return { id, secret: secret === '' ? undefined : secret };
  } catch {
    throw new OAuthError('invalid_client', FAILED);
  }
}

function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}
