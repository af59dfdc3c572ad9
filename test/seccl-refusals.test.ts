/**
 * Seccl's own refusals at the route. The sandbox refuses some bodies the product's rules let
 * through (an email already in use, an unknown node, a company name over 255 characters, a
 * parent who is a minor); a tiny scripted Seccl of this file's own, on 127.0.0.1, refuses any
 * field by name. Either way the caller sees its own snake_case keys, never Seccl's names, and
 * a refusal of a field the product sets itself is a 502.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';

import { eq } from 'drizzle-orm';
import { accounts } from '../src/db/schema.js';
import { SECCL_FIELD_TO_REQUEST_KEY } from '../src/onboarding/field-errors.js';
import { minimalAdult, minorBody } from './support/bodies.js';
import { startHarness, type Firm, type Harness } from './support/harness.js';

const route = '/api/v1/addons/seccl/seccl/client';

interface Refusal {
  fieldName: string;
  errorMessage: string;
}

/** A Seccl that authenticates anyone and refuses every create with `refusals`. */
async function scriptedSeccl(): Promise<{
  url: string;
  refuse: Refusal[];
  close(): Promise<void>;
}> {
  const script = { refuse: [] as Refusal[] };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && req.url === '/authenticate') {
        res.end(JSON.stringify({ data: { token: 'scripted-token' } }));
        return;
      }
      const fieldErrors = script.refuse.map((r) => ({ ...r, type: 'invalid' }));
      res.statusCode = req.method === 'POST' && req.url === '/client' ? 400 : 404;
      res.end(
        JSON.stringify({
          error: { type: 'ValidationError', errorMessage: 'Invalid client', fieldErrors },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get refuse() {
      return script.refuse;
    },
    set refuse(list: Refusal[]) {
      script.refuse = list;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** True when `text` holds a Seccl field name: camelCase, or an index in brackets. */
const secclNames = (text: string) => /\b[a-z]+[A-Z]\w*\b|\[\d+\]/.test(text);

describe("Seccl's own refusals of fields", () => {
  let h: Harness;
  let seccl: Awaited<ReturnType<typeof scriptedSeccl>>;
  let scripted: Firm;

  before(async () => {
    h = await startHarness();
    seccl = await scriptedSeccl();
    scripted = await h.addFirm();
    const current = await h.app.subscriptions.find(scripted.id, 'seccl');
    await h.app.subscriptions.upsert({
      firmId: scripted.id,
      addon: 'seccl',
      enabled: true,
      config: { ...current!.config, baseUrl: seccl.url },
    });
  });
  after(async () => {
    await h.close();
    await seccl.close();
  });

  const clientAccounts = async (firmId: string) =>
    (await h.database.db.select().from(accounts).where(eq(accounts.firmId, firmId))).filter(
      (a) => a.type === 'client',
    ).length;

  describe('the sandbox refuses what the rules let through', () => {
    test('answers 422 on email, node_id and employers.0.company_name at once, creating nothing', async () => {
      const first = await h.call('POST', route, { body: minimalAdult() });
      assert.equal(first.status, 200, first.text);
      const crmBefore = await clientAccounts(h.firm.id);
      const held = h.sandbox.clients(h.firm.secclFirmId).length;

      const res = await h.call('POST', route, {
        body: minimalAdult({
          email: String(first.body.email).toUpperCase(),
          node_id: '99',
          employers: [{ company_name: 'Solent Marine '.repeat(25) }],
        }),
      });

      assert.equal(res.status, 422, res.text);
      assert.deepEqual(Object.keys(res.body.errors).sort(), [
        'email',
        'employers.0.company_name',
        'node_id',
      ]);
      assert.match(res.body.errors.email[0], /^The email field was refused by the platform: /);
      assert.equal(secclNames(res.text), false, res.text);
      assert.equal(h.sandbox.clients(h.firm.secclFirmId).length, held);
      assert.equal(await clientAccounts(h.firm.id), crmBefore, 'nothing created in the CRM');
    });

    test('answers 422 on parent_id when the parent is itself a minor', async () => {
      const parent = await h.call('POST', route, { body: minimalAdult() });
      const child = await h.call('POST', route, { body: minorBody(parent.body.id) });
      assert.equal(child.status, 200, child.text);

      const res = await h.call('POST', route, { body: minorBody(child.body.id) });

      assert.equal(res.status, 422, res.text);
      assert.deepEqual(Object.keys(res.body.errors), ['parent_id']);
      assert.equal(secclNames(res.text), false, res.text);
    });
  });

  describe('a scripted Seccl refuses fields by name', () => {
    const send = (body: Record<string, unknown> = minimalAdult()) =>
      h.call('POST', route, { body, token: scripted.token });

    test('maps every field the product can send back to the request key it came from', async () => {
      const names = Object.keys(SECCL_FIELD_TO_REQUEST_KEY).map((name) =>
        name.replace(/\.\*/g, '[0]'),
      );
      seccl.refuse = names.map((fieldName) => ({ fieldName, errorMessage: `Bad ${fieldName}` }));
      const expected = new Set(
        Object.values(SECCL_FIELD_TO_REQUEST_KEY).map((key) => key.replace(/\*/g, '0')),
      );

      const res = await send();

      assert.equal(res.status, 422, res.text);
      assert.deepEqual(new Set(Object.keys(res.body.errors)), expected);
      assert.equal(secclNames(res.text), false, res.text);
      assert.equal(await clientAccounts(scripted.id), 0, 'nothing created in the CRM');
    });

    test('C09 an internationalised domain the platform refuses is a 422 on email with its reason', async () => {
      seccl.refuse = [{ fieldName: 'email', errorMessage: 'IDN domains are not supported' }];

      const res = await send(minimalAdult({ email: 'zoe@bücher.example' }));

      assert.equal(res.status, 422, res.text);
      assert.deepEqual(res.body.errors, {
        email: ['The email field was refused by the platform: IDN domains are not supported.'],
      });
    });

    test('C12 a Kosovo nationality the platform refuses is a 422 on each field with its reason', async () => {
      seccl.refuse = [
        { fieldName: 'nationality', errorMessage: 'Unknown country XK' },
        { fieldName: 'nationalities[0].code', errorMessage: 'Unknown country XK' },
      ];
      const concat = { name: 'CONCAT', available: true };

      const res = await send(
        minimalAdult({ nationality: 'XK', nationalities: [{ code: 'XK', identifiers: [concat] }] }),
      );

      assert.equal(res.status, 422, res.text);
      assert.deepEqual(res.body.errors, {
        nationality: ['The nationality field was refused by the platform: Unknown country XK.'],
        'nationalities.0.code': [
          'The nationalities.0.code field was refused by the platform: Unknown country XK.',
        ],
      });
    });

    for (const fieldName of ['firmId', 'termsAccepted', 'currency', 'language']) {
      test(`answers 502 when Seccl refuses ${fieldName}, which the product sets`, async () => {
        seccl.refuse = [{ fieldName, errorMessage: 'Not accepted' }];

        const res = await send();

        assert.equal(res.status, 502, res.text);
        assert.equal(res.body.errors, undefined);
        assert.deepEqual(res.body.seccl, { type: 'ValidationError', message: 'Invalid client' });
      });
    }

    test('answers 502 when a product field is refused beside a caller field', async () => {
      seccl.refuse = [
        { fieldName: 'email', errorMessage: 'Taken' },
        { fieldName: 'currency', errorMessage: 'Not accepted' },
      ];

      const res = await send();

      assert.equal(res.status, 502, res.text);
      assert.equal(await clientAccounts(scripted.id), 0);
    });
  });
});
