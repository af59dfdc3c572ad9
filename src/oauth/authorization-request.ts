/**
 * Checking `GET /oauth/authorize` (RFC 6749 §4.1.1 with RFC 7636). Until the client and its
 * redirect_uri are known to match, a problem is shown on this service's own page: redirecting to
 * an unchecked URI would make this an open redirector. After that, problems go back to the app.
 */
import type { ClientRepository, OAuthClient } from './clients.repository.js';
import { readParameter } from './parameters.js';
import { isValidChallenge, PKCE_METHOD } from './pkce.js';
import { withParameters } from './redirect-uris.js';
import { ALL_SCOPES, parseScopeParameter, scopesOutside } from './scopes.js';
import type { AuthorizationRequest } from './tickets.js';

/** Shown on this service's page, never sent to the app. */
export interface PageProblem {
  kind: 'problem';
  status: number;
  message: string;
}

/** An answer for the app, at its (checked) redirect_uri. */
export interface AppRedirect {
  kind: 'redirect';
  location: string;
}

export type RequestCheck =
  PageProblem | AppRedirect | { kind: 'ok'; client: OAuthClient; request: AuthorizationRequest };

const MAX_STATE_LENGTH = 2000;

export function pageProblem(message: string, status = 400): PageProblem {
  return { kind: 'problem', status, message };
}

/** The redirect that tells the app why it was refused (RFC 6749 §4.1.2.1). */
export function errorRedirect(
  redirectUri: string,
  error: string,
  description: string,
  state: string | undefined,
): AppRedirect {
  const location = withParameters(redirectUri, {
    error,
    error_description: description,
    state,
  });
  return { kind: 'redirect', location };
}

export async function checkAuthorizationRequest(
  clients: ClientRepository,
  query: unknown,
): Promise<RequestCheck> {
  const clientId = readParameter(query, 'client_id');
  if (!('value' in clientId) || clientId.value === undefined) {
    return pageProblem(
      'The link that brought you here has no valid client_id. Go back to the app and try again.',
    );
  }
  const client = await clients.findActive(clientId.value);
  if (!client) {
    return pageProblem(
      'The app that sent you here is not registered with this service, or its registration was withdrawn.',
    );
  }

  const redirect = readParameter(query, 'redirect_uri');
  if (!('value' in redirect) || redirect.value === undefined) {
    return pageProblem(
      'The link that brought you here has no valid redirect_uri. Go back to the app and try again.',
    );
  }
  const redirectUri = redirect.value;
  if (!client.redirectUris.includes(redirectUri)) {
    return pageProblem(
      `The address the app asked to return to is not one registered for ${client.name}, so you were not sent there.`,
    );
  }
  const stateRead = readParameter(query, 'state');
  if (!('value' in stateRead) || (stateRead.value?.length ?? 0) > MAX_STATE_LENGTH) {
    return pageProblem(
      'The link that brought you here has an unreadable state parameter. Go back to the app and try again.',
    );
  }
  const state = stateRead.value;

  // From here the redirect_uri is trusted, so the app hears about its own mistakes.
  const values: Record<string, string | undefined> = {};
  for (const name of ['response_type', 'scope', 'code_challenge', 'code_challenge_method']) {
    const result = readParameter(query, name);
    if (!('value' in result)) {
      const description = `The ${name} parameter must be sent once, as text.`;
      return errorRedirect(redirectUri, 'invalid_request', description, state);
    }
    values[name] = result.value;
  }
  const scopes = parseScopeParameter(values.scope ?? '');
  const challenge = values.code_challenge;
  const refusal =
    responseTypeRefusal(values.response_type) ??
    scopeRefusal(scopes, client) ??
    pkceRefusal(challenge, values.code_challenge_method, client);
  if (refusal) return errorRedirect(redirectUri, refusal[0], refusal[1], state);

  return {
    kind: 'ok',
    client,
    request: { clientId: client.id, redirectUri, scopes, state, codeChallenge: challenge },
  };
}

/** An OAuth2 error code and its description. */
type Refusal = [error: string, description: string];

function responseTypeRefusal(responseType: string | undefined): Refusal | undefined {
  if (responseType === undefined) {
    return ['invalid_request', 'The response_type parameter is required.'];
  }
  if (responseType !== 'code') {
    return ['unsupported_response_type', 'Only response_type=code is supported.'];
  }
  return undefined;
}

function scopeRefusal(scopes: string[], client: OAuthClient): Refusal | undefined {
  if (scopes.length === 0) {
    return ['invalid_scope', 'Ask for at least one scope, such as seccl:write.'];
  }
  const outside = scopesOutside(scopes, client.scopes);
  if (outside.length === 0) return undefined;
  const all = outside.includes(ALL_SCOPES) ? ' (* needs a client registered for it)' : '';
  return ['invalid_scope', `This client may not ask for: ${outside.join(' ')}${all}.`];
}

function pkceRefusal(
  challenge: string | undefined,
  method: string | undefined,
  client: OAuthClient,
): Refusal | undefined {
  if (challenge === undefined) {
    if (method !== undefined) {
      return ['invalid_request', 'code_challenge_method was sent without a code_challenge.'];
    }
    if (client.confidential) return undefined;
    return [
      'invalid_request',
      'A public client must use PKCE: send code_challenge and code_challenge_method=S256.',
    ];
  }
  // RFC 7636 makes plain the default when no method is named, so a missing method is refused too.
  if (method !== PKCE_METHOD) {
    return ['invalid_request', 'code_challenge_method must be S256 (plain is not accepted).'];
  }
  if (!isValidChallenge(challenge)) {
    return [
      'invalid_request',
      'code_challenge must be the base64url SHA-256 of the code verifier (43 characters).',
    ];
  }
  return undefined;
}
