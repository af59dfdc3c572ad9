/**
 * The 200 answer of the create route (`shared/spec/contract.md`, "Success: 200"): the client as
 * Seccl now holds it, in snake_case, plus the CRM account. Every key is always present; null
 * stands for what Seccl does not hold.
 */
import type { SecclAddress, SecclClientRecord, SecclEmployer } from '../seccl/types.js';
import { REASON_FROM_SECCL, type VulnerabilityReason } from './client-request.values.js';

export interface AddressResource {
  flat_number: string | null;
  building_name: string | null;
  building_number: string | null;
  address_1: string | null;
  address_2: string | null;
  country: string | null;
  postcode: string | null;
}

/** An employer's address keeps the request's `post_code`. */
export type EmployerAddressResource = Omit<AddressResource, 'postcode'> & {
  post_code: string | null;
};

export interface EmployerResource {
  company_name: string;
  company_reg_no: string | null;
  address_detail: EmployerAddressResource | null;
  bank_details: { sort_code: string; account_number: string } | null;
}

export type WrapperType = 'GIA' | 'ISA' | 'JISA' | 'PENSION';

export interface ClientResource {
  id: string;
  node_id: string | null;
  client_type: string;
  title: string | null;
  first_name: string;
  surname: string;
  email: string | null;
  nationality: string | null;
  national_insurance_no: string | null;
  date_of_birth: string | null;
  tax_domicile: string | null;
  marital_status: string | null;
  retirement_age: number | null;
  employment_status: string | null;
  status: string;
  address_detail: AddressResource;
  mobile: { number: string | null; locale: string | null; is_mobile: boolean | null } | null;
  terms_accepted: boolean;
  bank_details: {
    account_number: string;
    sort_code: string;
    accepted_debit_mandate: boolean;
    accepted_debit_mandate_at: string | null;
  } | null;
  vulnerability: {
    is_vulnerable: boolean;
    reason: (VulnerabilityReason | string)[];
    is_support_temporary: boolean | null;
  } | null;
  aml_passed: boolean;
  requires_debit_mandate: boolean;
  employers: EmployerResource[];
  can_open_accounts_for: string[];
  plannr_account: unknown;
  parent_id: string | null;
}

/** What the answer needs besides Seccl's record. */
export interface ClientResourceContext {
  /** The CRM account as `GET /api/v1/account/{uuid}` answers it. */
  plannrAccount: unknown;
  /** The parent's Seccl client id, for a minor. */
  parentSecclId: string | null;
}

/** Seccl's AML check result that counts as passed, compared without regard to case. */
export const AML_PASSED = 'Passed';

const WRAPPERS_BY_TYPE: Record<SecclClientRecord['clientType'], WrapperType[]> = {
  Individual: ['GIA', 'ISA', 'PENSION'],
  'Individual Minor': ['JISA', 'PENSION'],
};

function addressParts(from: SecclAddress | undefined) {
  return {
    flat_number: from?.flatNumber ?? null,
    building_name: from?.buildingName ?? null,
    building_number: from?.buildingNumber ?? null,
    address_1: from?.address1 ?? null,
    address_2: from?.address2 ?? null,
    country: from?.country ?? null,
  };
}

function employer(from: SecclEmployer): EmployerResource {
  const bank = from.bankDetails;
  return {
    company_name: from.companyName,
    company_reg_no: from.companyRegNo ?? null,
    address_detail: from.addressDetail
      ? { ...addressParts(from.addressDetail), post_code: from.addressDetail.postCode ?? null }
      : null,
    bank_details: bank ? { sort_code: bank.sortCode, account_number: bank.accountNumber } : null,
  };
}

function bankDetails(record: SecclClientRecord): ClientResource['bank_details'] {
  const bank = record.bankDetails;
  if (!bank) return null;
  return {
    account_number: bank.accountNumber,
    sort_code: bank.sortCode,
    accepted_debit_mandate: bank.debitPaymentMandate ?? false,
    accepted_debit_mandate_at: bank.debitPaymentMandateAgreementDate ?? null,
  };
}

/** Seccl's vulnerability in the CRM's snake_case; the account keeps the same shape. */
export function vulnerability(record: SecclClientRecord): ClientResource['vulnerability'] {
  const from = record.vulnerability;
  if (!from) return null;
  return {
    is_vulnerable: from.isVulnerable,
    // A constant this product does not know is passed on rather than dropped.
    reason: (from.reason ?? []).map((r) => REASON_FROM_SECCL[r] ?? r),
    is_support_temporary: from.isSupportTemporary ?? null,
  };
}

/**
 * Builds the 200 body. `can_open_accounts_for` is Seccl's when it says, else follows the
 * client type; `parent_id` is only ever set for a minor.
 *
 * @example
 * const body = toClientResource(record, { plannrAccount, parentSecclId: null });
 */
export function toClientResource(
  record: SecclClientRecord,
  ctx: ClientResourceContext,
): ClientResource {
  const minor = record.clientType === 'Individual Minor';
  const mobile = record.mobile;
  return {
    id: record.id,
    node_id: record.nodeId?.[0] ?? null,
    client_type: record.clientType,
    title: record.title ?? null,
    first_name: record.firstName,
    surname: record.surname,
    email: record.email ?? null,
    nationality: record.nationality ?? null,
    national_insurance_no: record.nationalInsuranceNo ?? null,
    date_of_birth: record.dateOfBirth ?? null,
    tax_domicile: record.taxDomicile ?? null,
    marital_status: record.maritalStatus ?? null,
    retirement_age: record.retirementAge ?? null,
    employment_status: record.employmentStatus ?? null,
    status: record.status,
    address_detail: {
      ...addressParts(record.addressDetail),
      postcode: record.addressDetail?.postCode ?? null,
    },
    mobile: mobile
      ? {
          number: mobile.number ?? null,
          locale: mobile.locale ?? null,
          is_mobile: mobile.isMobile ?? null,
        }
      : null,
    terms_accepted: record.termsAccepted ?? false,
    bank_details: bankDetails(record),
    vulnerability: vulnerability(record),
    aml_passed: record.amlData?.checkResult?.toLowerCase() === AML_PASSED.toLowerCase(),
    requires_debit_mandate: record.requiresDebitMandate ?? false,
    employers: (record.employers ?? []).map(employer),
    can_open_accounts_for: record.canOpenAccountsFor
      ? [...record.canOpenAccountsFor]
      : [...(WRAPPERS_BY_TYPE[record.clientType] ?? [])],
    plannr_account: ctx.plannrAccount,
    parent_id: minor ? (ctx.parentSecclId ?? record.parentId?.[0] ?? null) : null,
  };
}
