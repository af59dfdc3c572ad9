/**
 * The three steps a person goes through: the authorization link (checked, then a sign-in form),
 * signing in (email and password), and consent (which app, which scopes), which ends at the app
 * with a one-use code. Each step answers with what to show; the routes turn that into HTML.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/database.js';
import { checkCredentials } from '../identity/passwords.js';
import type { Clock } from '../rules/index.js';
import type { SecretBox } from '../security/secret-box.js';
import {
  checkAuthorizationRequest,
  errorRedirect,
  pageProblem,
  type AppRedirect,
  type PageProblem,
} from './authorization-request.js';
import type { ClientRepository, OAuthClient } from './clients.repository.js';
import type { GrantRepository } from './grants.repository.js';
import { readParameter } from './parameters.js';
import { PKCE_METHOD } from './pkce.js';
import { withParameters } from './redirect-uris.js';
import { digestOf, newSecret } from './secrets.js';
import { openTicket, sealTicket, type AuthorizationRequest } from './tickets.js';

/** Field problems on the sign-in form; `form` is about the pair, not one field. */
export interface SignInErrors {
  email?: string;
  password?: string;
  form?: string;
}

export type Step =
  | PageProblem
  | AppRedirect
  | {
      kind: 'sign-in';
      client: OAuthClient;
      request: AuthorizationRequest;
      ticket: string;
      email?: string;
      errors?: SignInErrors;
    }
  | {
      kind: 'consent';
      client: OAuthClient;
      request: AuthorizationRequest;
      ticket: string;
      email: string;
    };

export interface AuthorizeTimes {
  /** How long a code may wait to be redeemed. */
  codeSeconds: number;
  /** How long the sign-in form, then the consent form, stays usable. */
  formSeconds: number;
}

const STALE_FORM =
  'This form has expired or was not opened in this browser. Go back to the app and start again.';
const NO_COOKIE =
  'Your browser did not send back the cookie this form needs. Allow cookies for this site, then go back to the app and start again.';

export class AuthorizeService {
  constructor(
    private readonly deps: {
      db: Db;
      box: SecretBox;
      clients: ClientRepository;
      grants: GrantRepository;
      clock: Clock;
      times: AuthorizeTimes;
    },
  ) {}

  /** `GET /oauth/authorize`: the sign-in form for a valid request, else what went wrong. */
  async begin(query: unknown, csrfCookie: string): Promise<Step> {
    const checked = await checkAuthorizationRequest(this.deps.clients, query);
    if (checked.kind !== 'ok') return checked;

    const ticket = sealTicket(
      this.deps.box,
      { step: 'sign-in', request: checked.request },
      csrfCookie,
      this.expiry(),
    );
    return { kind: 'sign-in', client: checked.client, request: checked.request, ticket };
  }

  /** `POST /oauth/authorize`: checks the password, then asks for consent. */
  async signIn(form: unknown, csrfCookie: string | undefined): Promise<Step> {
    const guard = this.guard(form, csrfCookie);
    if ('kind' in guard) return guard;
    const ticket = openTicket(this.deps.box, guard.ticket, 'sign-in', guard.cookie, this.now());
    if (!ticket) return pageProblem(STALE_FORM);
    const client = await this.stillRegistered(ticket.request);
    if (!client) return pageProblem('This app is no longer registered with this service.');

    const email = field(form, 'email')?.trim() || undefined;
    const password = field(form, 'password');
    const again = {
      kind: 'sign-in' as const,
      client,
      request: ticket.request,
      ticket: guard.ticket,
    };
    const errors: SignInErrors = {};
    if (email === undefined) errors.email = 'Enter your email address.';
    if (password === undefined) errors.password = 'Enter your password.';
    if (email === undefined || password === undefined) return { ...again, email, errors };

    const user = await checkCredentials(this.deps.db, email, password);
    if (!user) {
      return { ...again, email, errors: { form: 'The email address or password is not right.' } };
    }
    const consent = sealTicket(
      this.deps.box,
      { step: 'consent', request: ticket.request, userId: user.id, email: user.email },
      guard.cookie,
      this.expiry(),
    );
    return { kind: 'consent', client, request: ticket.request, ticket: consent, email: user.email };
  }

  /** `POST /oauth/consent`: back to the app with a code, or with `access_denied`. */
  async decide(form: unknown, csrfCookie: string | undefined): Promise<Step> {
    const guard = this.guard(form, csrfCookie);
    if ('kind' in guard) return guard;
    const ticket = openTicket(this.deps.box, guard.ticket, 'consent', guard.cookie, this.now());
    if (!ticket) return pageProblem(STALE_FORM);
    const { request } = ticket;
    const client = await this.stillRegistered(request);
    if (!client) return pageProblem('This app is no longer registered with this service.');

    const decision = field(form, 'decision');
    if (decision === 'deny') {
      return errorRedirect(
        request.redirectUri,
        'access_denied',
        'The user did not allow access.',
        request.state,
      );
    }
    if (decision !== 'allow') return pageProblem('Choose Allow or Deny.');

    const code = newSecret(32);
    await this.deps.grants.storeCode({
      codeHash: digestOf(code),
      clientId: client.id,
      userId: ticket.userId,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      codeChallenge: request.codeChallenge ?? null,
      codeChallengeMethod: request.codeChallenge === undefined ? null : PKCE_METHOD,
      familyId: randomUUID(),
      expiresAt: new Date(this.now().getTime() + this.deps.times.codeSeconds * 1000),
    });
    return {
      kind: 'redirect',
      location: withParameters(request.redirectUri, { code, state: request.state }),
    };
  }

  /** The double-submit check: the form's csrf field must equal the browser's cookie. */
  private guard(
    form: unknown,
    cookie: string | undefined,
  ): PageProblem | { cookie: string; ticket: string } {
    const csrf = field(form, 'csrf');
    const ticket = field(form, 'ticket');
    if (cookie === undefined) return pageProblem(NO_COOKIE, 403);
    if (csrf === undefined || ticket === undefined || !sameText(csrf, cookie)) {
      return pageProblem(STALE_FORM, 403);
    }
    return { cookie, ticket };
  }

  private async stillRegistered(request: AuthorizationRequest): Promise<OAuthClient | undefined> {
    const client = await this.deps.clients.findActive(request.clientId);
    return client?.redirectUris.includes(request.redirectUri) ? client : undefined;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  private expiry(): Date {
    return new Date(this.now().getTime() + this.deps.times.formSeconds * 1000);
  }
}

function field(form: unknown, name: string): string | undefined {
  const read = readParameter(form, name);
  return 'value' in read ? read.value : undefined;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
