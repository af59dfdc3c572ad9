import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readExample } from './client-request.examples.js';
import { CLIENT_REQUEST_FIELDS } from './client-request.rules.js';
import { accepts } from './client-request.testing.js';
import { fromSecclFieldErrors, requestKeyOf, SECCL_FIELD_TO_REQUEST_KEY } from './field-errors.js';
import { toSecclCreateBody } from './seccl-mapping.js';

/** Every key path of a value, list indexes written as `*`. */
function paths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const path = `${prefix}${Array.isArray(value) ? '*' : key}`;
    return [path, ...paths(v, `${path}.`)];
  });
}

/** Fields the product itself sets; an error on one is not the caller's to fix. */
const PRODUCT_SET = ['firmId', 'termsAccepted', 'currency', 'language'];

function emittedFields(): string[] {
  const ctx = { firmId: 'PKINV', parentSecclId: '00DDB94' };
  const adult = toSecclCreateBody(accepts(readExample('adult-client')), ctx);
  const minor = toSecclCreateBody(accepts(readExample('minor-by-seccl-id')), ctx);
  const all = new Set([...paths(adult), ...paths(minor)]);
  return [...all].filter((path) => !PRODUCT_SET.includes(path)).sort();
}

describe('the Seccl field table', () => {
  it('has an entry for every field the create body can carry, and no other', () => {
    assert.deepEqual(emittedFields(), Object.keys(SECCL_FIELD_TO_REQUEST_KEY).sort());
  });

  it('maps every entry to a key the request rules know', () => {
    const known = new Set(CLIENT_REQUEST_FIELDS.map((f) => f.path));
    const unknown = Object.values(SECCL_FIELD_TO_REQUEST_KEY).filter((key) => !known.has(key));
    assert.deepEqual(unknown, []);
  });
});

describe('requestKeyOf', () => {
  it('reads bracket and dotted indexes alike and keeps them', () => {
    const cases: [string, string][] = [
      ['firstName', 'first_name'],
      ['addressDetail.postCode', 'postcode'],
      ['bankDetails.sortCode', 'bank_details.sort_code'],
      ['nationalities[0].identifiers[1].value', 'nationalities.0.identifiers.1.value'],
      ['nationalities.0.identifiers.1.value', 'nationalities.0.identifiers.1.value'],
      ['employers[0].addressDetail.postCode', 'employers.0.address_detail.post_code'],
      ['amlData', 'aml'],
      ['nodeId', 'node_id'],
      ['nodeId[0]', 'node_id'],
      ['parentId', 'parent_id'],
      ['vulnerability.reason[2]', 'vulnerability.reason.2'],
      [' nationalities[ 1 ].code ', 'nationalities.1.code'],
    ];
    for (const [seccl, key] of cases) assert.equal(requestKeyOf(seccl), key, seccl);
  });

  it('knows nothing of fields outside the table', () => {
    for (const name of ['firmId', 'mobile.number', 'nationalities.x.code', '']) {
      assert.equal(requestKeyOf(name), undefined, name);
    }
  });
});

describe('fromSecclFieldErrors', () => {
  it("names the caller's key and rewords Seccl's own names", () => {
    const errors = fromSecclFieldErrors([
      { fieldName: 'addressDetail.postCode', errorMessage: 'addressDetail.postCode is not valid' },
      {
        fieldName: 'employers[0].bankDetails.sortCode',
        errorMessage: 'sortCode must be 6 digits.',
      },
      { fieldName: 'nationalities[0].code', errorMessage: 'nationalities[0].code is unknown' },
    ]);
    assert.deepEqual(errors, {
      postcode: ['The postcode field was refused by the platform: postcode is not valid.'],
      'employers.0.bank_details.sort_code': [
        'The employers.0.bank details.sort code field was refused by the platform: sort code must be 6 digits.',
      ],
      'nationalities.0.code': [
        'The nationalities.0.code field was refused by the platform: nationalities.0.code is unknown.',
      ],
    });
  });

  it('keeps several errors on one key', () => {
    const errors = fromSecclFieldErrors([
      { fieldName: 'email', errorMessage: 'Email already in use' },
      { fieldName: 'email', type: 'format', errorMessage: '' },
    ]);
    assert.deepEqual(errors, {
      email: [
        'The email field was refused by the platform: Email already in use.',
        'The email field was refused by the platform.',
      ],
    });
  });

  it("falls back to Seccl's path in snake_case, or client when there is none", () => {
    const errors = fromSecclFieldErrors([
      { fieldName: 'mobile.isMobile', errorMessage: 'isMobile is required' },
      { fieldName: '', errorMessage: 'Client is incomplete' },
    ]);
    assert.deepEqual(errors, {
      'mobile.is_mobile': [
        'The mobile.is mobile field was refused by the platform: is mobile is required.',
      ],
      client: ['The client field was refused by the platform: Client is incomplete.'],
    });
  });
});

describe('fromSecclFieldErrors on a malformed answer', () => {
  it('does not throw when Seccl leaves out the name or the message', () => {
    const odd = [{ errorMessage: 'Something is wrong' }, { fieldName: 'email' }] as never[];
    assert.deepEqual(fromSecclFieldErrors(odd), {
      client: ['The client field was refused by the platform: Something is wrong.'],
      email: ['The email field was refused by the platform.'],
    });
  });
});
