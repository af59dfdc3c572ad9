/**
 * One test group per row of `shared/cases/README.md`, at the level of the body rules (and, where
 * the row says what reaches the platform, the Seccl mapping). `test/cases.test.ts` runs every
 * row again through the real route; C22 and C23 are about HTTP, so only their validator-level
 * parts are here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { londonDate } from '../rules/index.js';
import type { ClientRequest } from './client-request.js';
import { accepts, adult, assertKeys, minor, withIdentifiers } from './client-request.testing.js';
import { fromSecclFieldErrors } from './field-errors.js';
import { toSecclCreateBody } from './seccl-mapping.js';

type Body = Record<string, unknown>;

/** One input of a row: either the exact error keys, or what the accepted request holds. */
type Input =
  | { label: string; body: Body; today?: string; keys: string[] }
  | { label: string; body: Body; today?: string; value: (req: ClientRequest) => void };

interface Row {
  id: string;
  fault: string;
  inputs: Input[];
}

/** An input refused on exactly `keys`. */
const no = (label: string, body: Body, keys: string[], today?: string): Input => ({
  label,
  body,
  keys,
  today,
});

/** An input accepted, whose request (or Seccl body) `value` asserts on. */
const yes = (label: string, body: Body, value: (req: ClientRequest) => void, today?: string) =>
  ({ label, body, value, today }) as Input;

const seccl = (req: ClientRequest) => toSecclCreateBody(req, { firmId: 'PKINV' });
const ninoId = (value: unknown) => withIdentifiers({ name: 'NINO', available: true, value });
const ID_VALUE = 'nationalities.0.identifiers.0.value';
const ACCOUNT = 'bank_details.account_number';
const CONCAT = { name: 'CONCAT', available: true };
const LEAP = '2008-02-29';
const TWO = [{ code: 'GB' }, { code: 'FR', identifiers: [CONCAT] }];
// A minor request for someone 18 or over: client_type is refused and the adult rules apply (the
// minor body has a parent_id and none of the adult keys). The reverse needs a parent_id.
const ADULT_TYPE = ['client_type', 'node_id', 'parent_id', 'title', 'email', 'aml'];
const MINOR_TYPE = ['client_type', 'parent_id'];
const isAdult = (req: ClientRequest) => assert.equal(req.clientType, 'Individual');
const isMinor = (req: ClientRequest) => assert.equal(req.clientType, 'Individual Minor');
const bank = (sort_code: unknown, account_number: unknown = '00733445') =>
  adult({ bank_details: { sort_code, account_number } });

const badNinos = ['GB123456A', 'NK123456B', 'ZZ123456D', 'TN123456A', 'AB123456E', '12A34567'];
const goodNinos = ['ab 12 34 56 c', ' AB123456C ', 'Ab12 3456c'];

