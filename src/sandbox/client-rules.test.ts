import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkCreateClient, isCalendarDate, isNino, type CreateContext } from './client-rules.js';
import { adultBody, minorBody } from './test-kit.js';
import type { SandboxClient } from './types.js';

const parent = { id: 'PARENT1', firmId: 'TESTF', clientType: 'Individual', nodeId: ['N1'] };
const minor = { id: 'MINOR01', firmId: 'TESTF', clientType: 'Individual Minor', nodeId: ['N1'] };

const firm: CreateContext = {
  nodeIds: new Set(['0', 'N1']),
  findClient: (id) => [parent, minor].find((c) => c.id === id) as SandboxClient | undefined,
  emailInUse: (email) => email.toLowerCase() === 'taken@example.com',
};

/** The field errors of a body, as `fieldName: type` pairs. */
function problems(body: Record<string, unknown>): string[] {
  const check = checkCreateClient(body, firm);
  return check.ok ? [] : check.fieldErrors.map((e) => `${e.fieldName}: ${e.type}`);
}

function without(body: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const copy = { ...body };
  for (const key of keys) delete copy[key];
  return copy;
}

describe('checkCreateClient', () => {
  it('accepts a complete adult and a complete minor', () => {
    assert.deepEqual(problems(adultBody({ nodeId: ['N1'] })), []);
    assert.deepEqual(problems(minorBody('PARENT1')), []);
  });

  it('requires the adult fields all at once', () => {
    const body = { firmId: 'TESTF', clientType: 'Individual' };
    assert.deepEqual(problems(body), [
      'nodeId: required',
      'title: required',
      'firstName: required',
      'surname: required',
      'email: required',
      'nationality: required',
    ]);
  });

  it('requires the minor fields but not title, email or nodeId', () => {
    const body = { firmId: 'TESTF', clientType: 'Individual Minor' };
    assert.deepEqual(problems(body), [
      'parentId: required',
      'firstName: required',
      'surname: required',
      'nationality: required',
    ]);
  });

  it('requires firmId and clientType whatever else is sent', () => {
    assert.deepEqual(problems(without(adultBody(), 'firmId', 'clientType')), [
      'firmId: required',
      'clientType: required',
    ]);
  });

  it('refuses values outside the enums', () => {
    const body = adultBody({
      clientType: 'INDIVIDUAL',
      title: 'Sir',
      maritalStatus: 'Civil Partnership',
      employmentStatus: 'Self-employed',
      vulnerability: { isVulnerable: true, reason: ['Health'], isSupportTemporary: true },
    });
    assert.deepEqual(problems(body), [
      'clientType: enum',
      'title: enum',
      'maritalStatus: enum',
      'vulnerability.reason[0]: enum',
      'employmentStatus: enum',
    ]);
  });

  it('refuses values of the wrong type', () => {
    const body = adultBody({
      nodeId: 'N1',
      retirementAge: '67',
      requiresDebitMandate: 'true',
      bankDetails: { sortCode: '108800', accountNumber: 733445 },
      termsAccepted: 0,
    });
    assert.deepEqual(problems(body), [
      'nodeId: type',
      'retirementAge: type',
      'bankDetails.accountNumber: type',
      'requiresDebitMandate: type',
      'termsAccepted: type',
    ]);
  });

  it('refuses nulls and empty strings anywhere, instead of treating them as absent', () => {
    const body = adultBody({
      email: '',
      addressDetail: { address1: 'Harbour Row', address2: '   ', flatNumber: null },
      nationalities: [
        { code: 'GB', identifiers: [{ name: 'CONCAT', available: true, value: null }] },
      ],
    });
    assert.deepEqual(problems(body), [
      'email: empty',
      'nationalities[0].identifiers[0].value: notAllowed',
      'addressDetail.flatNumber: empty',
      'addressDetail.address2: empty',
    ]);
  });

  it('refuses fields the platform does not take, with their full path', () => {
    const body = adultBody({ node_id: 'N1', addressDetail: { postcode: 'PO7 7YH' } });
    assert.deepEqual(problems(body), [
      'addressDetail.postcode: unknownField',
      'node_id: unknownField',
    ]);
  });

  it('refuses values not in the normalised form the product promises', () => {
    const body = adultBody({
      nationality: 'gb',
      taxDomicile: 'UK',
      nationalInsuranceNo: 'AB 12 34 56 C',
      dateOfBirth: '1987-02-30',
      addressDetail: { country: 'GB', postCode: 'PO77YH' },
      bankDetails: { sortCode: '10-88-00', accountNumber: '123456789' },
      email: 'not an email',
      currency: 'gbp',
    });
    assert.deepEqual(problems(body), [
      'email: format',
      'nationality: format',
      'nationalInsuranceNo: format',
      'dateOfBirth: format',
      'addressDetail.postCode: format',
      'taxDomicile: format',
      'bankDetails.sortCode: format',
      'bankDetails.accountNumber: format',
      'currency: format',
    ]);
  });

  it('checks a postcode only when the address is British', () => {
    const body = adultBody({ addressDetail: { country: 'FR', postCode: '75001' } });
    assert.deepEqual(problems(body), []);
  });

  it('reports identifier values that must be absent or present, with indexed paths', () => {
    const body = adultBody({
      nationalities: [
        { code: 'GB', identifiers: [{ name: 'NINO', available: false, value: 'AB123456C' }] },
        { code: 'FR', identifiers: [{ name: 'TIN', available: true }] },
        { code: 'GB' },
      ],
    });
    assert.deepEqual(problems(body), [
      'nationalities[0].identifiers[0].value: notAllowed',
      'nationalities[1].identifiers[0].value: required',
      'nationalities[2].code: duplicate',
    ]);
  });

  it('checks a NINO identifier like nationalInsuranceNo', () => {
    const nationalities = [
      { code: 'GB', identifiers: [{ name: 'NINO', available: true, value: 'TN123456A' }] },
    ];
    assert.deepEqual(problems(adultBody({ nationalities })), [
      'nationalities[0].identifiers[0].value: format',
    ]);
  });

  it('applies the vulnerability conditions', () => {
    const vulnerable = adultBody({ vulnerability: { isVulnerable: true } });
    const notVulnerable = adultBody({ vulnerability: { isVulnerable: false, reason: ['HEALTH'] } });
    const repeated = adultBody({
      vulnerability: {
        isVulnerable: true,
        reason: ['HEALTH', 'HEALTH'],
        isSupportTemporary: false,
      },
    });
    assert.deepEqual(problems(vulnerable), [
      'vulnerability.reason: required',
      'vulnerability.isSupportTemporary: required',
    ]);
    assert.deepEqual(problems(notVulnerable), ['vulnerability.reason: notAllowed']);
    assert.deepEqual(problems(repeated), ['vulnerability.reason[1]: duplicate']);
  });

  it('requires bank details when a debit mandate is required', () => {
    assert.deepEqual(problems(without(adultBody(), 'bankDetails')), ['bankDetails: required']);
    assert.deepEqual(
      problems(without(adultBody({ requiresDebitMandate: false }), 'bankDetails')),
      [],
    );
  });

  it('allows at most one employer and checks it like the client', () => {
    const employer = {
      companyName: 'Harbour Tools Ltd',
      companyRegNo: '1234567',
      addressDetail: { postCode: 'sw1a 1aa' },
      bankDetails: { sortCode: '108800' },
    };
    assert.deepEqual(problems(adultBody({ employers: [employer] })), [
      'employers[0].companyRegNo: format',
      'employers[0].addressDetail.postCode: format',
      'employers[0].bankDetails.accountNumber: required',
    ]);
    const two = [{ companyName: 'A Ltd' }, { companyName: 'B Ltd' }];
    assert.deepEqual(problems(adultBody({ employers: two })), ['employers: range']);
  });

  it('refuses an email another client of the firm uses, whatever its case', () => {
    assert.deepEqual(problems(adultBody({ email: 'Taken@Example.com' })), ['email: duplicate']);
  });

  it('refuses nodes that are not the firm’s', () => {
    assert.deepEqual(problems(adultBody({ nodeId: ['N1', 'N9'] })), ['nodeId: notFound']);
  });

  it('refuses a minor whose parent is missing or is a minor', () => {
    assert.deepEqual(problems(minorBody('NOSUCH1')), ['parentId: notFound']);
    assert.deepEqual(problems(minorBody('MINOR01')), ['parentId: invalidValue']);
  });

  it('refuses a parent on an adult', () => {
    assert.deepEqual(problems(adultBody({ parentId: 'PARENT1' })), ['parentId: notAllowed']);
  });

  it('keeps names as sent, apostrophes and accents included', () => {
    const body = adultBody({ firstName: 'José', surname: 'O’Neill-van der Berg' });
    assert.deepEqual(problems(body), []);
  });
});

