/**
 * The rules of the client request that belong to this product rather than to Laravel: the
 * conditions (adult, minor, debit mandate...), the format checks of `src/rules` with their
 * wording, the age and client type agreement, and the nationality list rules.
 */
import {
  ageOn,
  checkAccountNumber,
  checkCompanyRegNo,
  checkCountryCode,
  checkEmail,
  checkIsoDate,
  checkNino,
  checkPersonName,
  checkSortCode,
  checkUkPostcode,
} from '../rules/index.js';
import { asBoolean, format, isUuid, lookup } from './client-request.checks.js';
import {
  given,
  isObject,
  pass,
  refuse,
  type Condition,
  type Rule,
  type Site,
} from './client-request.engine.js';
import { ADULT_AGE, CLIENT_TYPES } from './client-request.values.js';
import { messages } from './messages.js';

const clientTypeOf = (site: Site) => lookup(CLIENT_TYPES, site.root('client_type'));
const identifierName = (site: Site) => {
  const name = site.sibling('name');
  return typeof name === 'string' ? name.trim().toUpperCase() : undefined;
};

/**
 * What a usable date of birth (a real date before today) says on today's London date: an adult
 * or a minor; undefined when there is none, so `client_type` alone decides.
 */
function ageSays(site: Site): 'adult' | 'minor' | undefined {
  const born = given(site.root('date_of_birth'));
  if (typeof born !== 'string' || !checkIsoDate(born).ok || born >= site.today) return undefined;
  return ageOn(born, site.today) >= ADULT_AGE ? 'adult' : 'minor';
}

/** `client_type` is Individual, and the date of birth, if any, agrees. */
export const adult: Condition = {
  other: 'client type',
  value: 'Individual',
  holds: (site) => clientTypeOf(site) === 'Individual' && ageSays(site) !== 'minor',
};

/** `client_type` is Individual Minor, and the date of birth, if any, agrees. */
export const minor: Condition = {
  other: 'client type',
  value: 'Individual Minor',
  holds: (site) => clientTypeOf(site) === 'Individual Minor' && ageSays(site) !== 'adult',
};

/**
 * The date of birth says 18 or over but `client_type` does not say Individual. The age decides
 * which rules apply (case C15), so the caller learns at once everything an adult request needs;
 * `client_type` itself is refused by {@link typeMatchesAge}.
 */
export const adultByAge: Condition = {
  other: 'age',
  value: `${ADULT_AGE} or over`,
  holds: (site) => ageSays(site) === 'adult' && clientTypeOf(site) !== 'Individual',
};

/** The date of birth says under 18 but `client_type` does not say Individual Minor. */
export const minorByAge: Condition = {
  other: 'age',
  value: `under ${ADULT_AGE}`,
  holds: (site) => ageSays(site) === 'minor' && clientTypeOf(site) !== 'Individual Minor',
};

export const debitMandate: Condition = {
  other: 'requires debit mandate',
  value: 'true',
  holds: (site) => asBoolean(site.root('requires_debit_mandate')) === true,
};

export const vulnerable: Condition = {
  other: 'is vulnerable',
  value: 'true',
  holds: (site) => asBoolean(site.sibling('is_vulnerable')) === true,
};

export const notVulnerable: Condition = {
  other: 'is vulnerable',
  value: 'false',
  holds: (site) => asBoolean(site.sibling('is_vulnerable')) === false,
};

/** An identifier whose `available` is false. */
export const unavailable: Condition = {
  other: 'available',
  value: 'false',
  holds: (site) => asBoolean(site.sibling('available')) === false,
};

/** An identifier named CONCAT: the platform builds its value. */
export const concat: Condition = {
  other: 'name',
  value: 'CONCAT',
  holds: (site) => identifierName(site) === 'CONCAT',
};

/** An available identifier whose value the caller must give (every name but CONCAT). */
export const availableWithValue: Condition = {
  other: 'available',
  value: 'true',
  holds: (site) => asBoolean(site.sibling('available')) === true && !concat.holds(site),
};

export const nino = format(checkNino, 'a valid National Insurance number');
export const sortCode = format(checkSortCode, 'a valid sort code');
export const accountNumber = format(checkAccountNumber, 'a valid account number');
export const countryCode = format(checkCountryCode, 'a valid ISO 3166-1 alpha-2 country code');
export const email = format(checkEmail, 'a valid email address');
export const isoDate = format(checkIsoDate, 'a real date written as YYYY-MM-DD');
export const personName = format(checkPersonName, 'a valid name');
export const companyRegNo = format(checkCompanyRegNo, 'a valid Companies House number');

