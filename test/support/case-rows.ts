/**
 * The rows of `shared/cases/README.md` as inputs for the route (`test/cases.test.ts`): each
 * input is refused on exact keys, or accepted with a check on what Seccl then holds.
 */
import assert from 'node:assert/strict';

import type { SandboxClient } from '../../src/sandbox/index.js';
import { minimalAdult, minorBody } from './bodies.js';
import type { Answer } from './harness.js';

export type Body = Record<string, unknown>;

export const NOON_UTC = 'T12:00:00Z';
export const TODAY = `2026-03-10${NOON_UTC}`;

/** One input of a row. `at` moves the clock for this input alone. */
export interface Input {
  label: string;
  /** `FRESH` as email becomes a new address, `PARENT` as parent_id the parent's Seccl id. */
  body: Body;
  at?: string;
  /** Refused: the exact keys of the 422. */
  keys?: string[];
  /** Accepted: what Seccl holds, and the answer with its CRM account. */
  held?: (client: SandboxClient, answer: Answer) => void;
}

export const FRESH = '<a new email>';
export const PARENT = '<the parent>';
export const adult = (extra: Body = {}) =>
  minimalAdult({ nationality: 'GB', email: FRESH, ...extra });
const minor = (extra: Body = {}) => minorBody(PARENT, extra);
const no = (label: string, body: Body, keys: string[], at?: string): Input => ({
  label,
  body,
  keys,
  at,
});
const yes = (label: string, body: Body, held: Input['held'], at?: string): Input => ({
  label,
  body,
  held,
  at,
});

const ninoId = (value: string) => ({
  nationalities: [{ code: 'GB', identifiers: [{ name: 'NINO', available: true, value }] }],
});
const withIds = (...identifiers: unknown[]) => ({ nationalities: [{ code: 'GB', identifiers }] });
export const bank = (sort_code: unknown, account_number: unknown = '00733445') =>
  adult({ bank_details: { sort_code, account_number } });
const CONCAT = { name: 'CONCAT', available: true };
const ID_VALUE = 'nationalities.0.identifiers.0.value';
const LEAP = '2008-02-29';
// A minor request for someone 18 or over gets the adult rules; the reverse needs a parent.
const ADULT_BY_AGE = ['client_type', 'node_id', 'parent_id', 'title', 'email', 'aml'];
const MINOR_BY_AGE = ['client_type', 'parent_id'];
const type = (expected: string) => (client: SandboxClient) =>
  assert.equal(client.clientType, expected);

const badNinos = ['GB123456A', 'NK123456B', 'ZZ123456D', 'TN123456A', 'AB123456E', '12A34567'];

