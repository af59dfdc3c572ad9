/**
 * The body of `POST /api/v1/account`: a client account as the CRM takes it. The same rule engine
 * and format checks as the onboarding route, so a detail valid there is valid here.
 */
import { ValidationError } from '../errors.js';
import {
  between,
  integer,
  max,
  oneOf,
  required,
  string,
  upperCase,
  beforeToday,
  object,
} from '../onboarding/client-request.checks.js';
import {
  countryCode,
  email,
  isoDate,
  nino,
  personName,
  postcodeForCountry,
} from '../onboarding/client-request.domain.js';
import { field, isObject, runFields } from '../onboarding/client-request.engine.js';
import type { NewAccount } from './account.repository.js';

const titles = ['Dr', 'Professor', 'Mrs', 'Miss', 'Mr', 'Ms', 'Mx'];
const maritalStatuses = ['Single', 'Married', 'Divorced', 'Widowed'];
const addressPart = [string, max(100)];

const fields = [
  field('title', string, oneOf(titles)),
  field('first_name', required, string, max(100), personName),
  field('surname', required, string, max(100), personName),
  field('email', string, max(254), email),
  field('date_of_birth', string, isoDate, beforeToday),
  field('national_insurance_no', string, nino),
  field('marital_status', string, oneOf(maritalStatuses)),
  field('nationality', string, upperCase, countryCode),
  field('retirement_age', integer, between(0, 120)),
  field('address', object),
  field('address.flat_number', ...addressPart),
  field('address.building_name', ...addressPart),
  field('address.building_number', ...addressPart),
  field('address.address_1', ...addressPart),
  field('address.address_2', ...addressPart),
  field('address.country', string, upperCase, countryCode),
  field('address.postcode', string, max(16), postcodeForCountry),
];

export function parseAccountRequest(body: unknown, today: string): NewAccount {
  if (!isObject(body))
    throw new ValidationError({ body: ['The request body must be a JSON object.'] });
  const checked = runFields(fields, body, today);
  if (!checked.ok) throw new ValidationError(checked.errors);

  const v = checked.value as Record<string, unknown> & { address?: Record<string, string> };
  const address = v.address
    ? Object.fromEntries(
        Object.entries(v.address).map(([k, value]) => [
          k.replace(/([A-Z0-9])/g, (c) => `_${c.toLowerCase()}`),
          value,
        ]),
      )
    : null;
  return {
    type: 'client',
    role: 'individual',
    title: (v.title as string) ?? null,
    firstName: v.firstName as string,
    surname: v.surname as string,
    email: (v.email as string) ?? null,
    dateOfBirth: (v.dateOfBirth as string) ?? null,
    nationalInsuranceNo: (v.nationalInsuranceNo as string) ?? null,
    maritalStatus: (v.maritalStatus as string) ?? null,
    nationality: (v.nationality as string) ?? null,
    retirementAge: (v.retirementAge as number) ?? null,
    address,
  };
}
