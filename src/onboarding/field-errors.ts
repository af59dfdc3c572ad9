/**
 * Seccl's `fieldErrors` back to the request keys they came from, so a field Seccl refuses is
 * answered like one of ours: 422, keyed by the caller's snake_case key, never Seccl's name.
 */
import type { FieldErrors } from '../errors.js';
import type { SecclFieldError } from '../seccl/types.js';
import { attributeOf } from './messages.js';

/**
 * Every Seccl field the create body can carry, with `*` for a list index, to the request key
 * it comes from. `firmId`, `termsAccepted`, `currency` and `language` are not here: the
 * product sets them, so an error on one is not the caller's to fix (see {@link requestKeyOf}).
 */
export const SECCL_FIELD_TO_REQUEST_KEY: Readonly<Record<string, string>> = {
  nodeId: 'node_id',
  'nodeId.*': 'node_id',
  clientType: 'client_type',
  parentId: 'parent_id',
  title: 'title',
  firstName: 'first_name',
  surname: 'surname',
  email: 'email',
  nationality: 'nationality',
  nationalities: 'nationalities',
  'nationalities.*': 'nationalities.*',
  'nationalities.*.code': 'nationalities.*.code',
  'nationalities.*.identifiers': 'nationalities.*.identifiers',
  'nationalities.*.identifiers.*': 'nationalities.*.identifiers.*',
  'nationalities.*.identifiers.*.name': 'nationalities.*.identifiers.*.name',
  'nationalities.*.identifiers.*.available': 'nationalities.*.identifiers.*.available',
  'nationalities.*.identifiers.*.value': 'nationalities.*.identifiers.*.value',
  nationalInsuranceNo: 'national_insurance_no',
  dateOfBirth: 'date_of_birth',
  // The request has no key for the address as a whole; its first line is the one to look at.
  addressDetail: 'address_1',
  'addressDetail.flatNumber': 'flat_number',
  'addressDetail.buildingName': 'building_name',
  'addressDetail.buildingNumber': 'building_number',
  'addressDetail.address1': 'address_1',
  'addressDetail.address2': 'address_2',
  'addressDetail.country': 'country',
  'addressDetail.postCode': 'postcode',
  taxDomicile: 'tax_domicile',
  maritalStatus: 'marital_status',
  retirementAge: 'retirement_age',
  vulnerability: 'vulnerability',
  'vulnerability.isVulnerable': 'vulnerability.is_vulnerable',
  'vulnerability.reason': 'vulnerability.reason',
  'vulnerability.reason.*': 'vulnerability.reason.*',
  'vulnerability.isSupportTemporary': 'vulnerability.is_support_temporary',
  bankDetails: 'bank_details',
  'bankDetails.sortCode': 'bank_details.sort_code',
  'bankDetails.accountNumber': 'bank_details.account_number',
  requiresDebitMandate: 'requires_debit_mandate',
  employmentStatus: 'employment_status',
  employers: 'employers',
  'employers.*': 'employers.*',
  'employers.*.companyName': 'employers.*.company_name',
  'employers.*.companyRegNo': 'employers.*.company_reg_no',
  'employers.*.addressDetail': 'employers.*.address_detail',
  'employers.*.addressDetail.flatNumber': 'employers.*.address_detail.flat_number',
  'employers.*.addressDetail.buildingName': 'employers.*.address_detail.building_name',
  'employers.*.addressDetail.buildingNumber': 'employers.*.address_detail.building_number',
  'employers.*.addressDetail.address1': 'employers.*.address_detail.address_1',
  'employers.*.addressDetail.address2': 'employers.*.address_detail.address_2',
  'employers.*.addressDetail.country': 'employers.*.address_detail.country',
  'employers.*.addressDetail.postCode': 'employers.*.address_detail.post_code',
  'employers.*.bankDetails': 'employers.*.bank_details',
  'employers.*.bankDetails.sortCode': 'employers.*.bank_details.sort_code',
  'employers.*.bankDetails.accountNumber': 'employers.*.bank_details.account_number',
  amlData: 'aml',
  'amlData.evidenceSeen': 'aml',
};

/** `employers[0].addressDetail` and `employers.0.addressDetail` both become the dotted form. */
function dotted(fieldName: string): string {
  return fieldName
    .trim()
    .replace(/\[\s*(\d+)\s*\]/g, '.$1')
    .replace(/^\./, '');
}

/** The request key a Seccl field came from, indexes kept; undefined when the table lacks it. */
export function requestKeyOf(fieldName: string): string | undefined {
  const name = dotted(fieldName);
  const indexes = name.split('.').filter((s) => /^\d+$/.test(s));
  const pattern = name.replace(/(^|\.)\d+(?=\.|$)/g, '$1*');
  const key = Object.hasOwn(SECCL_FIELD_TO_REQUEST_KEY, pattern)
    ? SECCL_FIELD_TO_REQUEST_KEY[pattern]
    : undefined;
  let next = 0;
  return key?.replace(/\*/g, () => indexes[next++] ?? '0');
}

const snake = (text: string) => text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * The key for a Seccl field: the table's, or else Seccl's own path in snake_case (so an
 * unexpected `mobile.isMobile` becomes `mobile.is_mobile`); `client` when Seccl names none.
 */
function keyFor(fieldName: string): string {
  return requestKeyOf(fieldName) ?? (snake(dotted(fieldName)) || 'client');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Seccl's message with its own names for fields turned into the caller's words. */
function reworded(fieldName: string, message: string, key: string): string {
  const attribute = attributeOf(key);
  const names = [...new Set([fieldName.trim(), dotted(fieldName)])].filter(Boolean);
  let text = message.trim();
  for (const name of names) {
    const whole = new RegExp(`(?<![\\w.\\[\\]])${escape(name)}(?![\\w\\[])`, 'g');
    text = text.replace(whole, attribute);
  }
  text = text.replace(/\b[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+\b/g, (word) => attributeOf(snake(word)));

  if (text === '') return `The ${attribute} field was refused by the platform.`;
  return `The ${attribute} field was refused by the platform: ${text.replace(/[.!]?$/, '.')}`;
}

/**
 * Turns Seccl's field errors into the CRM's shape. Several errors on one key are all kept.
 *
 * @example
 * fromSecclFieldErrors([{ fieldName: 'addressDetail.postCode', errorMessage: 'Invalid' }]);
 * // { postcode: ['The postcode field was refused by the platform: Invalid.'] }
 */
export function fromSecclFieldErrors(list: readonly SecclFieldError[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const error of list) {
    // Seccl's answer is parsed JSON: its types are a hope, not a guarantee.
    const name = typeof error.fieldName === 'string' ? error.fieldName : '';
    const message = typeof error.errorMessage === 'string' ? error.errorMessage : '';
    const key = keyFor(name);
    (errors[key] ??= []).push(reworded(name, message, key));
  }
  return errors;
}
