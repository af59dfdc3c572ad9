import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  accepts,
  adult,
  assertError,
  assertKeys,
  minor,
  refuses,
  withIdentifiers,
} from './client-request.testing.js';

const nino = (extra: Record<string, unknown> = {}) => ({
  name: 'NINO',
  available: true,
  value: 'AB123456C',
  ...extra,
});
const concat = { name: 'CONCAT', available: true };

describe('nationalities', () => {
  it('is optional: absent, null and an empty list are all left out', () => {
    for (const nationalities of [undefined, null, []]) {
      assert.equal(accepts(adult({ nationalities })).nationalities, undefined);
    }
  });

  it('must be a list of objects with a code', () => {
    assertError(
      adult({ nationalities: 'GB' }),
      'nationalities',
      'The nationalities field must be an array.',
    );
    const errors = refuses(adult({ nationalities: ['GB', { identifiers: [concat] }] }));
    assert.deepEqual(errors['nationalities.0'], ['The nationalities.0 field must be an object.']);
    assert.deepEqual(errors['nationalities.1.code'], [
      'The nationalities.1.code field is required.',
    ]);
  });

  it('normalises codes and identifier names', () => {
    const value = accepts(
      adult({
        nationality: 'gb',
        ...withIdentifiers({ name: 'nino', available: '1', value: 'ab123456c' }),
      }),
    );
    assert.deepEqual(value.nationalities, [
      { code: 'GB', identifiers: [{ name: 'NINO', available: true, value: 'AB123456C' }] },
    ]);
  });

  it('wants the primary nationality among the codes', () => {
    const body = adult({ nationality: 'FR', ...withIdentifiers(concat) });
    assertError(
      body,
      'nationalities',
      'The nationalities field must include an item whose code is the nationality.',
    );
  });

  it('checks each identifier: an object with a name and a boolean available', () => {
    const errors = refuses(
      adult(withIdentifiers('NINO', { available: true, value: 'X' }, { name: 'TIN' })),
    );
    assert.deepEqual(errors, {
      'nationalities.0.identifiers.0': [
        'The nationalities.0.identifiers.0 field must be an object.',
      ],
      'nationalities.0.identifiers.1.name': [
        'The nationalities.0.identifiers.1.name field is required.',
      ],
      'nationalities.0.identifiers.2.available': [
        'The nationalities.0.identifiers.2.available field is required.',
      ],
    });
    assertKeys(adult(withIdentifiers(nino({ available: 'true' }))), [
      'nationalities.0.identifiers',
      'nationalities.0.identifiers.0.available',
    ]);
  });

  it('requires a value of an available identifier other than CONCAT, and keeps it as sent', () => {
    assertError(
      adult(withIdentifiers({ name: 'TIN', available: true })),
      'nationalities.0.identifiers.0.value',
      'The nationalities.0.identifiers.0.value field is required when available is true.',
    );
    const value = accepts(
      adult(withIdentifiers({ name: 'TIN', available: true, value: ' 12-34 ' })),
    );
    assert.equal(value.nationalities?.[0]?.identifiers?.[0]?.value, '12-34');
  });

  it('refuses a value key on an unavailable identifier or on CONCAT, even empty or null', () => {
    for (const value of ['AB123456C', '', null, '  ']) {
      assertError(
        adult(withIdentifiers(concat, { name: 'NINO', available: false, value })),
        'nationalities.0.identifiers.1.value',
        'The nationalities.0.identifiers.1.value field must be missing when available is false.',
      );
      assertError(
        adult(withIdentifiers({ ...concat, value })),
        'nationalities.0.identifiers.0.value',
        'The nationalities.0.identifiers.0.value field must be missing when name is CONCAT.',
      );
    }
  });

  it('wants a value to be a string', () => {
    assertError(
      adult(withIdentifiers({ name: 'TIN', available: true, value: 12345 })),
      'nationalities.0.identifiers.0.value',
      'The nationalities.0.identifiers.0.value field must be a string.',
    );
  });
});

