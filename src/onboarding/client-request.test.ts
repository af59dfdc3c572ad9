import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { validateClientRequest } from './client-request.js';
import {
  adult,
  assertError,
  assertKeys,
  accepts,
  minor,
  refuses,
} from './client-request.testing.js';

const chars = (n: number) => 'a'.repeat(n);

describe('the body as a whole', () => {
  it('answers a body that is not a JSON object with one body error', () => {
    for (const body of [[], 'text', 42, null, true]) {
      assertError(body, 'body', 'The request body must be a JSON object.');
    }
  });

  it('reports every failure at once, one message per key', () => {
    const errors = refuses({ client_type: 'Individual', nationality: 'UK', retirement_age: 121 });
    assert.deepEqual(Object.keys(errors).sort(), [
      'aml',
      'email',
      'first_name',
      'nationality',
      'node_id',
      'retirement_age',
      'surname',
      'title',
    ]);
    assert.ok(Object.values(errors).every((list) => list.length === 1));
  });

  it('ignores unknown keys and does not copy them', () => {
    const text = JSON.stringify(adult({ favourite_colour: 'teal' }));
    const value = accepts(JSON.parse(text.replace('{', '{"__proto__":{"admin":true},')));
    assert.equal('favouriteColour' in value, false);
    assert.equal(Object.hasOwn(value, '__proto__'), false);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  });

  it('leaves every optional key out of a minimal request', () => {
    assert.deepEqual(accepts(adult()), {
      clientType: 'Individual',
      nodeId: '0',
      title: 'Ms',
      firstName: 'Priya',
      surname: 'Raman',
      email: 'priya.raman@example.com',
      nationality: 'GB',
      aml: true,
    });
  });

  it('refuses a today that is not YYYY-MM-DD', () => {
    assert.throws(() => validateClientRequest(adult(), { today: '10/03/2026' }), RangeError);
  });
});

describe('every string field', () => {
  // Found by the property test: a NUL or an unpaired surrogate in a free-text field reached
  // Seccl, then the CRM's database refused it, leaving the sync pending for ever.
  it('refuses control characters inside, which no one-line field holds and NUL cannot be stored', () => {
    for (const text of ['2 Mill\u0000Lane', '2 Mill\nLane', '2\tMill Lane', 'Mill\u0085Lane']) {
      assertError(
        adult({ address_1: text }),
        'address_1',
        'The address 1 field must not contain line breaks, tabs or other control characters.',
      );
    }
    assertKeys(adult({ employers: [{ company_name: 'Solent\u0007' }] }), [
      'employers.0.company_name',
    ]);
  });

  it('refuses an unpaired surrogate, which is not a character', () => {
    for (const text of ['\ud800', 'Harbour \udc00View']) {
      assertError(
        adult({ building_name: text }),
        'building_name',
        'The building name field must be valid Unicode text.',
      );
    }
  });

  it('keeps paired surrogates and joiners, and trims line breaks at the ends', () => {
    const value = accepts(
      adult({ building_name: 'Harbour 🏠 View', address_1: '\n2 Mill Lane\r\n' }),
    );

    assert.equal(value.address?.buildingName, 'Harbour 🏠 View');
    assert.equal(value.address?.address1, '2 Mill Lane');
    assert.equal(accepts(adult({ address_2: 'ب\u200cت' })).address?.address2, 'ب\u200cت');
  });
});

describe('client_type', () => {
  it('is required', () => {
    const errors = refuses(adult({ client_type: undefined }));
    assert.deepEqual(errors.client_type, ['The client type field is required.']);
  });

  it('takes the values and the constant names, answering with the value', () => {
    assert.equal(accepts(adult({ client_type: 'INDIVIDUAL' })).clientType, 'Individual');
    assert.equal(
      accepts(minor({ client_type: 'INDIVIDUAL_MINOR' })).clientType,
      'Individual Minor',
    );
  });

  it('refuses other spellings and non-strings', () => {
    assertError(
      adult({ client_type: 'individual' }),
      'client_type',
      'The selected client type is invalid.',
    );
    assertError(
      adult({ client_type: 1 }),
      'client_type',
      'The client type field must be a string.',
    );
  });
});

