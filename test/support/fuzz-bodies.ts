/**
 * Generated request bodies for the property test of the create route: valid adults and minors
 * (invented people), then up to three mutations each (a key dropped, a value or a nested value
 * replaced by junk of any JSON type, an unknown key, the whole body replaced) and, now and then,
 * the JSON text itself broken. Placeholders stand for what only the running test knows.
 */
import fc from 'fast-check';

/** Becomes a new email address when sent, so Seccl sees a new client. */
export const FRESH_EMAIL = '<fresh email>';
/** Becomes the Seccl id of an adult the test onboarded first. */
export const PARENT_ID = '<parent id>';

export type Mutation =
  | { kind: 'drop'; index: number }
  | { kind: 'set'; key: string; value: unknown }
  | { kind: 'nested'; path: (string | number)[]; value: unknown }
  | { kind: 'whole'; value: unknown };

/** How the JSON text is broken after serialising, if at all. */
export type Breakage = { kind: 'cut'; at: number } | { kind: 'insert'; at: number; text: string };

export interface FuzzInput {
  body: unknown;
  mutations: Mutation[];
  breakage: Breakage | null;
  idempotencyKey: string | null;
}

const TITLES = ['Dr', 'Professor', 'Mrs', 'Miss', 'Mr', 'Ms', 'Mx'];
const FIRST_NAMES = ['Ciara', 'Zoë', 'José', 'J', 'Aoife', 'Tomasz', 'Priya'];
const SURNAMES = ["O'Neill", 'O’Neill', 'Smith-Jones', 'van der Berg', 'Ó Briain', 'Nowak'];
const NINOS = ['AB123456C', 'ab 12 34 56 c', 'JG103759A', ' CE123456D '];
const COUNTRIES = ['GB', 'FR', 'IE', 'PL', 'XK', 'gb'];
const POSTCODES = ['PO1 2AB', 'po77yh', 'SW1A 1AA', ' so14 3tj '];
const CONCAT = { name: 'CONCAT', available: true };