const ukPostcode = format(checkUkPostcode, 'a valid UK postcode');

/** A UK postcode when the sibling `country` is GB or not given; any other country's as sent. */
export const postcodeForCountry: Rule = {
  apply: (value, site) => {
    const country = given(site.sibling('country'));
    const code = typeof country === 'string' ? checkCountryCode(country) : undefined;
    const inUk = country === undefined || (code?.ok === true && code.value === 'GB');
    return inUk ? ukPostcode.apply(value, site) : pass(value);
  },
};

/** An identifier named NINO must hold a National Insurance number, like `national_insurance_no`. */
export const ninoWhenNamed: Rule = {
  apply: (value, site) => (identifierName(site) === 'NINO' ? nino.apply(value, site) : pass(value)),
};

/** A Seccl client id (7 upper-case letters or digits) as sent, or a UUID in lower case. */
export const parentId: Rule = {
  apply: (value, site) => {
    const text = String(value);
    if (/^[A-Z0-9]{7}$/.test(text)) return pass(text);
    return isUuid(text) ? pass(text.toLowerCase()) : refuse(messages.parentId(site.attribute));
  },
};

/**
 * `client_type` agrees with the age on today's London date, when a usable date of birth is
 * given (a bad one is reported on `date_of_birth` alone). On a mismatch the age also decides
 * which of the adult and minor rules apply: see {@link adultByAge}.
 */
export const typeMatchesAge: Rule = {
  apply: (value, site) => {
    const age = ageSays(site);
    if (value === 'Individual Minor' && age === 'adult') {
      return refuse(messages.typeForAge(site.attribute, 'Individual', `aged ${ADULT_AGE} or over`));
    }
    if (value === 'Individual' && age === 'minor') {
      return refuse(messages.typeForAge(site.attribute, 'Individual Minor', `under ${ADULT_AGE}`));
    }
    return pass(value);
  },
};

const hasIdentifiers = (item: unknown) =>
  isObject(item) && Array.isArray(item.identifiers) && item.identifiers.length > 0;

/** Nationality rule 1: exactly one item has a non-empty `identifiers` list. */
export const oneWithIdentifiers: Rule = {
  apply: (value, site) =>
    Array.isArray(value) && value.filter(hasIdentifiers).length === 1
      ? pass(value)
      : refuse(messages.oneWithIdentifiers(site.attribute)),
};

/** Nationality rule 2, on one item's `identifiers`: exactly one has `available` true. */
export const oneAvailable: Rule = {
  apply: (value, site) => {
    const available = (Array.isArray(value) ? value : []).filter(
      (item) => isObject(item) && asBoolean(item.available) === true,
    );
    return available.length === 1 ? pass(value) : refuse(messages.oneAvailable(site.attribute));
  },
};

/**
 * The codes of a nationalities list, normalised, or undefined when an item has no valid code:
 * that item is reported on its own key, and a list-level error would only repeat it.
 */
function codesOf(items: unknown): string[] | undefined {
  const codes: string[] = [];
  for (const item of Array.isArray(items) ? items : []) {
    const checked = isObject(item) && typeof item.code === 'string' && checkCountryCode(item.code);
    if (!checked || !checked.ok) return undefined;
    codes.push(checked.value);
  }
  return codes;
}

/** Nationality rule 3a: no code twice (compared once normalised, so `gb` repeats `GB`). */
export const distinctCodes: Rule = {
  apply: (value, site) => {
    const codes = codesOf(value);
    return codes === undefined || new Set(codes).size === codes.length
      ? pass(value)
      : refuse(messages.duplicateCode(site.attribute));
  },
};

/** Nationality rule 3b: the primary `nationality`, when valid, is one of the codes. */
export const includesNationality: Rule = {
  apply: (value, site) => {
    const primary = given(site.root('nationality'));
    const checked = typeof primary === 'string' ? checkCountryCode(primary) : undefined;
    const codes = codesOf(value);
    if (!checked?.ok || codes === undefined || codes.includes(checked.value)) {
      return pass(value);
    }
    return refuse(messages.includesNationality(site.attribute));
  },
};