describe('adult and minor rules', () => {
  it('requires node_id, title, email and aml of an adult', () => {
    const body = adult({ node_id: undefined, title: null, email: '', aml: undefined });
    assert.deepEqual(refuses(body), {
      node_id: ['The node id field is required when client type is Individual.'],
      title: ['The title field is required when client type is Individual.'],
      email: ['The email field is required when client type is Individual.'],
      aml: ['The aml field is required when client type is Individual.'],
    });
  });

  it('lets a minor leave out node_id, title, email and aml', () => {
    assert.deepEqual(accepts(minor()), {
      clientType: 'Individual Minor',
      parentId: 'PARENT1',
      firstName: 'Arlo',
      surname: 'Raman',
      nationality: 'GB',
    });
  });

  it('requires parent_id of a minor', () => {
    for (const parent_id of [undefined, null, '', '  ']) {
      assertError(
        minor({ parent_id }),
        'parent_id',
        'The parent id field is required when client type is Individual Minor.',
      );
    }
  });

  it('refuses parent_id on an adult whatever its value, empty and null included', () => {
    for (const parent_id of ['PARENT1', '', null, '  ']) {
      assertError(
        adult({ parent_id }),
        'parent_id',
        'The parent id field must be missing when client type is Individual.',
      );
    }
  });

  it('takes a 7-character Seccl id or a UUID as parent_id', () => {
    assert.equal(accepts(minor({ parent_id: '00DDB94' })).parentId, '00DDB94');
    const uuid = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';
    assert.equal(accepts(minor({ parent_id: uuid })).parentId, uuid.toLowerCase());
    for (const parent_id of ['PARENT', 'PARENT12', 'parent1', 'PAR-NT1', '3f2504e0-4f89-11d3']) {
      const errors = refuses(minor({ parent_id }));
      assert.match(errors.parent_id?.[0] ?? '', /must be a Seccl client id/);
    }
  });

  it('keeps node_id for a minor when given, and wants it as a string', () => {
    assert.equal(accepts(minor({ node_id: ' 12 ' })).nodeId, '12');
    assertError(adult({ node_id: 0 }), 'node_id', 'The node id field must be a string.');
  });
});

describe('title', () => {
  it('takes each of the seven titles and nothing else', () => {
    for (const title of ['Dr', 'Professor', 'Mrs', 'Miss', 'Mr', 'Ms', 'Mx']) {
      assert.equal(accepts(adult({ title })).title, title);
    }
    for (const title of ['Sir', 'mr', 'MR', 'Mr.']) {
      assertError(adult({ title }), 'title', 'The selected title is invalid.');
    }
  });
});

describe('first_name and surname', () => {
  for (const key of ['first_name', 'surname']) {
    const attribute = key.replace('_', ' ');

    it(`${key}: 1 and 100 characters pass, 0 and 101 fail`, () => {
      assert.ok(accepts(adult({ [key]: 'J' })));
      assert.ok(accepts(adult({ [key]: chars(100) })));
      assertError(adult({ [key]: '' }), key, `The ${attribute} field is required.`);
      assertError(
        adult({ [key]: chars(101) }),
        key,
        `The ${attribute} field must not be greater than 100 characters.`,
      );
    });

    it(`${key}: is trimmed, counts characters after trimming and refuses digits`, () => {
      assert.ok(accepts(adult({ [key]: `  ${chars(100)}  ` })));
      assertError(adult({ [key]: '   ' }), key, `The ${attribute} field is required.`);
      assert.match(refuses(adult({ [key]: 'R2D2' }))[key]?.[0] ?? '', /must be a valid name\. /);
      assertError(adult({ [key]: 7 }), key, `The ${attribute} field must be a string.`);
    });
  }

  it('counts a decomposed accent as one character', () => {
    assert.equal(accepts(adult({ first_name: 'e\u0301'.repeat(100) })).firstName.length, 100);
  });
});

