/**
 * The token endpoint's work (RFC 6749 §4.1.3 and §6) and revocation (RFC 7009). Codes are spent
 * in the same transaction that issues their tokens, so a code redeemed twice at once yields one
 * set of tokens, and the second attempt revokes them. Refresh tokens rotate on every use.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/database.js';
import { OAuthError } from '../errors.js';
import type { Clock } from '../rules/index.js';
import { looksLikeJwt, readAccessToken, signAccessToken } from './access-tokens.js';
import { authenticateClient } from './client-auth.js';
import type { ClientRepository, OAuthClient } from './clients.repository.js';
import type { CodeRow, GrantRepository } from './grants.repository.js';
import { Parameters } from './parameters.js';
import { verifierMatches } from './pkce.js';
import { parseScopeParameter, scopesOutside } from './scopes.js';
import { digestOf, newSecret } from './secrets.js';
import type { SigningKey } from './signing-key.js';

/** The body of a successful token answer (RFC 6749 §5.1). */
export interface TokenAnswer {
  token_type: 'Bearer';
  expires_in: number;
  access_token: string;
  refresh_token: string;
  scope: string;
}

export interface Lifetimes {
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
}

/** A transaction's result: tokens, or why not (returned, so that what was spent stays spent). */
type Outcome = { refused: string } | { answer: TokenAnswer };

interface Grant {
  client: OAuthClient;
  userId: string;
  familyId: string;
  scopes: string[];
  grantScopes: string[];
}

export class TokenService {
  constructor(
    private readonly deps: {
      db: Db;
      clients: ClientRepository;
      grants: GrantRepository;
      key: SigningKey;
      clock: Clock;
      lifetimes: Lifetimes;
    },
  ) {}

  /** Answers `POST /oauth/token`; every refusal is an OAuthError. */
  async exchange(body: unknown, authorization: string | undefined): Promise<TokenAnswer> {
    const params = Parameters.of(body);
    const grantType = params.require('grant_type');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      throw new OAuthError(
        'unsupported_grant_type',
        'The grant_type must be authorization_code or refresh_token.',
      );
    }
    const client = await authenticateClient(this.deps.clients, params, authorization);