describe('vulnerability', () => {
  const vulnerable = (reason: unknown, extra: Record<string, unknown> = {}) =>
    adult({
      vulnerability: { is_vulnerable: true, reason, is_support_temporary: false, ...extra },
    });

  it('must be an object with is_vulnerable', () => {
    assertError(
      adult({ vulnerability: true }),
      'vulnerability',
      'The vulnerability field must be an object.',
    );
    assertError(
      adult({ vulnerability: {} }),
      'vulnerability.is_vulnerable',
      'The vulnerability.is vulnerable field is required.',
    );
    assertError(
      adult({ vulnerability: { is_vulnerable: 'yes' } }),
      'vulnerability.is_vulnerable',
      'The vulnerability.is vulnerable field must be true or false.',
    );
  });

  it('takes 1 and 4 reasons, refuses 0 and 5', () => {
    assert.deepEqual(accepts(vulnerable(['HEALTH'])).vulnerability, {
      isVulnerable: true,
      reasons: ['Health'],
      isSupportTemporary: false,
    });
    const four = ['Health', 'LIFE_EVENT', 'Resilience', 'CAPABILITY'];
    assert.deepEqual(accepts(vulnerable(four)).vulnerability?.reasons, [
      'Health',
      'Life event',
      'Resilience',
      'Capability',
    ]);
    assertError(
      vulnerable([]),
      'vulnerability.reason',
      'The vulnerability.reason field is required when is vulnerable is true.',
    );
    // Only four reasons exist, so a fifth repeats one: its items are refused as duplicates too.
    assert.deepEqual(refuses(vulnerable([...four, 'Health']))['vulnerability.reason'], [
      'The vulnerability.reason field must have between 1 and 4 items.',
    ]);
  });

  it('refuses an unknown or repeated reason on the item', () => {
    assertError(
      vulnerable(['Grief']),
      'vulnerability.reason.0',
      'The selected vulnerability.reason.0 is invalid.',
    );
    assertKeys(vulnerable(['Health', 'life event']), ['vulnerability.reason.1']);
    const errors = refuses(vulnerable(['HEALTH', 'Health']));
    assert.deepEqual(errors, {
      'vulnerability.reason.0': ['The vulnerability.reason.0 field has a duplicate value.'],
      'vulnerability.reason.1': ['The vulnerability.reason.1 field has a duplicate value.'],
    });
  });

  it('requires is_support_temporary when vulnerable', () => {
    assertError(
      vulnerable(['Health'], { is_support_temporary: undefined }),
      'vulnerability.is_support_temporary',
      'The vulnerability.is support temporary field is required when is vulnerable is true.',
    );
  });

  it('refuses any reason key when not vulnerable, and accepts none', () => {
    for (const reason of [['Health'], [], null, '']) {
      assertError(
        adult({ vulnerability: { is_vulnerable: 0, reason } }),
        'vulnerability.reason',
        'The vulnerability.reason field must be missing when is vulnerable is false.',
      );
    }
    assert.deepEqual(accepts(minor({ vulnerability: { is_vulnerable: '0' } })).vulnerability, {
      isVulnerable: false,
    });
  });
});

describe('bank_details and requires_debit_mandate', () => {
  const bank = (sort_code: unknown, account_number: unknown) =>
    adult({ bank_details: { sort_code, account_number } });

  it('requires both parts when bank_details is given', () => {
    assert.deepEqual(refuses(adult({ bank_details: {} })), {
      'bank_details.sort_code': ['The bank details.sort code field is required.'],
      'bank_details.account_number': ['The bank details.account number field is required.'],
    });
    assertError(
      adult({ bank_details: 'x' }),
      'bank_details',
      'The bank details field must be an object.',
    );
  });

  it('takes 6-digit sort codes and 8-digit account numbers only', () => {
    assert.deepEqual(accepts(bank('10 88 00', '00733445')).bankDetails, {
      sortCode: '108800',
      accountNumber: '00733445',
    });
    assertKeys(bank('10880', '0073344'), ['bank_details.sort_code', 'bank_details.account_number']);
    assertKeys(bank('1088000', '007334456'), [
      'bank_details.sort_code',
      'bank_details.account_number',
    ]);
  });

  it('refuses numbers where digits are expected', () => {
    assert.deepEqual(refuses(bank(108800, 733445)), {
      'bank_details.sort_code': ['The bank details.sort code field must be a string.'],
      'bank_details.account_number': ['The bank details.account number field must be a string.'],
    });
  });

  it('requires bank_details only when a debit mandate is required', () => {
    assertError(
      adult({ requires_debit_mandate: 1 }),
      'bank_details',
      'The bank details field is required when requires debit mandate is true.',
    );
    assert.equal(accepts(adult({ requires_debit_mandate: '0' })).requiresDebitMandate, false);
  });

  it('takes Laravel booleans only', () => {
    for (const [raw, flag] of [
      [true, true],
      [1, true],
      ['1', true],
      [false, false],
      [0, false],
      ['0', false],
    ] as const) {
      const body = adult({
        requires_debit_mandate: raw,
        bank_details: { sort_code: '108800', account_number: '00733445' },
      });
      assert.equal(accepts(body).requiresDebitMandate, flag);
    }
    for (const raw of ['true', 'false', 'yes', 2, {}]) {
      assertError(
        adult({ requires_debit_mandate: raw }),
        'requires_debit_mandate',
        'The requires debit mandate field must be true or false.',
      );
    }
  });
});

