/**
 * The database, as Drizzle sees it. One schema serves PGlite and PostgreSQL; `drizzle/` holds the
 * SQL migrations drizzle-kit generates from it.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A firm of advisers: the tenant every other row belongs to. */
export const firms = pgTable('firms', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** A person who signs in. The password hash is argon2id; null for users who only use tokens. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)],
);

/** Address parts as the CRM keeps them (snake_case, like its wire). */
export interface AccountAddress {
  flat_number?: string;
  building_name?: string;
  building_number?: string;
  address_1?: string;
  address_2?: string;
  country?: string;
  postcode?: string;
}

export interface AccountVulnerability {
  is_vulnerable: boolean;
  reason: string[];
  is_support_temporary: boolean | null;
}

/**
 * A person in a firm: a client (role individual) or an employee (adviser, admin). Dates of birth
 * are text `YYYY-MM-DD` on purpose: a `date` column comes back from `pg` as a JS Date at local
 * midnight, which shifts the day in some zones.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firmId: uuid('firm_id')
      .notNull()
      .references(() => firms.id),
    type: text('type', { enum: ['client', 'employee'] }).notNull(),
    role: text('role', { enum: ['individual', 'adviser', 'admin'] }).notNull(),
    title: text('title'),
    firstName: text('first_name'),
    surname: text('surname'),
    email: text('email'),
    dateOfBirth: text('date_of_birth'),
    nationalInsuranceNo: text('national_insurance_no'),
    maritalStatus: text('marital_status'),
    nationality: text('nationality'),
    retirementAge: integer('retirement_age'),
    employmentStatus: text('employment_status'),
    taxDomicile: text('tax_domicile'),
    vulnerability: jsonb('vulnerability').$type<AccountVulnerability>(),
    address: jsonb('address').$type<AccountAddress>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('accounts_firm_idx').on(t.firmId, t.type)],
);

/** Joins a user to an employee account of a firm; `X-PLANNR-ACCOUNT-UUID` names the account. */
export const logins = pgTable(
  'logins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    firmId: uuid('firm_id')
      .notNull()
      .references(() => firms.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    canUseAddons: boolean('can_use_addons').notNull().default(true),
    isAdmin: boolean('is_admin').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('logins_account_unique').on(t.accountId),
    index('logins_user_idx').on(t.userId),
  ],
);

/** Links an account to a record elsewhere: here, a Seccl client of one Seccl-family addon. */
export const externalReferences = pgTable(
  'external_references',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firmId: uuid('firm_id')
      .notNull()
      .references(() => firms.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    provider: text('provider').notNull(),
    addon: text('addon').notNull(),
    reference: text('reference').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('external_references_reference_unique').on(t.firmId, t.addon, t.reference),
    uniqueIndex('external_references_account_unique').on(t.accountId, t.addon),
  ],
);

/** A firm's subscription to a Seccl-family addon. `config` is sealed (AES-256-GCM). */
export const addonSubscriptions = pgTable(
  'addon_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firmId: uuid('firm_id')
      .notNull()
      .references(() => firms.id),
    addon: text('addon').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    config: text('config').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('addon_subscriptions_firm_addon_unique').on(t.firmId, t.addon)],
);

/** Personal access tokens: `<id>|<secret>`, only sha256(secret) kept. */
export const personalAccessTokens = pgTable(
  'personal_access_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    abilities: jsonb('abilities').$type<string[]>().notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('personal_access_tokens_user_idx').on(t.userId)],
);

export const intentStatuses = ['submitting', 'created', 'synced', 'failed'] as const;
export type IntentStatus = (typeof intentStatuses)[number];

/**
 * One row per create: the record of truth for the dual write, and the reconciler's work queue.
 * The request and the stored answer hold personal data, so both are sealed.
 */
export const onboardingIntents = pgTable(
  'onboarding_intents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firmId: uuid('firm_id')
      .notNull()
      .references(() => firms.id),
    addon: text('addon').notNull(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => addonSubscriptions.id),
    loginId: uuid('login_id')
      .notNull()
      .references(() => logins.id),
    idempotencyKey: text('idempotency_key'),
    fingerprint: text('fingerprint').notNull(),
    request: text('request').notNull(),
    status: text('status', { enum: intentStatuses }).notNull(),
    secclClientId: text('seccl_client_id'),
    accountId: uuid('account_id').references(() => accounts.id),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    responseStatus: integer('response_status'),
    response: text('response'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('onboarding_intents_idempotency_unique')
      .on(t.firmId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('onboarding_intents_work_idx')
      .on(t.status, t.nextAttemptAt)
      .where(sql`${t.status} in ('submitting', 'created')`),
  ],
);

/** Who did what to which client, and when. No personal data in `detail`. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firmId: uuid('firm_id')
      .notNull()
      .references(() => firms.id),
    loginId: uuid('login_id'),
    userId: uuid('user_id'),
    action: text('action').notNull(),
    accountId: uuid('account_id'),
    secclClientId: text('seccl_client_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_events_firm_idx').on(t.firmId, t.createdAt)],
);

/** Apps registered to act for advisers through OAuth2. Public clients have no secret (PKCE). */
export const oauthClients = pgTable('oauth_clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  userId: uuid('user_id').references(() => users.id),
  secretHash: text('secret_hash'),
  redirectUris: jsonb('redirect_uris').$type<string[]>().notNull(),
  confidential: boolean('confidential').notNull(),
  /** The scopes this client may ask for; `*` only when an operator registered it so. */
  scopes: jsonb('scopes').$type<string[]>().notNull().default([]),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** Authorization codes, one use each; only a hash of the code is kept. */
export const oauthAuthCodes = pgTable('oauth_auth_codes', {
  codeHash: text('code_hash').primaryKey(),
  clientId: uuid('client_id')
    .notNull()
    .references(() => oauthClients.id),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  redirectUri: text('redirect_uri').notNull(),
  scopes: jsonb('scopes').$type<string[]>().notNull(),
  codeChallenge: text('code_challenge'),
  codeChallengeMethod: text('code_challenge_method'),
  /** The grant family the code starts: its tokens carry the same id, so a replay revokes them. */
  familyId: uuid('family_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/** Issued access tokens by `jti`, so a JWT can be revoked before it expires. */
export const oauthAccessTokens = pgTable(
  'oauth_access_tokens',
  {
    jti: uuid('jti').primaryKey(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => oauthClients.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    familyId: uuid('family_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('oauth_access_tokens_user_idx').on(t.userId),
    index('oauth_access_tokens_family_idx').on(t.familyId),
  ],
);

/**
 * Refresh tokens, rotated on every use; only a hash is kept. Every token descended from one
 * authorization code shares a family id, so a replayed token can revoke the whole line.
 */
export const oauthRefreshTokens = pgTable(
  'oauth_refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    accessTokenJti: uuid('access_token_jti')
      .notNull()
      .references(() => oauthAccessTokens.jti),
    clientId: uuid('client_id')
      .notNull()
      .references(() => oauthClients.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    familyId: uuid('family_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('oauth_refresh_tokens_family_idx').on(t.familyId)],
);

/**
 * The RSA key that signs OAuth2 access tokens, generated on first start and shared by every
 * instance. `slot` is `current` for the signing key; the private key is sealed with APP_KEY.
 */
export const oauthSigningKeys = pgTable('oauth_signing_keys', {
  slot: text('slot').primaryKey(),
  kid: text('kid').notNull().unique(),
  privateKey: text('private_key').notNull(),
  createdAt: createdAt(),
});

/** Fixed-window request counters shared by every instance (when Redis is not configured). */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
