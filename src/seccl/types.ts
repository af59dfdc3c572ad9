/**
 * Seccl's wire shapes, as far as `shared/spec/seccl.md` knows them. camelCase, as Seccl sends them.
 * Every assumption about Seccl lives here or in the client beside it, so a correction is one edit.
 */

/** Where and as whom to reach Seccl for one addon subscription. Never built from code constants. */
export interface SecclConnection {
  /** Cache key for the session token: the addon subscription's id. */
  key: string;
  /** Base URL, such as the staging host or the embedded sandbox; no trailing slash needed. */
  baseUrl: string;
  /** Seccl firm id, five upper-case letters such as `PKINV`. */
  firmId: string;
  /** Legacy authentication: a Seccl user id (or email) and its password. */
  credentials: { id: string; password: string };
}

export type SecclClientType = 'Individual' | 'Individual Minor';
export type SecclVulnerabilityReason = 'HEALTH' | 'LIFE_EVENT' | 'RESILIENCE' | 'CAPABILITY';

export interface SecclAddress {
  flatNumber?: string;
  buildingName?: string;
  buildingNumber?: string;
  address1?: string;
  address2?: string;
  country?: string;
  postCode?: string;
}

export interface SecclIdentifier {
  name: string;
  available: boolean;
  value?: string;
}

export interface SecclNationality {
  code: string;
  identifiers?: SecclIdentifier[];
}

export interface SecclBankDetails {
  sortCode: string;
  accountNumber: string;
}

export interface SecclEmployer {
  companyName: string;
  companyRegNo?: string;
  addressDetail?: SecclAddress;
  bankDetails?: SecclBankDetails;
}

/** The body of `POST /client`. Keys whose value is absent are left out, never `""` or `null`. */
export interface SecclCreateClientBody {
  firmId: string;
  nodeId?: string[];
  clientType: SecclClientType;
  parentId?: string;
  title?: string;
  firstName: string;
  surname: string;
  email?: string;
  nationality: string;
  nationalities?: SecclNationality[];
  nationalInsuranceNo?: string;
  dateOfBirth?: string;
  addressDetail?: SecclAddress;
  taxDomicile?: string;
  maritalStatus?: string;
  retirementAge?: number;
  vulnerability?: {
    isVulnerable: boolean;
    reason?: SecclVulnerabilityReason[];
    isSupportTemporary?: boolean;
  };
  bankDetails?: SecclBankDetails;
  requiresDebitMandate?: boolean;
  employmentStatus?: string;
  employers?: SecclEmployer[];
  amlData?: { evidenceSeen: boolean };
  termsAccepted: boolean;
  currency: string;
  language: string;
}

/** A client as `GET /client/{firmId}/{clientId}` answers it (the parts the product uses). */
export interface SecclClientRecord {
  id: string;
  firmId: string;
  nodeId: string[];
  clientType: SecclClientType;
  parentId?: string[];
  title?: string;
  firstName: string;
  surname: string;
  email?: string;
  mobile?: { number?: string; locale?: string; isMobile?: boolean };
  nationality?: string;
  nationalities?: SecclNationality[];
  nationalInsuranceNo?: string;
  dateOfBirth?: string;
  addressDetail?: SecclAddress;
  taxDomicile?: string;
  status: 'Active' | 'Pending' | 'Suspended';
  termsAccepted?: boolean;
  bankDetails?: SecclBankDetails & {
    debitPaymentMandate?: boolean;
    debitPaymentMandateAgreementDate?: string;
  };
  vulnerability?: {
    isVulnerable: boolean;
    reason?: SecclVulnerabilityReason[];
    isVulnerableSetDate?: string;
    isSupportTemporary?: boolean;
  };
  amlData?: { checkResult?: string; amlEvidenceSeen?: boolean };
  requiresDebitMandate?: boolean;
  employmentStatus?: string;
  employers?: SecclEmployer[];
  maritalStatus?: string;
  retirementAge?: number;
  /** Not in the public material; read when present to derive what the client may open. */
  canOpenAccountsFor?: string[];
  auditDetails?: { version?: number; updateDate?: string };
}

/** Filters for `GET /client/{firmId}`; each is a query parameter. */
export interface SecclClientSearch {
  email?: string;
  surname?: string;
  dateOfBirth?: string;
  nodeId?: string;
  page?: number;
  pageSize?: number;
}

export interface SecclNode {
  id: string;
  name: string;
  parentId?: string;
  nodeType?: string;
}

/** One entry of Seccl's `error.fieldErrors`. */
export interface SecclFieldError {
  fieldName: string;
  type?: string;
  errorMessage: string;
}

export interface SecclErrorBody {
  errorMessage?: string;
  type?: string;
  fieldErrors?: SecclFieldError[];
}