describe('email', () => {
  it('is optional for a minor but checked when given', () => {
    assert.equal(accepts(minor({ email: 'arlo@example.com' })).email, 'arlo@example.com');
    const errors = refuses(minor({ email: 'arlo.example.com' }));
    assert.match(errors.email?.[0] ?? '', /^The email field must be a valid email address\. .+\.$/);
  });
});

describe('nationality and the country codes', () => {
  it('is required, upper-cased, and refuses UK and unknown codes', () => {
    assertKeys(adult({ nationality: undefined }), ['nationality']);
    assert.equal(accepts(adult({ nationality: ' fr ' })).nationality, 'FR');
    assert.equal(accepts(adult({ nationality: 'XK' })).nationality, 'XK');
    for (const nationality of ['UK', 'ZZ', 'GBR', 'G']) {
      const errors = assertKeys(adult({ nationality }), ['nationality']);
      assert.match(errors.nationality?.[0] ?? '', /ISO 3166-1 alpha-2 country code\. /);
    }
  });

  it('tax_domicile takes GB only', () => {
    assert.equal(accepts(adult({ tax_domicile: 'gb' })).taxDomicile, 'GB');
    assertError(
      adult({ tax_domicile: 'IE' }),
      'tax_domicile',
      'The selected tax domicile is invalid.',
    );
    assertKeys(adult({ tax_domicile: 'UK' }), ['tax_domicile']);
  });
});

describe('national_insurance_no', () => {
  it('is optional, normalised, and checked', () => {
    assert.equal(
      accepts(adult({ national_insurance_no: 'ab123456c' })).nationalInsuranceNo,
      'AB123456C',
    );
    assert.equal(accepts(adult({ national_insurance_no: null })).nationalInsuranceNo, undefined);
    const errors = refuses(adult({ national_insurance_no: 'AB123456' }));
    assert.match(
      errors.national_insurance_no?.[0] ?? '',
      /^The national insurance no field must be a valid National Insurance number\. /,
    );
  });
});

describe('date_of_birth', () => {
  it('must be a real past date written as YYYY-MM-DD', () => {
    assert.equal(accepts(adult({ date_of_birth: '1990-12-31' })).dateOfBirth, '1990-12-31');
    assertError(
      adult({ date_of_birth: '2026-03-10' }),
      'date_of_birth',
      'The date of birth field must be a date before today.',
    );
    assertKeys(minor({ date_of_birth: '2026-03-11' }), ['date_of_birth']);
    assertKeys(adult({ date_of_birth: 19900101 }), ['date_of_birth']);
  });

  it('refuses client_type when the age disagrees, and applies the rules of the age (C15)', () => {
    assert.deepEqual(refuses(adult({ date_of_birth: '2010-01-01' })), {
      client_type: [
        "The client type field must be Individual Minor for a client under 18, on today's date in the UK.",
      ],
      parent_id: ['The parent id field is required when age is under 18.'],
    });
    assert.deepEqual(refuses(minor({ date_of_birth: '1990-01-01' })), {
      client_type: [
        "The client type field must be Individual for a client aged 18 or over, on today's date in the UK.",
      ],
      node_id: ['The node id field is required when age is 18 or over.'],
      parent_id: ['The parent id field must be missing when age is 18 or over.'],
      title: ['The title field is required when age is 18 or over.'],
      email: ['The email field is required when age is 18 or over.'],
      aml: ['The aml field is required when age is 18 or over.'],
    });
  });

  it('asks an adult by age to accept aml, and lets a minor by age leave out adult keys', () => {
    const grownUp = minor({ date_of_birth: '1990-01-01', aml: false });
    assert.deepEqual(refuses(grownUp).aml, [
      'The aml field must be accepted when age is 18 or over.',
    ]);

    const child = { ...adult({ date_of_birth: '2010-01-01', parent_id: 'PARENT1' }) };
    for (const key of ['node_id', 'title', 'email', 'aml']) delete child[key];
    assertKeys(child, ['client_type']);
  });

  it('lets the age alone decide the rules when client_type is missing', () => {
    const body = minor({ date_of_birth: '1990-01-01' });
    delete body.client_type;
    assertKeys(body, ['client_type', 'node_id', 'parent_id', 'title', 'email', 'aml']);
  });
});

