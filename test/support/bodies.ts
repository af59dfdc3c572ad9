/** Request bodies for invented people. Each call gives a fresh email, so Seccl sees a new client. */
import { randomBytes } from 'node:crypto';

const unique = () => randomBytes(4).toString('hex');

export function adultBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client_type: 'Individual',
    node_id: '1',
    title: 'Ms',
    first_name: 'Ciara',
    surname: "O'Neill",
    email: `ciara.oneill+${unique()}@example.co.uk`,
    nationality: 'GB',
    nationalities: [
      { code: 'GB', identifiers: [{ name: 'NINO', available: true, value: 'AB 12 34 56 C' }] },
      { code: 'IE' },
    ],
    national_insurance_no: 'ab123456c',
    date_of_birth: '1986-04-17',
    flat_number: '2',
    building_name: 'Harbour View',
    building_number: '14',
    address_1: 'Quay Street',
    address_2: 'Portsmouth',
    country: 'GB',
    postcode: 'po1 2ab',
    tax_domicile: 'GB',
    marital_status: 'Married',
    retirement_age: 67,
    vulnerability: {
      is_vulnerable: true,
      reason: ['Health', 'LIFE_EVENT'],
      is_support_temporary: true,
    },
    bank_details: { sort_code: '10-88-00', account_number: '00733445' },
    requires_debit_mandate: true,
    employment_status: 'Employed',
    employers: [
      {
        company_name: 'Solent Marine Ltd',
        company_reg_no: '01234567',
        address_detail: {
          building_number: '3',
          address_1: 'Dock Road',
          country: 'GB',
          post_code: 'SO14 3TJ',
        },
      },
    ],
    aml: true,
    ...overrides,
  };
}

export function minimalAdult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    client_type: 'Individual',
    node_id: '1',
    title: 'Mr',
    first_name: 'Tomasz',
    surname: 'Nowak',
    email: `tomasz.nowak.${unique()}@example.com`,
    nationality: 'PL',
    aml: true,
    ...overrides,
  };
}

export function minorBody(
  parentId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    client_type: 'Individual Minor',
    parent_id: parentId,
    first_name: 'Aoife',
    surname: "O'Neill",
    nationality: 'GB',
    date_of_birth: '2015-09-01',
    ...overrides,
  };
}
