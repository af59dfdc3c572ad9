import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readExample } from './client-request.examples.js';
import { accepts, refuses } from './client-request.testing.js';
import { laravelMessage } from './messages.js';

describe('examples/', () => {
  for (const name of [
    'adult-client',
    'adult-minimal',
    'minor-by-seccl-id',
    'minor-by-account-uuid',
  ] as const) {
    it(`${name}.json passes the rules`, () => {
      assert.ok(accepts(readExample(name)));
    });
  }

  it('adult-client.json uses every part of the request', () => {
    const req = accepts(readExample('adult-client'));
    assert.equal(req.requiresDebitMandate, true);
    assert.ok(req.bankDetails && req.vulnerability?.reasons && req.address?.flatNumber);
    assert.equal(req.nationalities?.length, 2);
    assert.ok(
      req.employers?.[0]?.address && req.employers[0].bankDetails && req.employers[0].companyRegNo,
    );
  });

  it('invalid-client.json fails on many keys at once', () => {
    const errors = refuses(readExample('invalid-client'));
    assert.deepEqual(Object.keys(errors).sort(), [
      'aml',
      'bank_details',
      'date_of_birth',
      'email',
      'first_name',
      'national_insurance_no',
      'nationalities.0.identifiers.0.value',
      'nationality',
      'node_id',
      'parent_id',
      'postcode',
      'retirement_age',
      'title',
    ]);
    assert.match(laravelMessage(errors), /^The .+\. \(and 12 more errors\)$/);
  });
});
