import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from './support/harness.js';
import { adultBody, minimalAdult, minorBody } from './support/bodies.js';

const route = '/api/v1/addons/seccl/seccl/client';

describe('POST /api/v1/addons/seccl/{addon}/client', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('onboards an adult with every field and links a new CRM account', async () => {
    const body = adultBody();

    const res = await h.call('POST', route, { body });

    assert.equal(res.status, 200, res.text);
    assert.match(res.body.id, /^[A-Z0-9]{7}$/);
    assert.equal(res.body.node_id, '1');
    assert.equal(res.body.client_type, 'Individual');
    assert.equal(res.body.surname, "O'Neill");
    assert.equal(res.body.national_insurance_no, 'AB123456C');
    assert.equal(res.body.address_detail.postcode, 'PO1 2AB');
    assert.equal(res.body.bank_details.sort_code, '108800');
    assert.equal(res.body.bank_details.account_number, '00733445');
    assert.deepEqual(res.body.vulnerability.reason, ['Health', 'Life event']);
    assert.equal(res.body.status, 'Pending');
    assert.equal(res.body.parent_id, null);
    assert.deepEqual(res.body.can_open_accounts_for, ['GIA', 'ISA', 'PENSION']);
    assert.equal(res.body.employers[0].address_detail.post_code, 'SO14 3TJ');

    const account = res.body.plannr_account;
    assert.equal(account.first_name, 'Ciara');
    assert.equal(account.date_of_birth, '1986-04-17');
    assert.deepEqual(
      account.external_references.map(
        (r: { provider: string; addon: string; reference: string }) => [
          r.provider,
          r.addon,
          r.reference,
        ],
      ),
      [['seccl', 'seccl', res.body.id]],
    );

    const held = h.sandbox.clients(h.firm.secclFirmId).find((c) => c.id === res.body.id);
    assert.ok(held, 'the sandbox holds the client');
    assert.equal(held.email, body.email);
    assert.equal(held.bankDetails?.sortCode, '108800');

    const read = await h.call('GET', `/api/v1/account/${account.uuid}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.data.external_references[0].reference, res.body.id);
  });

  test('onboards a minor whose parent is named by Seccl client id', async () => {
    const parent = await h.call('POST', route, { body: minimalAdult() });
    assert.equal(parent.status, 200, parent.text);

    const res = await h.call('POST', route, { body: minorBody(parent.body.id) });

    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.client_type, 'Individual Minor');
    assert.equal(res.body.parent_id, parent.body.id);
    assert.equal(res.body.node_id, '1', 'the minor takes the parent node');
    assert.deepEqual(res.body.can_open_accounts_for, ['JISA', 'PENSION']);
  });

  test('onboards a minor whose parent is named by CRM account UUID', async () => {
    const parent = await h.call('POST', route, { body: minimalAdult() });
    assert.equal(parent.status, 200, parent.text);

    const res = await h.call('POST', route, { body: minorBody(parent.body.plannr_account.uuid) });

    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.parent_id, parent.body.id);
  });

  test('answers 404 for a parent that does not exist, by either form', async () => {
    const bySeccl = await h.call('POST', route, { body: minorBody('ZZZZZZ9') });
    const byUuid = await h.call('POST', route, {
      body: minorBody('6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b'),
    });

    assert.equal(bySeccl.status, 404, bySeccl.text);
    assert.equal(byUuid.status, 404, byUuid.text);
  });

  test('links an existing client account given as account_uuid', async () => {
    const created = await h.call('POST', '/api/v1/account', {
      body: { first_name: 'Priya', surname: 'Shah', email: 'priya.shah@example.com' },
    });
    assert.equal(created.status, 201, created.text);
    const uuid = created.body.data.uuid;

    const res = await h.call('POST', route, {
      body: minimalAdult({ first_name: 'Priya', surname: 'Shah', account_uuid: uuid }),
    });

    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.plannr_account.uuid, uuid);
    assert.equal(res.body.plannr_account.external_references[0].reference, res.body.id);
  });

  test('answers 409 when the account is already linked to a Seccl client', async () => {
    const first = await h.call('POST', route, { body: minimalAdult() });
    const uuid = first.body.plannr_account.uuid;
    const before = h.sandbox.clients(h.firm.secclFirmId).length;

    const res = await h.call('POST', route, { body: minimalAdult({ account_uuid: uuid }) });

    assert.equal(res.status, 409, res.text);
    assert.equal(typeof res.body.message, 'string');
    assert.equal(h.sandbox.clients(h.firm.secclFirmId).length, before, 'nothing created on Seccl');
  });

  test('answers 404 for an account_uuid that is not a client account of the firm', async () => {
    const unknown = await h.call('POST', route, {
      body: minimalAdult({ account_uuid: '0b9e5f7c-1a2b-4c3d-8e9f-a0b1c2d3e4f5' }),
    });
    const employee = await h.call('POST', route, {
      body: minimalAdult({ account_uuid: h.firm.loginAccountId }),
    });

    assert.equal(unknown.status, 404, unknown.text);
    assert.equal(employee.status, 404, employee.text);
  });

  test('answers 404 for an unknown addon and for one the firm does not hold', async () => {
    const unknown = await h.call('POST', '/api/v1/addons/seccl/nope/client', {
      body: minimalAdult(),
    });
    const unsubscribed = await h.call('POST', '/api/v1/addons/seccl/octopus_money/client', {
      body: minimalAdult(),
    });

    assert.equal(unknown.status, 404);
    assert.match(unknown.body.message, /nope/);
    assert.equal(unsubscribed.status, 404);
    assert.match(unsubscribed.body.message, /octopus_money/);
  });

  test('maps a Seccl field error back to the request key as a 422', async () => {
    const body = minimalAdult();
    const first = await h.call('POST', route, { body });
    assert.equal(first.status, 200, first.text);

    const res = await h.call('POST', route, { body: minimalAdult({ email: body.email }) });

    assert.equal(res.status, 422, res.text);
    assert.deepEqual(Object.keys(res.body.errors), ['email']);
    assert.equal(typeof res.body.errors.email[0], 'string');
    assert.doesNotMatch(JSON.stringify(res.body), /firstName|addressDetail/);
  });

  test('answers every local rule failure at once in the Laravel shape', async () => {
    const before = h.sandbox.clients(h.firm.secclFirmId).length;

    const res = await h.call('POST', route, {
      body: {
        client_type: 'Individual',
        nationality: 'UK',
        requires_debit_mandate: true,
        nationalities: [
          { code: 'GB', identifiers: [{ name: 'NINO', available: false, value: 'AB123456C' }] },
        ],
      },
    });

    assert.equal(res.status, 422);
    for (const key of [
      'first_name',
      'surname',
      'email',
      'title',
      'node_id',
      'aml',
      'nationality',
      'bank_details',
      'nationalities.0.identifiers.0.value',
    ]) {
      assert.ok(res.body.errors[key], `error on ${key}: ${res.text}`);
    }
    const count = Object.values(res.body.errors as Record<string, string[]>).flat().length;
    assert.equal(
      res.body.message,
      `${res.body.errors[Object.keys(res.body.errors)[0]!][0]} (and ${count - 1} more errors)`,
    );
    assert.equal(h.sandbox.clients(h.firm.secclFirmId).length, before, 'nothing sent to Seccl');
  });
});

describe('looking up a minor parent on a failing Seccl', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ seccl: { readRetries: 0 } });
  });
  after(() => h.close());

  test('answers 503 with Retry-After, not a 500, when Seccl fails reading the parent', async () => {
    const parent = await h.call('POST', route, { body: minimalAdult() });
    assert.equal(parent.status, 200, parent.text);
    h.sandbox.faults.add({ status: 500, times: 1, match: { method: 'GET', path: '/client/' } });

    const res = await h.call('POST', route, { body: minorBody(parent.body.id) });

    assert.equal(res.status, 503, res.text);
    assert.ok(res.headers.get('retry-after'));
    assert.equal(typeof res.body.message, 'string');
  });

  test('answers 502 with Seccl type and message when Seccl refuses reading the parent', async () => {
    const parent = await h.call('POST', route, { body: minimalAdult() });
    h.sandbox.faults.add({ status: 400, times: 1, match: { method: 'GET', path: '/client/' } });

    const res = await h.call('POST', route, { body: minorBody(parent.body.id) });

    assert.equal(res.status, 502, res.text);
    assert.ok('seccl' in res.body);
  });
});

describe('Idempotency-Key forms', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('takes any string of up to 255 characters, spaces included, and replays on it', async () => {
    const body = minimalAdult();
    const headers = { 'idempotency-key': 'order 123 / retry' };

    const first = await h.call('POST', route, { body, headers });
    const again = await h.call('POST', route, { body, headers });

    assert.equal(first.status, 200, first.text);
    assert.deepEqual(again.body, first.body);
  });

  test('refuses an empty or over-long key with a 422 keyed idempotency_key', async () => {
    for (const key of [' ', 'k'.repeat(256)]) {
      const res = await h.call('POST', route, {
        body: minimalAdult(),
        headers: { 'idempotency-key': key },
      });

      assert.equal(res.status, 422, res.text);
      assert.ok(res.body.errors.idempotency_key);
    }
  });
});