const rows: Row[] = [
  {
    id: 'C01',
    fault: 'NINO prefixes never issued, TN, bad suffix and TRNs are refused in both places',
    inputs: [
      ...badNinos.map((n) => no(n, adult({ national_insurance_no: n }), ['national_insurance_no'])),
      ...badNinos.map((n) => no(`identifier ${n}`, adult(ninoId(n)), [ID_VALUE])),
      yes(
        'control AB123456C',
        adult({ national_insurance_no: 'AB123456C', ...ninoId('AB123456C') }),
        (req) => assert.equal(req.nationalInsuranceNo, 'AB123456C'),
      ),
    ],
  },
  {
    id: 'C03',
    fault: 'printed and lower-case NINOs are normalised before any call; other separators refused',
    inputs: [
      ...goodNinos.map((n) =>
        yes(JSON.stringify(n), adult({ national_insurance_no: n, ...ninoId(n) }), (req) => {
          assert.equal(seccl(req).nationalInsuranceNo, 'AB123456C');
          assert.equal(seccl(req).nationalities?.[0]?.identifiers?.[0]?.value, 'AB123456C');
        }),
      ),
      no('AB/12/34/56/C', adult({ national_insurance_no: 'AB/12/34/56/C' }), [
        'national_insurance_no',
      ]),
      no('identifier AB/12/34/56/C', adult(ninoId('AB/12/34/56/C')), [ID_VALUE]),
    ],
  },
  {
    id: 'C04',
    fault: 'sort codes typed with spaces or dashes reach the platform as 6 digits',
    inputs: [
      ...['10-88-00', '10 88 00', '10–88–00'].map((code) =>
        yes(code, bank(code), (req) => assert.equal(seccl(req).bankDetails?.sortCode, '108800')),
      ),
      no('10-88-0', bank('10-88-0'), ['bank_details.sort_code']),
      no('AB-12-34', bank('AB-12-34'), ['bank_details.sort_code']),
    ],
  },
  {
    id: 'C05',
    fault: 'account numbers: swapped fields, JSON numbers and 9 digits are refused, zeros kept',
    inputs: [
      no('(a) swapped', bank('71435108', '400302'), ['bank_details.sort_code', ACCOUNT]),
      no('(b) JSON number', bank('108800', 733445), [ACCOUNT]),
      no('(d) 9 digits', bank('108800', '123456789'), [ACCOUNT]),
      yes('control "00733445"', bank('108800', '00733445'), (req) =>
        assert.equal(seccl(req).bankDetails?.accountNumber, '00733445'),
      ),
    ],
  },
  {
    id: 'C08',
    fault: 'postcodes without a space or in lower case are normalised; other characters refused',
    inputs: [
      ...['po77yh', 'PO7  7YH', ' po7 7yh '].map((postcode) =>
        yes(JSON.stringify(postcode), adult({ postcode }), (req) =>
          assert.equal(seccl(req).addressDetail?.postCode, 'PO7 7YH'),
        ),
      ),
      no('PO!7 7YH', adult({ postcode: 'PO!7 7YH' }), ['postcode']),
    ],
  },
  {
    id: 'C09',
    fault: 'sub-addresses and internationalised domains pass unchanged',
    inputs: ['ciara.byrne+isa@example.co.uk', 'zoe@bücher.example'].map((email) =>
      yes(email, adult({ email }), (req) => assert.equal(seccl(req).email, email)),
    ),
  },
  {
    id: 'C11',
    fault: 'UK is refused in every code field; tax_domicile is GB only; lower case is normalised',
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
      yes('nationality gb', adult({ nationality: 'gb' }), (req) =>
        assert.equal(seccl(req).nationality, 'GB'),
      ),
    ],
  },
  {
    id: 'C12',
    fault: 'Kosovo (XK) is accepted and forwarded',
    inputs: [
      yes(
        'XK with CONCAT',
        adult({ nationality: 'XK', nationalities: [{ code: 'XK', identifiers: [CONCAT] }] }),
        (req) => {
          assert.equal(seccl(req).nationality, 'XK');
          assert.deepEqual(seccl(req).nationalities, [{ code: 'XK', identifiers: [CONCAT] }]);
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
      yes('control 2004-02-29', adult({ date_of_birth: '2004-02-29' }), (req) =>
        assert.equal(seccl(req).dateOfBirth, '2004-02-29'),
      ),
    ],
  },
  {
    id: 'C15',
    fault: 'client type and age agree on the London date around the 18th birthday',
    inputs: [
      no('minor born 2008-03-10 is 18 today', minor({ date_of_birth: '2008-03-10' }), ADULT_TYPE),
      yes('minor born 2008-03-11 is 17', minor({ date_of_birth: '2008-03-11' }), isMinor),
      no('adult born 2008-03-11 is 17', adult({ date_of_birth: '2008-03-11' }), MINOR_TYPE),
      yes('adult born 2008-03-10 is 18', adult({ date_of_birth: '2008-03-10' }), isAdult),
      no('born tomorrow (adult)', adult({ date_of_birth: '2026-03-11' }), ['date_of_birth']),
      no('born tomorrow (minor)', minor({ date_of_birth: '2026-03-11' }), ['date_of_birth']),
      yes(
        '29 Feb, on 28 Feb: still a minor',
        minor({ date_of_birth: LEAP }),
        isMinor,
        '2026-02-28',
      ),
      no(
        '29 Feb, on 28 Feb: not yet an adult',
        adult({ date_of_birth: LEAP }),
        MINOR_TYPE,
        '2026-02-28',
      ),
      yes('29 Feb, on 1 Mar: an adult', adult({ date_of_birth: LEAP }), isAdult, '2026-03-01'),
      no(
        '29 Feb, on 1 Mar: no longer a minor',
        minor({ date_of_birth: LEAP }),
        ADULT_TYPE,
        '2026-03-01',
      ),
      // 23:30 UTC on 9 July is already 10 July in London (BST): the 18th birthday has come.
      yes(
        'London date, not UTC',
        adult({ date_of_birth: '2008-07-10' }),
        isAdult,
        londonDate(new Date('2026-07-09T23:30:00Z')),
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
      yes('(b) mandate false, no bank_details', adult({ requires_debit_mandate: false }), (req) =>
        assert.equal(req.requiresDebitMandate, false),
      ),
      no('(c) mandate "true"', adult({ requires_debit_mandate: 'true' }), [
        'requires_debit_mandate',
      ]),
      no(
        '(d) available 0 with a value',
        adult(withIdentifiers({ name: 'NINO', available: 0, value: 'AB123456C' }, CONCAT)),
        [ID_VALUE],
      ),
      no(
        '(e) available 1 without a value',
        adult(withIdentifiers({ name: 'NINO', available: 1 })),
        [ID_VALUE],
      ),
    ],
  },
  {
    id: 'C17',
    fault: 'CONCAT and unavailable identifiers carry no value key at all',
    inputs: [
      no(
        '(a) home-made CONCAT',
        adult(withIdentifiers({ ...CONCAT, value: '19870515GARETTHOMP' })),
        [ID_VALUE],
      ),
      no(
        '(b) unavailable NINO with a value',
        adult(withIdentifiers({ name: 'NINO', available: false, value: 'AB123456C' }, CONCAT)),
        [ID_VALUE],
      ),
      no('(c) CONCAT value ""', adult(withIdentifiers({ ...CONCAT, value: '' })), [ID_VALUE]),
      no('(d) CONCAT value null', adult(withIdentifiers({ ...CONCAT, value: null })), [ID_VALUE]),
      yes('(e) CONCAT without value', adult(withIdentifiers(CONCAT)), (req) =>
        assert.deepEqual(seccl(req).nationalities?.[0]?.identifiers, [CONCAT]),
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
        adult(withIdentifiers({ name: 'NINO', available: true, value: 'AB123456C' }, CONCAT)),
        ['nationalities.0.identifiers'],
      ),
      no(
        '(e) none available',
        adult(withIdentifiers({ name: 'NINO', available: false }, { ...CONCAT, available: false })),
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
    fault: 'empty strings and nulls count as missing, for required and optional keys alike',
    inputs: [
      ...['', '   ', null].map((email) =>
        no(`adult email ${JSON.stringify(email)}`, adult({ email }), ['email']),
      ),
      yes('minor without email', minor(), (req) => assert.equal(req.email, undefined)),
      yes(
        'empty address parts',
        adult({ address_2: '', flat_number: null, address_1: '2 Mill Lane' }),
        (req) => assert.deepEqual(seccl(req).addressDetail, { address1: '2 Mill Lane' }),
      ),
      no(
        'bank_details null with a mandate',
        adult({ requires_debit_mandate: true, bank_details: null }),
        ['bank_details'],
      ),
    ],
  },
  {
    id: 'C22',
    fault:
      '(validator part) a body that is not an object is one error, not a wall of missing fields',
    inputs: [no('a list', [adult()] as unknown as Body, ['body'])],
  },
  {
    id: 'C25',
    fault: 'real names pass unchanged apart from NFC',
    inputs: [
      ...["O'Neill", 'O’Neill', 'Smith-Jones', 'van der Berg', 'Ó Briain'].map((surname) =>
        yes(surname, adult({ surname }), (req) => assert.equal(seccl(req).surname, surname)),
      ),
      ...['Zoë', 'José', 'J', 'Zoe\u0308'].map((name) =>
        yes(name, adult({ first_name: name }), (req) =>
          assert.equal(seccl(req).firstName, name.normalize('NFC')),
        ),
      ),
    ],
  },
  {
    id: 'C26',
    fault:
      'identifiers may sit on any nationality; a GB national may have CONCAT instead of a NINO',
    inputs: [
      yes('(a) identifiers on FR', adult({ nationality: 'GB', nationalities: TWO }), (req) =>
        assert.deepEqual(seccl(req).nationalities, TWO),
      ),
      yes(
        '(b) GB with no NINO',
        adult(withIdentifiers({ name: 'NINO', available: false }, CONCAT)),
        (req) =>
          assert.deepEqual(seccl(req).nationalities?.[0]?.identifiers, [
            { name: 'NINO', available: false },
            CONCAT,
          ]),
      ),
    ],
  },
];

for (const row of rows) {
  describe(`${row.id} ${row.fault}`, () => {
    for (const input of row.inputs) {
      it(`${row.id} ${input.label}`, () => {
        if ('keys' in input) assertKeys(input.body, input.keys, input.today);
        else input.value(accepts(input.body, input.today));
      });
    }
  });
}

describe('C09 C12 a platform refusal of a field is a 422 on that field', () => {
  it('C09 keeps the platform reason for email', () => {
    const errors = fromSecclFieldErrors([
      { fieldName: 'email', errorMessage: 'Domain not accepted' },
    ]);
    assert.deepEqual(errors, {
      email: ['The email field was refused by the platform: Domain not accepted.'],
    });
  });

  it('C12 puts a refused XK on the key it came from', () => {
    const errors = fromSecclFieldErrors([
      { fieldName: 'nationality', errorMessage: 'Unknown country' },
      { fieldName: 'nationalities[0].code', errorMessage: 'Unknown country' },
    ]);
    assert.deepEqual(Object.keys(errors), ['nationality', 'nationalities.0.code']);
  });
});

describe('C23 (validator part) the same body always gives the same request', () => {
  it('C23 same keys in another order give an equal request; another email does not', () => {
    const body = adult({ date_of_birth: '1980-01-01', postcode: 'po77yh' });
    const reversed = Object.fromEntries(Object.entries(body).reverse());
    assert.deepEqual(accepts(reversed), accepts(body));
    assert.notDeepEqual(accepts({ ...body, email: 'other@example.com' }), accepts(body));
  });
});

describe('C05 (c) (parser part) leading zeros in a JSON number', () => {
  it('C05 are refused by the JSON parser, so the route answers 400 before any rule runs', () => {
    assert.throws(() => JSON.parse('{"account_number": 00733445}'), SyntaxError);
  });
});
