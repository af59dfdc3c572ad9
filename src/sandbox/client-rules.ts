/**
 * The checks `POST /client` runs, written from what seccl.md says Seccl requires and accepts.
 * Where Seccl's own rule is unknown the sandbox is strict on purpose (unknown fields, nulls and
 * blank strings, values not in the normalised form the product promises to send are refused), so
 * a product mistake surfaces here and not on the real platform. Dates of birth are checked as
 * calendar dates only: an age rule would depend on the caller's clock, which the sandbox cannot
 * see.
 */
import {
  FieldErrorList,
  arrayOf,
  bool,
  checkObject,
  childPath,
  integer,
  isRecord,
  itemPath,
  object,
  oneOf,
  text,
  type Rule,
} from './fields.js';
import type {
  SandboxClient,
  SandboxClientDetails,
  SandboxFieldError,
  VulnerabilityReason,
} from './types.js';

export const CLIENT_TYPES = ['Individual', 'Individual Minor'] as const;
export const TITLES = ['Dr', 'Professor', 'Mrs', 'Miss', 'Mr', 'Ms', 'Mx'] as const;
export const MARITAL_STATUSES = ['Single', 'Married', 'Divorced', 'Widowed'] as const;
export const EMPLOYMENT_STATUSES = [
  'Employed',
  'Retired',
  'Self Employed',
  'Care Under 16s',
  'Care Over 16',
  'Education',
  'Unemployed',
  'Other',
] as const;
export const VULNERABILITY_REASONS = ['HEALTH', 'LIFE_EVENT', 'RESILIENCE', 'CAPABILITY'] as const;

const ADULT_REQUIRED = [
  'firmId',
  'nodeId',
  'clientType',
  'title',
  'firstName',
  'surname',
  'email',
  'nationality',
];
const MINOR_REQUIRED = ['firmId', 'clientType', 'firstName', 'surname', 'nationality', 'parentId'];
const ALWAYS_REQUIRED = ['firmId', 'clientType', 'firstName', 'surname', 'nationality'];

/** The create body once it has passed every check. */
export interface CreateClientInput extends SandboxClientDetails {
  nodeId?: string[];
  parentId?: string;
  vulnerability?: {
    isVulnerable: boolean;
    reason?: VulnerabilityReason[];
    isSupportTemporary?: boolean;
  };
  bankDetails?: { sortCode: string; accountNumber: string };
  amlData?: { evidenceSeen: boolean };
  termsAccepted?: boolean;
}

/** What the rules need to know about the firm the client is created in. */
export interface CreateContext {
  nodeIds: ReadonlySet<string>;
  findClient(id: string): SandboxClient | undefined;
  emailInUse(email: string): boolean;
}

export type CreateCheck =
  { ok: true; input: CreateClientInput } | { ok: false; fieldErrors: SandboxFieldError[] };

/** A National Insurance number in HMRC's format, upper case, no spaces, with an issued prefix. */
export function isNino(value: string): boolean {
  const match = /^([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z])[0-9]{6}[A-D]$/.exec(value);
  if (!match) return false;
  return !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(`${match[1]}${match[2]}`);
}