    if (grantType === 'authorization_code') return this.redeemCode(client, params);
    return this.refresh(client, params);
  }

  /** Answers `POST /oauth/revoke`: quietly does nothing for a token that is not this client's. */
  async revoke(body: unknown, authorization: string | undefined): Promise<void> {
    const params = Parameters.of(body);
    const client = await authenticateClient(this.deps.clients, params, authorization);
    const token = params.require('token');
    // token_type_hint only speeds a search up (RFC 7009 §2.1); the token's shape says the same.
    params.get('token_type_hint');
    const now = this.deps.clock.now();

    if (looksLikeJwt(token)) {
      const claims = await readAccessToken(this.deps.key, token, now, { anyTime: true });
      if (claims && claims.clientId === client.id) {
        await this.deps.grants.revokeAccessToken(this.deps.db, claims.jti, client.id, now);
      }
      return;
    }
    // A refresh token stands for the whole grant, so its access tokens go with it (§2.1).
    const familyId = await this.deps.grants.refreshFamily(digestOf(token), client.id);
    if (familyId !== undefined) await this.deps.grants.revokeFamily(this.deps.db, familyId, now);
  }

  private async redeemCode(client: OAuthClient, params: Parameters): Promise<TokenAnswer> {
    const code = params.require('code');
    const redirectUri = params.require('redirect_uri');
    const verifier = params.get('code_verifier');
    const now = this.deps.clock.now();

    // A refusal is returned, not thrown, so that the transaction commits and the code stays spent.
    const outcome = await this.deps.db.transaction(async (tx): Promise<Outcome> => {
      const presented = await this.deps.grants.spendCode(tx, digestOf(code), now);
      if (presented.kind === 'unknown') return { refused: 'The authorization code is not valid.' };
      if (presented.kind === 'spent') {
        await this.deps.grants.revokeFamily(tx, presented.familyId, now);
        return {
          refused:
            'The authorization code was already used; the tokens issued for it have been revoked.',
        };
      }

      const problem = codeProblem(presented.row, client, redirectUri, verifier, now);
      if (problem !== undefined) return { refused: problem };
      const { userId, familyId, scopes } = presented.row;
      const grant = { client, userId, familyId, scopes, grantScopes: scopes };
      return { answer: await this.issue(tx, grant, now) };
    });

    if ('refused' in outcome) throw new OAuthError('invalid_grant', outcome.refused);
    return outcome.answer;
  }

  private async refresh(client: OAuthClient, params: Parameters): Promise<TokenAnswer> {
    const token = params.require('refresh_token');
    const scope = params.get('scope');
    const now = this.deps.clock.now();

    const outcome = await this.deps.db.transaction(async (tx): Promise<Outcome> => {
      const presented = await this.deps.grants.spendRefreshToken(
        tx,
        digestOf(token),
        client.id,
        now,
      );
      if (presented.kind === 'unknown') return { refused: 'The refresh token is not valid.' };
      if (presented.kind === 'spent') {
        // A rotated token coming back means two parties hold the line: end it for both.
        await this.deps.grants.revokeFamily(tx, presented.familyId, now);
        return {
          refused:
            'The refresh token was already used or revoked; every token of its grant has been revoked.',
        };
      }
      const row = presented.row;
      if (row.expiresAt.getTime() <= now.getTime()) {
        return { refused: 'The refresh token has expired.' };
      }

      const scopes = scope === undefined ? row.scopes : parseScopeParameter(scope);
      if (scopes.length === 0 || scopesOutside(scopes, row.scopes).length > 0) {
        // Thrown, so the transaction rolls back and the refresh token is not lost to a typo.
        throw new OAuthError(
          'invalid_scope',
          'A refresh may only keep or narrow the scopes granted.',
        );
      }
      await this.deps.grants.revokeAccessToken(tx, row.accessTokenJti, client.id, now);
      const grant = {
        client,
        userId: row.userId,
        familyId: row.familyId,
        scopes,
        grantScopes: row.scopes,
      };
      return { answer: await this.issue(tx, grant, now) };
    });

    if ('refused' in outcome) throw new OAuthError('invalid_grant', outcome.refused);
    return outcome.answer;
  }

  private async issue(tx: Tx, grant: Grant, now: Date): Promise<TokenAnswer> {
    const { accessTokenSeconds, refreshTokenSeconds } = this.deps.lifetimes;
    const jti = randomUUID();
    const refreshToken = newSecret(40);
    const claims = { jti, clientId: grant.client.id, userId: grant.userId, scopes: grant.scopes };
    const accessToken = await signAccessToken(this.deps.key, claims, now, accessTokenSeconds);

    await this.deps.grants.insertTokens(tx, {
      jti,
      refreshHash: digestOf(refreshToken),
      clientId: grant.client.id,
      userId: grant.userId,
      familyId: grant.familyId,
      scopes: grant.scopes,
      grantScopes: grant.grantScopes,
      // Whole seconds, as in the JWT, so the row and the token expire at the same instant.
      accessExpiresAt: new Date((Math.floor(now.getTime() / 1000) + accessTokenSeconds) * 1000),
      refreshExpiresAt: new Date(now.getTime() + refreshTokenSeconds * 1000),
    });
    return {
      token_type: 'Bearer',
      expires_in: accessTokenSeconds,
      access_token: accessToken,
      refresh_token: refreshToken,
      scope: grant.scopes.join(' '),
    };
  }
}

/** Why a fresh code cannot be redeemed by this request, or undefined when it can. */
function codeProblem(
  row: CodeRow,
  client: OAuthClient,
  redirectUri: string,
  verifier: string | undefined,
  now: Date,
): string | undefined {
  if (row.expiresAt.getTime() <= now.getTime()) return 'The authorization code has expired.';
  if (row.clientId !== client.id) return 'The authorization code was issued to another client.';
  if (row.redirectUri !== redirectUri) {
    return 'The redirect_uri differs from the one the code was issued for.';
  }
  if (row.codeChallenge === null) {
    // A verifier the authorization request never committed to proves nothing (RFC 9700 §2.1.1).
    return verifier === undefined ? undefined : 'The code was issued without a code_challenge.';
  }
  if (verifier === undefined) return 'The code_verifier parameter is required for this code.';
  if (!verifierMatches(verifier, row.codeChallenge)) {
    return 'The code_verifier does not match the code_challenge.';
  }
  return undefined;
}
