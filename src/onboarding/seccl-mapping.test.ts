import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { readExample } from './client-request.examples.js';
import { accepts, adult, minor } from './client-request.testing.js';
import { toSecclCreateBody } from './seccl-mapping.js';

/** Every `""` or `null` anywhere in a value, by path. */
function blanks(value: unknown, path = ''): string[] {
  if (value === null || value === '') return [path];
  if (typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => blanks(v, `${path}.${key}`));
}

describe('toSecclCreateBody', () => {
  it('maps the full adult example field by field', () => {
    const body = toSecclCreateBody(accepts(readExample('adult-client')), { firmId: 'PKINV' });
    assert.deepEqual(body, {
      firmId: 'PKINV',
      nodeId: ['0'],
      clientType: 'Individual',
      title: 'Mrs',
      firstName: 'Eleanor',
      surname: 'O’Hare-Whitfield',
      email: 'eleanor.whitfield+isa@example.co.uk',
      nationality: 'GB',
      nationalities: [
        {
          code: 'GB',
          identifiers: [
            { name: 'NINO', available: true, value: 'AB123456C' },
            { name: 'CONCAT', available: false },
          ],
        },
        { code: 'IE' },
      ],
      nationalInsuranceNo: 'AB123456C',
      dateOfBirth: '1984-07-21',
      addressDetail: {
        flatNumber: 'Flat 3',
        buildingName: 'Harbour View',
        buildingNumber: '12',
        address1: 'Quay Street',
        address2: 'Portsmouth',
        country: 'GB',
        postCode: 'PO1 2AB',
      },
      taxDomicile: 'GB',
      maritalStatus: 'Married',
      retirementAge: 67,
      vulnerability: { isVulnerable: true, reason: ['LIFE_EVENT'], isSupportTemporary: true },
      bankDetails: { sortCode: '108800', accountNumber: '00733445' },
      requiresDebitMandate: true,
      employmentStatus: 'Employed',
      employers: [
        {
          companyName: 'Solent Marine Surveys Ltd',
          companyRegNo: '09876543',
          addressDetail: {
            flatNumber: 'Suite 2',
            buildingName: 'Ocean Village Business Centre',
            buildingNumber: '4',
            address1: 'Canute Road',
            address2: 'Southampton',
            country: 'GB',
            postCode: 'SO14 3JH',
          },
          bankDetails: { sortCode: '204577', accountNumber: '41592637' },
        },
      ],
      amlData: { evidenceSeen: true },
      termsAccepted: false,
      currency: 'GBP',
      language: 'en',
    });
  });

  it('sends only the required keys and the constants for a minimal adult', () => {
    assert.deepEqual(toSecclCreateBody(accepts(adult()), { firmId: 'PKINV' }), {
      firmId: 'PKINV',
      nodeId: ['0'],
      clientType: 'Individual',
      title: 'Ms',
      firstName: 'Priya',
      surname: 'Raman',
      email: 'priya.raman@example.com',
      nationality: 'GB',
      amlData: { evidenceSeen: true },
      termsAccepted: false,
      currency: 'GBP',
      language: 'en',
    });
  });

  it('gives a minor the parent id and, without node_id, the parent nodes', () => {
    const ctx = { firmId: 'PKINV', parentSecclId: '00DDB94', parentNodeIds: ['7', '9'] };
    const body = toSecclCreateBody(accepts(minor({ parent_id: 'PARENT1' })), ctx);
    assert.equal(body.parentId, '00DDB94');
    assert.deepEqual(body.nodeId, ['7', '9']);
    assert.equal('amlData' in body, false);
  });

  it("prefers a minor's own node_id, and leaves nodeId out when there is none at all", () => {
    const ctx = { firmId: 'PKINV', parentSecclId: '00DDB94', parentNodeIds: ['7'] };
    assert.deepEqual(toSecclCreateBody(accepts(minor({ node_id: '3' })), ctx).nodeId, ['3']);
    const orphan = toSecclCreateBody(accepts(minor()), { firmId: 'PKINV', parentNodeIds: [] });
    assert.equal('nodeId' in orphan, false);
    assert.equal('parentId' in orphan, false);
  });

  it('never gives an adult a parent id', () => {
    const body = toSecclCreateBody(accepts(adult()), { firmId: 'PKINV', parentSecclId: '00DDB94' });
    assert.equal('parentId' in body, false);
  });

  it('sends amlData only when aml was accepted', () => {
    const declined = toSecclCreateBody(accepts(minor({ aml: false })), { firmId: 'PKINV' });
    assert.equal('amlData' in declined, false);
    const accepted = toSecclCreateBody(accepts(minor({ aml: 'yes' })), { firmId: 'PKINV' });
    assert.deepEqual(accepted.amlData, { evidenceSeen: true });
  });

  it('sends no empty string or null anywhere, whatever blanks the request had', () => {
    const req = accepts(
      adult({
        flat_number: '',
        address_1: null,
        postcode: 'po77yh',
        national_insurance_no: '  ',
        vulnerability: { is_vulnerable: false, is_support_temporary: null },
        employers: [{ company_name: 'Fenwick & Hale LLP', company_reg_no: '', address_detail: {} }],
      }),
    );
    const body = toSecclCreateBody(req, { firmId: 'PKINV' });
    assert.deepEqual(blanks(body), []);
    assert.deepEqual(body.addressDetail, { postCode: 'PO7 7YH' });
    assert.deepEqual(body.vulnerability, { isVulnerable: false });
    assert.deepEqual(body.employers, [{ companyName: 'Fenwick & Hale LLP' }]);
  });
});