/** `YYYY-MM-DD` naming a day that exists. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1;
}

const country: Rule = (value, path, errors) => {
  text({ pattern: /^[A-Z]{2}$/, message: 'Must be an ISO 3166-1 alpha-2 code in upper case.' })(
    value,
    path,
    errors,
  );
  if (value === 'UK') errors.add(path, 'format', 'UK is not an ISO 3166-1 code: use GB.');
};

const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/;

const address: Rule = (value, path, errors) => {
  const fields: Record<string, Rule> = {
    flatNumber: text(),
    buildingName: text(),
    buildingNumber: text(),
    address1: text(),
    address2: text(),
    country,
    postCode: text(undefined, 16),
  };
  if (!checkObject(value, path, { fields }, errors)) return;

  const { postCode, country: code } = value;
  const british = code === undefined || code === 'GB';
  if (british && typeof postCode === 'string' && !UK_POSTCODE.test(postCode)) {
    const message = 'Must be a UK postcode in upper case with one space, such as SW1A 1AA.';
    errors.add(childPath(path, 'postCode'), 'format', message);
  }
};

const bankDetails = object({
  fields: {
    sortCode: text({ pattern: /^[0-9]{6}$/, message: 'Must be 6 digits.' }),
    accountNumber: text({ pattern: /^[0-9]{8}$/, message: 'Must be 8 digits.' }),
  },
  required: ['sortCode', 'accountNumber'],
});

const identifier: Rule = (value, path, errors) => {
  if (isRecord(value) && Object.hasOwn(value, 'value')) {
    const valuePath = childPath(path, 'value');
    if (value.name === 'CONCAT') {
      errors.add(valuePath, 'notAllowed', 'Must be absent for CONCAT: the platform derives it.');
    } else if (value.available === false) {
      errors.add(valuePath, 'notAllowed', 'Must be absent when available is false.');
    } else if (value.name === 'NINO' && typeof value.value === 'string' && !isNino(value.value)) {
      errors.add(valuePath, 'format', 'Must be a National Insurance number, such as AB123456C.');
    }
  }
  const fields = { name: text(), available: bool, value: text() };
  if (!checkObject(value, path, { fields, required: ['name', 'available'] }, errors)) return;

  if (value.available === true && value.name !== 'CONCAT' && !Object.hasOwn(value, 'value')) {
    errors.add(childPath(path, 'value'), 'required', 'Is required when available is true.');
  }
};

const nationality = object({
  fields: { code: country, identifiers: arrayOf(identifier) },
  required: ['code'],
});

const nationalities: Rule = (value, path, errors) => {
  arrayOf(nationality, { min: 1 })(value, path, errors);
  if (!Array.isArray(value)) return;

  const codes = value.map((entry) => (isRecord(entry) ? entry.code : undefined));
  codes.forEach((code, i) => {
    if (typeof code === 'string' && codes.indexOf(code) < i) {
      errors.add(childPath(itemPath(path, i), 'code'), 'duplicate', 'Repeats an earlier code.');
    }
  });
};

const vulnerability: Rule = (value, path, errors) => {
  const fields = {
    isVulnerable: bool,
    reason: arrayOf(oneOf(VULNERABILITY_REASONS), { min: 1, max: 4, distinct: true }),
    isSupportTemporary: bool,
  };
  if (!checkObject(value, path, { fields, required: ['isVulnerable'] }, errors)) return;

  if (value.isVulnerable === true) {
    for (const key of ['reason', 'isSupportTemporary']) {
      if (!Object.hasOwn(value, key)) {
        errors.add(childPath(path, key), 'required', 'Is required when isVulnerable is true.');
      }
    }
  } else if (value.isVulnerable === false && Object.hasOwn(value, 'reason')) {
    const message = 'Must be absent when isVulnerable is false.';
    errors.add(childPath(path, 'reason'), 'notAllowed', message);
  }
};

const employer = object({
  fields: {
    companyName: text(),
    companyRegNo: text({
      pattern: /^([0-9]{8}|[A-Z]{2}[0-9]{6})$/,
      message: 'Must be a Companies House number: 8 digits, or 2 letters and 6 digits.',
    }),
    addressDetail: address,
    bankDetails,
  },
  required: ['companyName'],
});

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

const BODY_FIELDS: Record<string, Rule> = {
  firmId: text(),
  nodeId: arrayOf(text(), { min: 1 }),
  clientType: oneOf(CLIENT_TYPES),
  parentId: text({ pattern: /^[A-Z0-9]{7}$/, message: 'Must be a client id.' }),
  title: oneOf(TITLES),
  firstName: text(undefined, 100),
  surname: text(undefined, 100),
  email: text({ pattern: EMAIL, message: 'Must be an email address.' }, 254),
  mobile: object({
    fields: { number: text(), locale: text(), isMobile: bool },
    required: ['number'],
  }),
  nationality: country,
  nationalities,
  nationalInsuranceNo: text({
    pattern: isNino,
    message: 'Must be a National Insurance number in upper case without spaces.',
  }),
  dateOfBirth: text({
    pattern: isCalendarDate,
    message: 'Must be a real date as YYYY-MM-DD.',
  }),
  addressDetail: address,
  taxDomicile: country,
  maritalStatus: oneOf(MARITAL_STATUSES),
  retirementAge: integer(0, 120),
  vulnerability,
  bankDetails,
  requiresDebitMandate: bool,
  employmentStatus: oneOf(EMPLOYMENT_STATUSES),
  employers: arrayOf(employer, { max: 1 }),
  amlData: object({ fields: { evidenceSeen: bool }, required: ['evidenceSeen'] }),
  termsAccepted: bool,
  currency: text({ pattern: /^[A-Z]{3}$/, message: 'Must be an ISO 4217 code.' }),
  language: text({ pattern: /^[a-z]{2}$/, message: 'Must be an ISO 639-1 code.' }),
};

/** Checks a create body against the rules and its firm; reports every problem at once. */
export function checkCreateClient(body: Record<string, unknown>, firm: CreateContext): CreateCheck {
  const errors = new FieldErrorList();
  const required =
    body.clientType === 'Individual'
      ? ADULT_REQUIRED
      : body.clientType === 'Individual Minor'
        ? MINOR_REQUIRED
        : ALWAYS_REQUIRED;

  checkObject(body, '', { fields: BODY_FIELDS, required }, errors);
  checkAgainstFirm(body, firm, errors);

  if (body.requiresDebitMandate === true && !Object.hasOwn(body, 'bankDetails')) {
    errors.add('bankDetails', 'required', 'Is required when requiresDebitMandate is true.');
  }

  if (errors.items.length > 0) return { ok: false, fieldErrors: errors.items };
  return { ok: true, input: body as unknown as CreateClientInput };
}

function checkAgainstFirm(
  body: Record<string, unknown>,
  firm: CreateContext,
  errors: FieldErrorList,
): void {
  const { clientType, parentId, nodeId, email } = body;

  if (clientType === 'Individual' && Object.hasOwn(body, 'parentId')) {
    errors.add('parentId', 'notAllowed', 'Must be absent for an Individual client.');
  }
  if (clientType === 'Individual Minor' && typeof parentId === 'string') {
    const parent = firm.findClient(parentId);
    if (!parent) errors.add('parentId', 'notFound', 'Is not a client of this firm.');
    else if (parent.clientType !== 'Individual') {
      errors.add('parentId', 'invalidValue', 'Must be an Individual client, not a minor.');
    }
  }

  if (Array.isArray(nodeId) && nodeId.every((id) => typeof id === 'string')) {
    const unknown = nodeId.filter((id) => !firm.nodeIds.has(id));
    if (unknown.length > 0) {
      errors.add('nodeId', 'notFound', `Not a node of this firm: ${unknown.join(', ')}.`);
    }
  }

  if (typeof email === 'string' && firm.emailInUse(email)) {
    errors.add('email', 'duplicate', 'Is already used by another client of this firm.');
  }
}
