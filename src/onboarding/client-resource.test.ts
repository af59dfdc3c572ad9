import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { SecclClientRecord } from '../seccl/types.js';
import { toClientResource } from './client-resource.js';

const account = { uuid: '6f1c2d3e-0000-4000-8000-000000000abc', external_references: [] };

/** The keys of the contract's "Success: 200" table. */
const KEYS = [
  'id',
  'node_id',
  'client_type',
  'title',
  'first_name',
  'surname',
  'email',
  'nationality',
  'national_insurance_no',
  'date_of_birth',
  'tax_domicile',
  'marital_status',
  'retirement_age',
  'employment_status',
  'status',
  'address_detail',
  'mobile',
  'terms_accepted',
  'bank_details',
  'vulnerability',
  'aml_passed',
  'requires_debit_mandate',
  'employers',
  'can_open_accounts_for',
  'plannr_account',
  'parent_id',
].sort();

const bare: SecclClientRecord = {
  id: '00DDB94',
  firmId: 'PKINV',
  nodeId: [],
  clientType: 'Individual Minor',
  firstName: 'Isla',
  surname: 'Whitfield',
  status: 'Pending',
};

const full: SecclClientRecord = {
  ...bare,
  nodeId: ['4', '0'],
  clientType: 'Individual',
  title: 'Mrs',
  email: 'isla@example.com',
  mobile: { number: '07700900123', locale: 'en-GB', isMobile: true },
  nationality: 'GB',
  nationalInsuranceNo: 'AB123456C',
  dateOfBirth: '1984-07-21',
  addressDetail: { address1: 'Quay Street', country: 'GB', postCode: 'PO1 2AB' },
  taxDomicile: 'GB',
  termsAccepted: true,
  bankDetails: {
    sortCode: '108800',
    accountNumber: '00733445',
    debitPaymentMandate: true,
    debitPaymentMandateAgreementDate: '2026-03-10T09:00:00Z',
  },
  vulnerability: {
    isVulnerable: true,
    reason: ['LIFE_EVENT', 'HEALTH'],
    isSupportTemporary: false,
  },
  amlData: { checkResult: 'Passed', amlEvidenceSeen: true },
  requiresDebitMandate: true,
  employmentStatus: 'Employed',
  employers: [
    {
      companyName: 'Solent Marine Surveys Ltd',
      companyRegNo: '09876543',
      addressDetail: { address1: 'Canute Road', postCode: 'SO14 3JH' },
      bankDetails: { sortCode: '204577', accountNumber: '41592637' },
    },
  ],
  maritalStatus: 'Married',
  retirementAge: 67,
};

describe('toClientResource', () => {
  it('answers every key of the contract, null where Seccl holds nothing', () => {
    const resource = toClientResource(bare, { plannrAccount: account, parentSecclId: 'PARENT1' });
    assert.deepEqual(Object.keys(resource).sort(), KEYS);
    assert.deepEqual(resource, {
      id: '00DDB94',
      node_id: null,
      client_type: 'Individual Minor',
      title: null,
      first_name: 'Isla',
      surname: 'Whitfield',
      email: null,
      nationality: null,
      national_insurance_no: null,
      date_of_birth: null,
      tax_domicile: null,
      marital_status: null,
      retirement_age: null,
      employment_status: null,
      status: 'Pending',
      address_detail: {
        flat_number: null,
        building_name: null,
        building_number: null,
        address_1: null,
        address_2: null,
        country: null,
        postcode: null,
      },
      mobile: null,
      terms_accepted: false,
      bank_details: null,
      vulnerability: null,
      aml_passed: false,
      requires_debit_mandate: false,
      employers: [],
      can_open_accounts_for: ['JISA', 'PENSION'],
      plannr_account: account,
      parent_id: 'PARENT1',
    });
  });

  it('turns a full record into snake_case with the values callers send', () => {
    const resource = toClientResource(full, { plannrAccount: account, parentSecclId: null });
    assert.equal(resource.node_id, '4');
    assert.deepEqual(resource.mobile, { number: '07700900123', locale: 'en-GB', is_mobile: true });
    assert.equal(resource.address_detail.postcode, 'PO1 2AB');
    assert.deepEqual(resource.bank_details, {
      account_number: '00733445',
      sort_code: '108800',
      accepted_debit_mandate: true,
      accepted_debit_mandate_at: '2026-03-10T09:00:00Z',
    });
    assert.deepEqual(resource.vulnerability, {
      is_vulnerable: true,
      reason: ['Life event', 'Health'],
      is_support_temporary: false,
    });
    assert.deepEqual(resource.employers, [
      {
        company_name: 'Solent Marine Surveys Ltd',
        company_reg_no: '09876543',
        address_detail: {
          flat_number: null,
          building_name: null,
          building_number: null,
          address_1: 'Canute Road',
          address_2: null,
          country: null,
          post_code: 'SO14 3JH',
        },
        bank_details: { sort_code: '204577', account_number: '41592637' },
      },
    ]);
    assert.equal(resource.aml_passed, true);
    assert.equal(resource.terms_accepted, true);
    assert.deepEqual(resource.can_open_accounts_for, ['GIA', 'ISA', 'PENSION']);
    assert.equal(resource.parent_id, null);
  });

  it('passes AML only on a Passed check result', () => {
    const aml = (checkResult?: string) =>
      toClientResource(
        { ...full, amlData: { checkResult } },
        { plannrAccount: null, parentSecclId: null },
      ).aml_passed;
    assert.equal(aml('PASSED'), true);
    for (const result of ['Referred', 'Failed', 'Pending', undefined])
      assert.equal(aml(result), false);
  });

  it("takes Seccl's own list of wrappers when it gives one", () => {
    const record = { ...full, canOpenAccountsFor: ['GIA'] };
    const resource = toClientResource(record, { plannrAccount: null, parentSecclId: null });
    assert.deepEqual(resource.can_open_accounts_for, ['GIA']);
  });

  it('gives parent_id only for a minor, from Seccl when the caller has none', () => {
    const adult = toClientResource(
      { ...full, parentId: ['PARENT1'] },
      { plannrAccount: null, parentSecclId: 'PARENT1' },
    );
    assert.equal(adult.parent_id, null);
    const minor = toClientResource(
      { ...bare, parentId: ['00AAA11'] },
      { plannrAccount: null, parentSecclId: null },
    );
    assert.equal(minor.parent_id, '00AAA11');
  });
});