export const CASE_ROWS: { id: string; fault: string; inputs: Input[] }[] = [
  {
    id: 'C01',
    fault: 'NINOs never issued, TN, a bad suffix and TRNs are refused in both places',
    inputs: [
      ...badNinos.map((n) => no(n, adult({ national_insurance_no: n }), ['national_insurance_no'])),
      ...badNinos.map((n) => no(`identifier ${n}`, adult(ninoId(n)), [ID_VALUE])),
      yes('control AB123456C', adult({ national_insurance_no: 'AB123456C' }), (c) =>
        assert.equal(c.nationalInsuranceNo, 'AB123456C'),
      ),
    ],
  },
  {
    id: 'C03',
    fault: 'printed and lower-case NINOs reach Seccl and the CRM compact; other separators refused',
    inputs: [
      ...['ab 12 34 56 c', ' AB123456C ', 'Ab12 3456c'].map((n) =>
        yes(JSON.stringify(n), adult({ national_insurance_no: n, ...ninoId(n) }), (c, res) => {
          assert.equal(c.nationalInsuranceNo, 'AB123456C');
          assert.equal(c.nationalities?.[0]?.identifiers?.[0]?.value, 'AB123456C');
          assert.equal(res.body.plannr_account.national_insurance_no, 'AB123456C');
        }),
      ),
      no('AB/12/34/56/C', adult({ national_insurance_no: 'AB/12/34/56/C' }), [
        'national_insurance_no',
      ]),
    ],
  },
  {
    id: 'C04',
    fault: 'sort codes typed with spaces or dashes reach Seccl as 6 digits',
    inputs: [
      ...['10-88-00', '10 88 00', '10–88–00'].map((code) =>
        yes(code, bank(code), (c) => assert.equal(c.bankDetails?.sortCode, '108800')),
      ),
      no('10-88-0', bank('10-88-0'), ['bank_details.sort_code']),
      no('AB-12-34', bank('AB-12-34'), ['bank_details.sort_code']),
    ],
  },
  {
    id: 'C05',
    fault: 'account numbers: swapped fields, JSON numbers and 9 digits refused, zeros kept',
    inputs: [
      no('(a) swapped', bank('71435108', '400302'), [
        'bank_details.sort_code',
        'bank_details.account_number',
      ]),
      no('(b) JSON number', bank('108800', 733445), ['bank_details.account_number']),
      no('(d) 9 digits', bank('108800', '123456789'), ['bank_details.account_number']),
      yes('control "00733445"', bank('108800', '00733445'), (c) =>
        assert.equal(c.bankDetails?.accountNumber, '00733445'),
      ),
    ],
  },
  {
    id: 'C08',
    fault: 'postcodes without a space or in lower case reach Seccl normalised; others refused',
    inputs: [
      ...['po77yh', 'PO7  7YH', ' po7 7yh '].map((postcode) =>
        yes(JSON.stringify(postcode), adult({ postcode }), (c) =>
          assert.equal(c.addressDetail?.postCode, 'PO7 7YH'),
        ),
      ),
      no('PO!7 7YH', adult({ postcode: 'PO!7 7YH' }), ['postcode']),
    ],
  },
  {
    id: 'C09',
    fault: 'a sub-address and an internationalised domain reach Seccl unchanged',
    inputs: ['ciara.byrne+isa@example.co.uk', 'zoe@bücher.example'].map((email) =>
      yes(email, adult({ email }), (c) => assert.equal(c.email, email)),
    ),
  },
  {
    id: 'C11',
    fault: 'UK is refused in every code field; tax_domicile is GB only; gb reaches Seccl as GB',
    inputs: [
      no('nationality UK', adult({ nationality: 'UK' }), ['nationality']),
      no('tax_domicile UK', adult({ tax_domicile: 'UK' }), ['tax_domicile']),
      no('country UK', adult({ country: 'UK' }), ['country']),
      no(
        'nationalities code uk',
        adult({ nationalities: [{ code: 'uk', identifiers: [CONCAT] }] }),
        ['nationalities.0.code'],
      ),
      no('tax_domicile IE', adult({ tax_domicile: 'IE' }), ['tax_domicile']),
      yes('nationality gb', adult({ nationality: 'gb' }), (c) => assert.equal(c.nationality, 'GB')),
    ],
  },
  {
    id: 'C12',
    fault: 'Kosovo (XK) is accepted and forwarded',
    inputs: [
      yes(
        'XK with CONCAT',
        adult({ nationality: 'XK', nationalities: [{ code: 'XK', identifiers: [CONCAT] }] }),
        (c) => {
          assert.equal(c.nationality, 'XK');
          assert.deepEqual(c.nationalities, [{ code: 'XK', identifiers: [CONCAT] }]);
        },
      ),
    ],
  },
  {
    id: 'C14',
    fault: 'dates of birth: strict YYYY-MM-DD and a real calendar day',
    inputs: [
      ...['2023-02-29', '1987-02-30', '1987-05-15a', '19999-02-01', '15/05/1987', '1987-5-15'].map(
        (date) => no(date, adult({ date_of_birth: date }), ['date_of_birth']),
      ),
      yes('control 2004-02-29', adult({ date_of_birth: '2004-02-29' }), (c) =>
        assert.equal(c.dateOfBirth, '2004-02-29'),
      ),
    ],
  },
  {
    id: 'C15',
    fault: 'client type and age agree on the London date around the 18th birthday',
    inputs: [
      no('minor born 2008-03-10 is 18 today', minor({ date_of_birth: '2008-03-10' }), ADULT_BY_AGE),
      yes(
        'minor born 2008-03-11 is 17',
        minor({ date_of_birth: '2008-03-11' }),
        type('Individual Minor'),
      ),
      no('adult born 2008-03-11 is 17', adult({ date_of_birth: '2008-03-11' }), MINOR_BY_AGE),
      yes(
        'adult born 2008-03-10 is 18',
        adult({ date_of_birth: '2008-03-10' }),
        type('Individual'),
      ),
      no('adult born tomorrow', adult({ date_of_birth: '2026-03-11' }), ['date_of_birth']),
      no('minor born tomorrow', minor({ date_of_birth: '2026-03-11' }), ['date_of_birth']),
      yes(
        '29 Feb, on 28 Feb: a minor',
        minor({ date_of_birth: LEAP }),
        type('Individual Minor'),
        `2026-02-28${NOON_UTC}`,
      ),
      no(
        '29 Feb, on 28 Feb: not an adult',
        adult({ date_of_birth: LEAP }),
        MINOR_BY_AGE,
        `2026-02-28${NOON_UTC}`,
      ),
      yes(
        '29 Feb, on 1 Mar: an adult',
        adult({ date_of_birth: LEAP }),
        type('Individual'),
        `2026-03-01${NOON_UTC}`,
      ),
      no(
        '29 Feb, on 1 Mar: not a minor',
        minor({ date_of_birth: LEAP }),
        ADULT_BY_AGE,
        `2026-03-01${NOON_UTC}`,
      ),
      // 23:30 UTC on 9 July is 00:30 on 10 July in London (BST): the 18th birthday has come.
      yes(
        'London date, not UTC',
        adult({ date_of_birth: '2008-07-10' }),
        type('Individual'),
        '2026-07-09T23:30:00Z',
      ),
    ],
  },
  {
    id: 'C16',
    fault: 'conditional rules read JSON booleans, 0 and 1 the Laravel way',
    inputs: [
      no('(a) mandate true, no bank_details', adult({ requires_debit_mandate: true }), [
        'bank_details',
      ]),
      yes('(b) mandate false, no bank_details', adult({ requires_debit_mandate: false }), (c) =>
        assert.equal(c.requiresDebitMandate, false),
      ),
      no('(c) mandate "true"', adult({ requires_debit_mandate: 'true' }), [
        'requires_debit_mandate',
      ]),
      no(
        '(d) available 0 with a value',
        adult(withIds({ name: 'NINO', available: 0, value: 'AB123456C' }, CONCAT)),
        [ID_VALUE],
      ),
      no('(e) available 1 without a value', adult(withIds({ name: 'NINO', available: 1 })), [
        ID_VALUE,
      ]),
    ],
  },
  {
    id: 'C17',
    fault: 'CONCAT and unavailable identifiers carry no value key at all',
    inputs: [
      no('(a) home-made CONCAT', adult(withIds({ ...CONCAT, value: '19870515GARETTHOMP' })), [
        ID_VALUE,
      ]),
      no(
        '(b) unavailable NINO with a value',
        adult(withIds({ name: 'NINO', available: false, value: 'AB123456C' }, CONCAT)),
        [ID_VALUE],
      ),
      no('(c) CONCAT value ""', adult(withIds({ ...CONCAT, value: '' })), [ID_VALUE]),
      no('(d) CONCAT value null', adult(withIds({ ...CONCAT, value: null })), [ID_VALUE]),
      yes('(e) CONCAT without value', adult(withIds(CONCAT)), (c) =>
        assert.deepEqual(c.nationalities?.[0]?.identifiers, [CONCAT]),
      ),
    ],
  },
  {
    id: 'C18',
    fault: 'the "exactly one" nationality rules run at list level, and codes are distinct',
    inputs: [
      no('(a) no identifiers key', adult({ nationalities: [{ code: 'GB' }] }), ['nationalities']),
      no('(b) empty identifiers', adult({ nationalities: [{ code: 'GB', identifiers: [] }] }), [
        'nationalities',
      ]),
      no(
        '(c) two entries with identifiers',
        adult({
          nationalities: [
            { code: 'GB', identifiers: [CONCAT] },
            { code: 'FR', identifiers: [CONCAT] },
          ],
        }),
        ['nationalities'],
      ),
      no(
        '(d) two available',
        adult(withIds({ name: 'NINO', available: true, value: 'AB123456C' }, CONCAT)),
        ['nationalities.0.identifiers'],
      ),
      no(
        '(e) none available',
        adult(withIds({ name: 'NINO', available: false }, { ...CONCAT, available: false })),
        ['nationalities.0.identifiers'],
      ),
      no(
        '(f) GB twice',
        adult({ nationalities: [{ code: 'GB', identifiers: [CONCAT] }, { code: 'GB' }] }),
        ['nationalities'],
      ),
    ],
  },
  {
    id: 'C20',
    fault: 'empty strings and nulls count as missing, and never reach Seccl',
    inputs: [
      ...['', '   ', null].map((email) =>
        no(`adult email ${JSON.stringify(email)}`, adult({ email }), ['email']),
      ),
      yes('minor without email', minor(), (c) => assert.equal(Object.hasOwn(c, 'email'), false)),
      yes(
        'empty address parts',
        adult({ address_2: '', flat_number: null, address_1: '2 Mill Lane' }),
        (c) => assert.deepEqual(c.addressDetail, { address1: '2 Mill Lane' }),
      ),
      no(
        'bank_details null with a mandate',
        adult({ requires_debit_mandate: true, bank_details: null }),
        ['bank_details'],
      ),
    ],
  },
  {
    id: 'C25',
    fault: 'real names reach Seccl and the CRM unchanged apart from NFC',
    inputs: [
      ...["O'Neill", 'O’Neill', 'Smith-Jones', 'van der Berg', 'Ó Briain'].map((surname) =>
        yes(surname, adult({ surname }), (c, res) => {
          assert.equal(c.surname, surname);
          assert.equal(res.body.plannr_account.surname, surname);
        }),
      ),
      ...['Zoë', 'José', 'J', 'Zoe\u0308'].map((name) =>
        yes(JSON.stringify(name), adult({ first_name: name }), (c, res) => {
          assert.equal(c.firstName, name.normalize('NFC'));
          assert.equal(res.body.plannr_account.first_name, name.normalize('NFC'));
        }),
      ),
    ],
  },
  {
    id: 'C26',
    fault: 'identifiers may sit on any nationality; a GB national may have CONCAT, not a NINO',
    inputs: [
      yes(
        '(a) identifiers on FR',
        adult({ nationalities: [{ code: 'GB' }, { code: 'FR', identifiers: [CONCAT] }] }),
        (c) =>
          assert.deepEqual(c.nationalities, [
            { code: 'GB' },
            { code: 'FR', identifiers: [CONCAT] },
          ]),
      ),
      yes('(b) GB with no NINO', adult(withIds({ name: 'NINO', available: false }, CONCAT)), (c) =>
        assert.deepEqual(c.nationalities?.[0]?.identifiers, [
          { name: 'NINO', available: false },
          CONCAT,
        ]),
      ),
    ],
  },
];
