/**
 * Every row of `shared/cases/README.md` through the real route, with the sandbox on a real
 * socket: an accepted input must reach Seccl normalised (asserted on what the sandbox holds), a
 * refused one is a 422 on exactly its keys with nothing sent to Seccl. The clock stands at noon
 * UTC on 2026-03-10 (London is on GMT then) unless an input moves it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { Clock } from '../src/rules/index.js';
import { minimalAdult } from './support/bodies.js';
import {
  adult,
  bank,
  CASE_ROWS,
  FRESH,
  PARENT,
  TODAY,
  type Body,
  type Input,
} from './support/case-rows.js';
import { startHarness, type Answer, type Harness } from './support/harness.js';
import { rawRequest } from './support/raw-request.js';

const route = '/api/v1/addons/seccl/seccl/client';

describe('the cases of shared/cases/README.md at the route', () => {
  let h: Harness;
  let instant = Date.parse(TODAY);
  const clock: Clock = { now: () => new Date(instant) };
  const held = () => h.sandbox.clients(h.firm.secclFirmId);
  let parentId = '';

  /** The body to send, with a new email and the parent's id where the row asks for them. */
  const fill = (body: Body): Body => ({
    ...body,
    ...(body.email === FRESH ? { email: minimalAdult().email } : {}),
    ...(body.parent_id === PARENT ? { parent_id: parentId } : {}),
  });

  before(async () => {
    h = await startHarness({ clock });
    const parent = await h.call('POST', route, { body: fill(adult()) });
    assert.equal(parent.status, 200, parent.text);
    parentId = parent.body.id;
  });
  after(() => h.close());

  async function run(input: Input): Promise<void> {
    const before = held().length;
    instant = Date.parse(input.at ?? TODAY);
    let res: Answer;
    try {
      res = await h.call('POST', route, { body: fill(input.body) });
    } finally {
      instant = Date.parse(TODAY);
    }

    if (input.keys) {
      assert.equal(res.status, 422, res.text);
      assert.deepEqual(Object.keys(res.body.errors).sort(), [...input.keys].sort(), res.text);
      assert.equal(held().length, before, 'nothing sent to Seccl');
      return;
    }
    assert.equal(res.status, 200, res.text);
    const client = held().find((c) => c.id === res.body.id);
    assert.ok(client, 'Seccl holds the client');
    input.held?.(client, res);
  }

  for (const row of CASE_ROWS) {
    describe(`${row.id} ${row.fault}`, () => {
      for (const input of row.inputs) test(`${row.id} ${input.label}`, () => run(input));
    });
  }

  describe('C05 (c) leading zeros in a JSON number', () => {
    test('C05 (c) is malformed JSON: 400 before any rule runs, nothing sent to Seccl', async () => {
      const before = held().length;
      const text = JSON.stringify(bank('108800', 'X')).replace('"X"', '00733445');

      const res = await h.call('POST', route, { raw: text });

      assert.equal(res.status, 400, res.text);
      assert.deepEqual(res.body, { message: 'The request body is malformed JSON.' });
      assert.equal(held().length, before);
    });
  });

  describe('C22 broken JSON, other media types and Accept headers', () => {
    const post = (body: string, headers: Record<string, string>) =>
      rawRequest(`${h.url}${route}`, {
        headers: { authorization: `Bearer ${h.firm.token}`, ...headers },
        body,
      });

    test('C22 (a) a trailing comma is 400 "malformed JSON", not a list of missing fields', async () => {
      const res = await post('{"first_name":"Ciara",}', { 'content-type': 'application/json' });

      assert.equal(res.status, 400);
      assert.deepEqual(res.json, { message: 'The request body is malformed JSON.' });
    });

    test('C22 (b) a valid body sent as text/plain is 415, with no field errors', async () => {
      const before = held().length;

      const res = await post(JSON.stringify(fill(adult())), { 'content-type': 'text/plain' });

      assert.equal(res.status, 415);
      assert.equal(res.json.errors, undefined);
      assert.equal(held().length, before);
    });

    test('C22 (c) Content-Type: application/json; charset=UTF-8 is read as JSON', async () => {
      const body = fill(adult());

      const res = await post(JSON.stringify(body), {
        'content-type': 'application/json; charset=UTF-8',
      });

      assert.equal(res.status, 200, res.text);
      assert.equal(held().find((c) => c.id === res.json.id)?.email, body.email);
    });

    test('C22 (d) an invalid body without an Accept header is a JSON 422, never a redirect', async () => {
      const res = await post(JSON.stringify(fill(adult({ title: 'Sir' }))), {
        'content-type': 'application/json',
      });

      assert.equal(res.status, 422);
      assert.match(res.contentType ?? '', /^application\/json/);
      assert.deepEqual(Object.keys(res.json.errors), ['title']);
    });
  });

  describe('C23 a retried POST with the same Idempotency-Key', () => {
    test('C23 the retry after a lost answer gets the first result; a new body is a 422', async () => {
      const body = fill(adult());
      const key = '7f3e9c2a-5b1d-4e8f-9a6c-2d4b8e0f1a3c';
      const headers = { 'idempotency-key': key };
      // Seccl is slow on this create, and the caller gives up long before it answers.
      h.sandbox.faults.add({ delayMs: 800, times: 1, match: { method: 'POST', path: '/client' } });
      const lost = fetch(`${h.url}${route}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${h.firm.token}`,
          'content-type': 'application/json',
          ...headers,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(100),
      });
      await assert.rejects(lost);

      const retry = await untilSettled(() => h.call('POST', route, { body, headers }));
      const again = await h.call('POST', route, { body, headers });
      const otherEmail = await h.call('POST', route, {
        body: { ...body, email: `x.${body.email}` },
        headers,
      });

      assert.equal(retry.status, 200, retry.text);
      assert.equal(again.status, 200);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.body.id, retry.body.id);
      assert.deepEqual(again.body, retry.body);
      const same = held().filter((c) => c.email === body.email);
      assert.deepEqual(
        same.map((c) => c.id),
        [retry.body.id],
        'one Seccl client',
      );
      const account = await h.call('GET', `/api/v1/account/${retry.body.plannr_account.uuid}`);
      assert.deepEqual(
        account.body.data.external_references.map((r: { reference: string }) => r.reference),
        [retry.body.id],
      );
      assert.equal(otherEmail.status, 422, otherEmail.text);
      assert.deepEqual(Object.keys(otherEmail.body.errors), ['idempotency_key']);
      assert.equal(held().filter((c) => c.email === `x.${body.email}`).length, 0, 'no create');
    });

    test('C23 keys are scoped to the caller: another firm with the same key is its own request', async () => {
      const key = 'c23-scoped-key';
      const mine = await h.call('POST', route, {
        body: fill(adult()),
        headers: { 'idempotency-key': key },
      });
      const other = await h.addFirm();

      const theirs = await h.call('POST', route, {
        body: fill(adult()),
        headers: { 'idempotency-key': key },
        token: other.token,
      });

      assert.equal(mine.status, 200, mine.text);
      assert.equal(theirs.status, 200, theirs.text);
      assert.equal(theirs.headers.get('idempotent-replayed'), null);
      assert.notEqual(theirs.body.id, mine.body.id);
      assert.ok(h.sandbox.clients(other.secclFirmId).some((c) => c.id === theirs.body.id));
    });
  });
});

/** Calls again while the twin is still in flight (409), a bounded number of times. */
async function untilSettled(call: () => Promise<Answer>): Promise<Answer> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const res = await call();
    if (res.status !== 409) return res;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the first request never finished');
}