describe('account_uuid', () => {
  it('takes a UUID of any version, in lower case', () => {
    const v1 = 'C232AB00-9414-11EC-B3C8-9F6BDECED846';
    assert.equal(accepts(adult({ account_uuid: v1 })).accountUuid, v1.toLowerCase());
    assertError(
      adult({ account_uuid: 'not-a-uuid' }),
      'account_uuid',
      'The account uuid field must be a valid UUID.',
    );
  });
});

describe('marital_status and employment_status', () => {
  it('take their listed values only', () => {
    for (const marital_status of ['Single', 'Married', 'Divorced', 'Widowed']) {
      assert.equal(accepts(adult({ marital_status })).maritalStatus, marital_status);
    }
    assertError(
      adult({ marital_status: 'Engaged' }),
      'marital_status',
      'The selected marital status is invalid.',
    );
    const statuses = ['Employed', 'Retired', 'Self Employed', 'Care Under 16s', 'Care Over 16'];
    for (const employment_status of [...statuses, 'Education', 'Unemployed', 'Other']) {
      assert.equal(accepts(adult({ employment_status })).employmentStatus, employment_status);
    }
    assertKeys(adult({ employment_status: 'Care Under 16S' }), ['employment_status']);
  });
});

describe('retirement_age', () => {
  it('takes 0 and 120, refuses -1 and 121', () => {
    assert.equal(accepts(adult({ retirement_age: 0 })).retirementAge, 0);
    assert.equal(accepts(adult({ retirement_age: 120 })).retirementAge, 120);
    for (const retirement_age of [-1, 121, '121']) {
      assertError(
        adult({ retirement_age }),
        'retirement_age',
        'The retirement age field must be between 0 and 120.',
      );
    }
  });

  it('takes a string of digits; refuses fractions and other types', () => {
    assert.equal(accepts(adult({ retirement_age: ' 65 ' })).retirementAge, 65);
    assert.equal(accepts(adult({ retirement_age: 65.0 })).retirementAge, 65);
    assert.ok(Object.is(accepts(adult({ retirement_age: '-0' })).retirementAge, 0));
    for (const retirement_age of [65.5, '65.5', '65.0', 'sixty', true, [65], '1e2']) {
      assertError(
        adult({ retirement_age }),
        'retirement_age',
        'The retirement age field must be an integer.',
      );
    }
  });
});

describe('aml', () => {
  it('takes every accepted form from an adult, as true', () => {
    for (const aml of [true, 1, '1', 'true', 'yes', 'on']) {
      assert.equal(accepts(adult({ aml })).aml, true);
    }
  });

  it('refuses a declined form from an adult, and a non-answer from anyone', () => {
    for (const aml of [false, 0, '0', 'false', 'no', 'off']) {
      assertError(
        adult({ aml }),
        'aml',
        'The aml field must be accepted when client type is Individual.',
      );
    }
    const forms =
      'The aml field must be accepted (true, 1, "1", "true", "yes" or "on") or declined (false, 0, "0", "false", "no" or "off").';
    for (const aml of ['maybe', 'YES', 'On']) assertError(adult({ aml }), 'aml', forms);
    assertError(minor({ aml: 2 }), 'aml', forms);
  });

  it('is optional for a minor, kept when given', () => {
    assert.equal(accepts(minor({ aml: 'no' })).aml, false);
    assert.equal(accepts(minor({ aml: 'on' })).aml, true);
  });
});
