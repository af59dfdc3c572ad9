/**
 * The body of `POST /api/v1/addons/seccl/{addon}/client`, checked and normalised in one pass.
 * The rules themselves are the table in `client-request.rules.ts`.
 */
import type { FieldErrors } from '../errors.js';
import { isObject, runFields } from './client-request.engine.js';
import { CLIENT_REQUEST_FIELDS } from './client-request.rules.js';
import type { ClientType, VulnerabilityReason } from './client-request.values.js';
import { messages } from './messages.js';

export type { ClientType, VulnerabilityReason } from './client-request.values.js';

/** The client's address, or an employer's (whose `post_code` arrives here as `postcode`). */
export interface Address {
  flatNumber?: string;
  buildingName?: string;
  buildingNumber?: string;
  address1?: string;
  address2?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  /** Upper case with one space when the country is GB or not given; otherwise as sent. */
  postcode?: string;
}

export interface Identifier {
  /** Upper case: NINO, TIN, SSN, CONCAT... */
  name: string;
  available: boolean;
  /** Only when available and not CONCAT; a NINO is compact and upper case. */
  value?: string;
}

export interface Nationality {
  code: string;
  identifiers?: Identifier[];
}

export interface BankDetails {
  /** Six digits, separators removed. */
  sortCode: string;
  /** Eight digits, leading zeros kept. */
  accountNumber: string;
}

export interface Vulnerability {
  isVulnerable: boolean;
  /** Values (`Life event`), not constant names; only when vulnerable. */
  reasons?: VulnerabilityReason[];
  isSupportTemporary?: boolean;
}

export interface Employer {
  companyName: string;
  /** Upper case. */
  companyRegNo?: string;
  address?: Address;
  bankDetails?: BankDetails;
}

/**
 * The validated request in camelCase. Every optional key is absent when it was not given
 * (absent, `null`, blank, or an empty list); unknown keys of the body are not copied.
 */
export interface ClientRequest {
  clientType: ClientType;
  nodeId?: string;
  /** A Seccl client id as sent, or a CRM account UUID in lower case. */
  parentId?: string;
  title?: string;
  /** Unicode NFC, otherwise as sent. */
  firstName: string;
  surname: string;
  email?: string;
  nationality: string;
  nationalities?: Nationality[];
  /** Compact and upper case, such as `AB123456C`. */
  nationalInsuranceNo?: string;
  dateOfBirth?: string;
  address?: Address;
  /** Lower case. */
  accountUuid?: string;
  taxDomicile?: string;
  maritalStatus?: string;
  retirementAge?: number;
  vulnerability?: Vulnerability;
  bankDetails?: BankDetails;
  requiresDebitMandate?: boolean;
  employmentStatus?: string;
  employers?: Employer[];
  /** True when an accepted form was sent (always, for an adult); false for a declined form. */
  aml?: boolean;
}

/** What the rules need besides the body. */
export interface ValidationContext {
  /** Today's date in Europe/London, `YYYY-MM-DD` (see `londonDate` in `src/rules`). */
  today: string;
}

export type ValidationResult =
  { ok: true; value: ClientRequest } | { ok: false; errors: FieldErrors };

/**
 * Checks a parsed JSON body against every rule of the contract at once. A body that is not a
 * JSON object gets the single error `body`, rather than a list of missing fields.
 *
 * @example
 * const result = validateClientRequest(JSON.parse(text), { today: londonDate(clock.now()) });
 * if (!result.ok) throw new ValidationError(result.errors);
 */
export function validateClientRequest(body: unknown, ctx: ValidationContext): ValidationResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ctx.today)) {
    throw new RangeError('validateClientRequest needs today as YYYY-MM-DD.');
  }
  if (!isObject(body)) return { ok: false, errors: { body: [messages.body] } };

  const result = runFields(CLIENT_REQUEST_FIELDS, body, ctx.today);
  // The table's leaves write exactly the keys of ClientRequest, with the types their rules
  // produce; the tests pin that shape on full and minimal bodies.
  return result.ok ? { ok: true, value: result.value as unknown as ClientRequest } : result;
}