describe('employers', () => {
  const employer = (extra: Record<string, unknown> = {}) => ({
    company_name: 'Fenwick & Hale LLP',
    ...extra,
  });

  it('takes 0 and 1 employers, refuses 2', () => {
    assert.equal(accepts(adult({ employers: [] })).employers, undefined);
    assert.deepEqual(accepts(adult({ employers: [employer()] })).employers, [
      { companyName: 'Fenwick & Hale LLP' },
    ]);
    assertError(
      adult({ employers: [employer(), employer()] }),
      'employers',
      'The employers field must not have more than 1 items.',
    );
  });

  it('requires company_name and checks company_reg_no', () => {
    assertKeys(adult({ employers: [{}] }), ['employers.0.company_name']);
    assert.equal(
      accepts(adult({ employers: [employer({ company_reg_no: 'sc123456' })] })).employers?.[0]
        ?.companyRegNo,
      'SC123456',
    );
    assertKeys(adult({ employers: [employer({ company_reg_no: '1234567' })] }), [
      'employers.0.company_reg_no',
    ]);
  });

  it('checks the address like the client address, post_code against its own country', () => {
    const detail = { address_1: '1 Rue de Rivoli', country: 'fr', post_code: '75001' };
    const value = accepts(
      adult({ employers: [employer({ address_detail: detail })], country: 'GB' }),
    );
    assert.deepEqual(value.employers?.[0]?.address, {
      address1: '1 Rue de Rivoli',
      country: 'FR',
      postcode: '75001',
    });
    assertKeys(
      adult({ employers: [employer({ address_detail: { post_code: '75001' } })], country: 'FR' }),
      ['employers.0.address_detail.post_code'],
    );
    assertKeys(
      adult({ employers: [employer({ address_detail: { address_2: 'a'.repeat(101) } })] }),
      ['employers.0.address_detail.address_2'],
    );
  });

  it('checks the employer bank details', () => {
    const bank_details = { sort_code: '20-45-77', account_number: 41592637 };
    assertKeys(adult({ employers: [employer({ bank_details })] }), [
      'employers.0.bank_details.account_number',
    ]);
  });
});

describe('the client address', () => {
  it('takes 100 characters per line, refuses 101, leaves out empty parts', () => {
    for (const key of [
      'flat_number',
      'building_name',
      'building_number',
      'address_1',
      'address_2',
    ]) {
      assert.ok(accepts(adult({ [key]: 'b'.repeat(100) })).address);
      assertError(
        adult({ [key]: 'b'.repeat(101) }),
        key,
        `The ${key.replace('_', ' ')} field must not be greater than 100 characters.`,
      );
    }
    assert.equal(accepts(adult({ flat_number: null, address_2: '' })).address, undefined);
  });

  it('checks a postcode as British when the country is GB or absent, else up to 16 characters', () => {
    assert.equal(accepts(adult({ postcode: 'sw1a1aa' })).address?.postcode, 'SW1A 1AA');
    assert.equal(
      accepts(adult({ postcode: 'sw1a1aa', country: null })).address?.postcode,
      'SW1A 1AA',
    );
    assertKeys(adult({ postcode: '75001', country: 'gb' }), ['postcode']);
    assert.deepEqual(accepts(adult({ postcode: 'd02 x285', country: 'IE' })).address, {
      country: 'IE',
      postcode: 'd02 x285',
    });
    assert.ok(accepts(adult({ postcode: 'p'.repeat(16), country: 'US' })));
    assertError(
      adult({ postcode: 'p'.repeat(17), country: 'US' }),
      'postcode',
      'The postcode field must not be greater than 16 characters.',
    );
  });
});