const date = (from: number, to: number) =>
  fc
    .tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 12 }), fc.nat(27))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d + 1).padStart(2, '0')}`);

/** `nationality` and a `nationalities` list that passes the four nationality rules. */
const nationality = fc.constantFrom(...COUNTRIES).chain((code) =>
  fc.record(
    {
      nationality: fc.constant(code),
      nationalities: fc.oneof(
        fc.constant([{ code, identifiers: [CONCAT] }]),
        fc
          .constantFrom(...NINOS)
          .map((value) => [
            { code, identifiers: [{ name: 'NINO', available: true, value }] },
            { code: code.toUpperCase() === 'FR' ? 'IE' : 'FR' },
          ]),
      ),
    },
    { requiredKeys: ['nationality'] },
  ),
);

const optional = {
  national_insurance_no: fc.constantFrom(...NINOS),
  building_number: fc.constantFrom('14', '3a'),
  address_1: fc.constantFrom('Quay Street', 'Dock Road'),
  country: fc.constant('GB'),
  postcode: fc.constantFrom(...POSTCODES),
  tax_domicile: fc.constantFrom('GB', 'gb'),
  marital_status: fc.constantFrom('Single', 'Married', 'Divorced', 'Widowed'),
  retirement_age: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom('65', '67')),
  vulnerability: fc.oneof(
    fc.constant({ is_vulnerable: false }),
    fc.constant({ is_vulnerable: true, reason: ['Health', 'LIFE_EVENT'], is_support_temporary: 0 }),
  ),
  bank_details: fc.record({
    sort_code: fc.constantFrom('10-88-00', '108800', '10 88 00'),
    account_number: fc.constantFrom('00733445', '12345678'),
  }),
  employment_status: fc.constantFrom('Employed', 'Retired', 'Self Employed', 'Other'),
  employers: fc.constant([
    { company_name: 'Solent Marine Ltd', address_detail: { country: 'GB', post_code: 'SO14 3TJ' } },
  ]),
};

const adult = fc
  .tuple(
    fc.record(
      {
        client_type: fc.constantFrom('Individual', 'INDIVIDUAL'),
        node_id: fc.constant('1'),
        title: fc.constantFrom(...TITLES),
        first_name: fc.constantFrom(...FIRST_NAMES),
        surname: fc.constantFrom(...SURNAMES),
        email: fc.constant(FRESH_EMAIL),
        date_of_birth: date(1930, 2004),
        aml: fc.constantFrom(true, 1, '1', 'true', 'yes', 'on'),
        ...optional,
      },
      {
        requiredKeys: ['client_type', 'node_id', 'title', 'first_name', 'surname', 'email', 'aml'],
      },
    ),
    nationality,
  )
  .map(([body, codes]) => ({ ...body, ...codes }));

const minor = fc
  .tuple(
    fc.record(
      {
        client_type: fc.constantFrom('Individual Minor', 'INDIVIDUAL_MINOR'),
        parent_id: fc.constant(PARENT_ID),
        first_name: fc.constantFrom(...FIRST_NAMES),
        surname: fc.constantFrom(...SURNAMES),
        date_of_birth: date(2010, 2020),
        postcode: fc.constantFrom(...POSTCODES),
      },
      { requiredKeys: ['client_type', 'parent_id', 'first_name', 'surname'] },
    ),
    nationality,
  )
  .map(([body, codes]) => ({ ...body, ...codes }));

const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

/** Any JSON value, weighted towards what breaks validators. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.constantFrom(101, 300, 5_000, 70_000).map((n) => 'x'.repeat(n)),
  fc.constantFrom('', '   ', null, 0, 1, -1, '0', '1', 'true', 'false', 1e308, 65.5, 733445),
  fc.constantFrom('UK', 'gb', 'XK', 'ZZ123456D', '10-88-0', '2023-02-29', 'ZZZZZZ9'),
  fc.constantFrom('6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b', '\u0000', '\ud800', 'a\nb'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  // Deeper lists than this overflow the test's own JSON.stringify; test/body.test.ts sends
  // 30000 levels as text.
  fc.constantFrom(100, 2_000).map(nested),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 6 }),
);

/** The request's keys, so mutations hit them as often as unknown ones. */
const KEYS = [
  ...['client_type', 'node_id', 'parent_id', 'title', 'first_name', 'surname', 'email'],
  ...['nationality', 'nationalities', 'national_insurance_no', 'date_of_birth', 'flat_number'],
  ...['building_name', 'building_number', 'address_1', 'address_2', 'country', 'postcode'],
  ...['account_uuid', 'tax_domicile', 'marital_status', 'retirement_age', 'vulnerability'],
  ...['bank_details', 'requires_debit_mandate', 'employment_status', 'employers', 'aml'],
];

const PATHS: (string | number)[][] = [
  ['nationalities', 0],
  ['nationalities', 0, 'code'],
  ['nationalities', 0, 'identifiers'],
  ['nationalities', 0, 'identifiers', 0],
  ['nationalities', 0, 'identifiers', 0, 'name'],
  ['nationalities', 0, 'identifiers', 0, 'available'],
  ['nationalities', 0, 'identifiers', 0, 'value'],
  ['nationalities', 1],
  ['vulnerability', 'is_vulnerable'],
  ['vulnerability', 'reason'],
  ['vulnerability', 'reason', 0],
  ['bank_details', 'sort_code'],
  ['bank_details', 'account_number'],
  ['employers', 0],
  ['employers', 0, 'company_name'],
  ['employers', 0, 'company_reg_no'],
  ['employers', 0, 'address_detail'],
  ['employers', 0, 'address_detail', 'post_code'],
  ['employers', 0, 'bank_details'],
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('drop' as const), index: fc.nat(40) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 })),
      value: junk,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('nested' as const),
      path: fc.constantFrom(...PATHS),
      value: junk,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: junk }) },
);

const breakage: fc.Arbitrary<Breakage> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom('{', '"', ',', '\\', '}', ']', '0', ' 00', 'NaN'),
  }),
);

/** `arbitrary` once in `every` draws, else null. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

/** A valid body and what is done to it; the mutations are applied by {@link mutate}. */
export const fuzzInput: fc.Arbitrary<FuzzInput> = fc.record({
  body: fc.oneof({ weight: 4, arbitrary: adult }, { weight: 1, arbitrary: minor }),
  mutations: fc.array(mutation, { maxLength: 3 }),
  breakage: sometimes(breakage, 12),
  // Printable ASCII only: fetch itself refuses other bytes in a header.
  idempotencyKey: sometimes(
    fc.oneof(fc.uuid(), fc.string({ unit: printable, maxLength: 300 })),
    10,
  ),
});

const isObject = (value: unknown): value is Record<string | number, unknown> =>
  typeof value === 'object' && value !== null;

/** The body the input describes: the valid body with its mutations applied, in order. */
export function mutate(input: FuzzInput): unknown {
  let body: unknown = structuredClone(input.body);
  for (const change of input.mutations) {
    if (change.kind === 'whole') body = change.value;
    if (!isObject(body)) continue;
    if (change.kind === 'drop') {
      const keys = Object.keys(body);
      if (keys.length > 0) delete body[keys[change.index % keys.length]!];
    } else if (change.kind === 'set') {
      body[change.key] = change.value;
    } else if (change.kind === 'nested') {
      setPath(body, change.path, change.value);
    }
  }
  return body;
}

function setPath(
  root: Record<string | number, unknown>,
  path: (string | number)[],
  value: unknown,
) {
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (!isObject(node[key])) node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path.at(-1)!] = value;
}

/** The JSON text with the input's breakage, if any. */
export function breakText(text: string, breakage: Breakage | null): string {
  if (breakage === null) return text;
  const at = breakage.at % (text.length + 1);
  if (breakage.kind === 'cut') return text.slice(0, at);
  return `${text.slice(0, at)}${breakage.text}${text.slice(at)}`;
}

/**
 * The shape of a value with every personal value left out: types, string lengths and keys, so
 * a failure can be reported without printing what was sent.
 */
export function shapeOf(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return `string(${value.length})`;
  if (value === null || typeof value !== 'object') return value === null ? 'null' : typeof value;
  if (depth >= 6) return Array.isArray(value) ? 'array(…)' : 'object(…)';
  if (Array.isArray(value)) return value.slice(0, 5).map((item) => shapeOf(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .slice(0, 40)
      .map(([key, item]) => [
        key.length > 40 ? `key(${key.length})` : key,
        shapeOf(item, depth + 1),
      ]),
  );
}
