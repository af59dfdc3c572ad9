/**
 * The validated request to Seccl's `POST /client` body (`shared/spec/seccl.md`, "Create
 * body"). A key whose request value is absent is left out, never sent as `""` or `null`.
 */
import type {
  SecclAddress,
  SecclBankDetails,
  SecclCreateClientBody,
  SecclEmployer,
  SecclNationality,
} from '../seccl/types.js';
import type {
  Address,
  BankDetails,
  ClientRequest,
  Employer,
  Nationality,
  Vulnerability,
} from './client-request.js';
import { VULNERABILITY_REASONS } from './client-request.values.js';

/** What the create body needs besides the request. */
export interface SecclMappingContext {
  /** The subscription's Seccl firm id. */
  firmId: string;
  /** The parent's Seccl client id, resolved from `parent_id`; minors only. */
  parentSecclId?: string;
  /** The parent's nodes, used for a minor sent without `node_id`. */
  parentNodeIds?: string[];
}

/** Drops the keys whose value is undefined, so they are not sent at all. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function address(from: Address): SecclAddress {
  return defined({
    flatNumber: from.flatNumber,
    buildingName: from.buildingName,
    buildingNumber: from.buildingNumber,
    address1: from.address1,
    address2: from.address2,
    country: from.country,
    postCode: from.postcode,
  });
}

function bankDetails(from: BankDetails): SecclBankDetails {
  return { sortCode: from.sortCode, accountNumber: from.accountNumber };
}

function nationality(from: Nationality): SecclNationality {
  const identifiers = from.identifiers?.map((id) =>
    defined({ name: id.name, available: id.available, value: id.value }),
  );
  return defined({ code: from.code, identifiers });
}

function vulnerability(from: Vulnerability): SecclCreateClientBody['vulnerability'] {
  return defined({
    isVulnerable: from.isVulnerable,
    reason: from.reasons?.map((reason) => VULNERABILITY_REASONS[reason]),
    isSupportTemporary: from.isSupportTemporary,
  });
}

function employer(from: Employer): SecclEmployer {
  return defined({
    companyName: from.companyName,
    companyRegNo: from.companyRegNo,
    addressDetail: from.address && address(from.address),
    bankDetails: from.bankDetails && bankDetails(from.bankDetails),
  });
}

function nodeIds(req: ClientRequest, ctx: SecclMappingContext): string[] | undefined {
  if (req.nodeId !== undefined) return [req.nodeId];
  const inherited = req.clientType === 'Individual Minor' ? ctx.parentNodeIds : undefined;
  return inherited !== undefined && inherited.length > 0 ? [...inherited] : undefined;
}

/**
 * Builds the create body. `termsAccepted` is false (the client accepts the platform's terms
 * later); currency and language are the platform's UK defaults.
 *
 * @example
 * const body = toSecclCreateBody(request, { firmId: 'PKINV' });
 */
export function toSecclCreateBody(
  req: ClientRequest,
  ctx: SecclMappingContext,
): SecclCreateClientBody {
  const minor = req.clientType === 'Individual Minor';
  return defined({
    firmId: ctx.firmId,
    nodeId: nodeIds(req, ctx),
    clientType: req.clientType,
    parentId: minor ? ctx.parentSecclId : undefined,
    title: req.title,
    firstName: req.firstName,
    surname: req.surname,
    email: req.email,
    nationality: req.nationality,
    nationalities: req.nationalities?.map(nationality),
    nationalInsuranceNo: req.nationalInsuranceNo,
    dateOfBirth: req.dateOfBirth,
    addressDetail: req.address && address(req.address),
    taxDomicile: req.taxDomicile,
    maritalStatus: req.maritalStatus,
    retirementAge: req.retirementAge,
    vulnerability: req.vulnerability && vulnerability(req.vulnerability),
    bankDetails: req.bankDetails && bankDetails(req.bankDetails),
    requiresDebitMandate: req.requiresDebitMandate,
    employmentStatus: req.employmentStatus,
    employers: req.employers?.map(employer),
    amlData: req.aml === true ? { evidenceSeen: true } : undefined,
    termsAccepted: false,
    currency: 'GBP',
    language: 'en',
  });
}