describe('checkCreateClient on arbitrary input', () => {
  const keys = Object.keys(adultBody());
  const name = fc.oneof(
    fc.constantFrom(...keys),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
  );
  const value = fc.anything({ key: name });
  const bodies = fc.oneof(
    fc.dictionary(name, value),
    fc.constantFrom(...keys).chain((key) => value.map((bad) => adultBody({ [key]: bad }))),
  );
  const run = (property: fc.IProperty<[Record<string, unknown>]>) =>
    fc.assert(property, { numRuns: 1000, seed: 7 });

  it('never throws, whatever the keys', () => {
    const anyKeys = fc.dictionary(fc.string(), fc.anything(), { maxKeys: 6 });
    run(
      fc.property(
        anyKeys,
        (sent) => void checkCreateClient(JSON.parse(JSON.stringify(sent)), firm),
      ),
    );
  });

  it('names every error with a dotted, indexed path', () => {
    run(
      fc.property(bodies, (sent) => {
        const check = checkCreateClient(JSON.parse(JSON.stringify(sent)), firm);
        for (const error of check.ok ? [] : check.fieldErrors) {
          assert.match(error.fieldName, /^[A-Za-z_]\w*(\.[A-Za-z_]\w*|\[\d+\])*$/);
        }
      }),
    );
  });
});

describe('isNino', () => {
  it('accepts an issued number and refuses unused prefixes, bad suffixes and other shapes', () => {
    assert.equal(isNino('AB123456C'), true);
    for (const bad of [
      'GB123456A',
      'NK123456B',
      'ZZ123456D',
      'TN123456A',
      'AB123456E',
      'DA123456A',
      'AO123456A',
      '12A34567',
      'ab123456c',
    ]) {
      assert.equal(isNino(bad), false, bad);
    }
  });
});

describe('isCalendarDate', () => {
  it('accepts real days only, strictly as YYYY-MM-DD', () => {
    assert.equal(isCalendarDate('2004-02-29'), true);
    for (const bad of [
      '2023-02-29',
      '1987-02-30',
      '1987-05-15a',
      '19999-02-01',
      '15/05/1987',
      '1987-5-15',
    ]) {
      assert.equal(isCalendarDate(bad), false, bad);
    }
  });
});
