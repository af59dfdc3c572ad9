/**
 * The request body itself, on the real server: what is read as JSON, what is refused before any
 * field rule runs, and that every refusal is a JSON answer with a message and nothing on Seccl.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { minimalAdult } from './support/bodies.js';
import { startHarness, type Harness } from './support/harness.js';
import { rawRequest, type RawAnswer } from './support/raw-request.js';

const route = '/api/v1/addons/seccl/seccl/client';
const LIMIT = 64 * 1024;

describe('the request body of POST /api/v1/addons/seccl/{addon}/client', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const held = () => h.sandbox.clients(h.firm.secclFirmId);

  /** Posts exactly `body` with the firm's token and `headers`, nothing else. */
  const post = (body: Buffer | string | undefined, headers: Record<string, string> = {}) =>
    rawRequest(`${h.url}${route}`, {
      headers: { authorization: `Bearer ${h.firm.token}`, ...headers },
      body,
    });
  const asJson = (body: Buffer | string, headers: Record<string, string> = {}) =>
    post(body, { 'content-type': 'application/json', ...headers });

  /** A refusal: the status, a JSON body holding only a message, and nothing sent to Seccl. */
  async function assertRefused(send: () => Promise<RawAnswer>, status: number, message: RegExp) {
    const before = held().length;

    const res = await send();

    assert.equal(res.status, status, res.text);
    assert.match(res.contentType ?? '', /^application\/json/);
    assert.deepEqual(Object.keys(res.json), ['message'], res.text);
    assert.match(res.json.message, message);
    assert.equal(held().length, before, 'nothing sent to Seccl');
  }

  /** An acceptance: 200 and the client on Seccl. */
  async function assertOnboarded(res: RawAnswer) {
    assert.equal(res.status, 200, res.text);
    assert.ok(held().some((client) => client.id === res.json.id));
  }

  describe('malformed JSON is a 400 that says so, never a list of missing fields', () => {
    for (const [label, text] of [
      ['a trailing comma', '{"first_name":"Ciara",}'],
      ['a number with a leading zero', '{"account_number": 00733445}'],
      ['a cut-off body', JSON.stringify(minimalAdult()).slice(0, 40)],
      ['single quotes', "{'first_name':'Ciara'}"],
    ]) {
      test(`answers 400 for ${label}`, () =>
        assertRefused(() => asJson(text!), 400, /^The request body is malformed JSON\.$/));
    }
  });

  describe('a body that is not JSON is 415', () => {
    const valid = JSON.stringify(minimalAdult());
    for (const type of [
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'application/xml',
      'application/jsonx',
      'application/vnd.api+json',
      'multipart/form-data; boundary=x',
    ]) {
      test(`answers 415 for ${type}`, () =>
        assertRefused(() => post(valid, { 'content-type': type }), 415, /must be JSON/));
    }

    test('answers 415 for a body with no Content-Type', () =>
      assertRefused(() => post(valid), 415, /must be JSON/));

    test('answers 415 for JSON in another charset than UTF-8', () =>
      assertRefused(
        () => asJson(valid, { 'content-type': 'application/json; charset=iso-8859-1' }),
        415,
        /UTF-8/,
      ));
  });

  describe('JSON is read whatever the spelling of its media type', () => {
    for (const type of [
      'application/json; charset=utf-8',
      'application/json; charset=UTF-8',
      'application/json;charset="utf-8"',
      'Application/JSON',
    ]) {
      test(`onboards with Content-Type: ${type}`, async () =>
        assertOnboarded(await post(JSON.stringify(minimalAdult()), { 'content-type': type })));
    }
  });

  describe('the size limit is 64 KiB', () => {
    /** A valid body padded with an unknown key to exactly `size` bytes. */
    const sized = (size: number) => {
      const text = JSON.stringify({ ...minimalAdult(), notes: '' });
      return `${text.slice(0, -2)}${'x'.repeat(size - text.length)}"}`;
    };

    test('onboards a body of exactly 64 KiB', async () => {
      const body = sized(LIMIT);
      assert.equal(Buffer.byteLength(body), LIMIT);

      await assertOnboarded(await asJson(body));
    });

    test('answers 413 for one byte more', () =>
      assertRefused(() => asJson(sized(LIMIT + 1)), 413, /too large/));
  });

  describe('an error is JSON whatever the Accept header says', () => {
    for (const accept of ['text/html', '*/*', 'application/xml', undefined]) {
      test(`answers a JSON 422, 415 and 404 with Accept: ${accept ?? '(none)'}`, async () => {
        const headers: Record<string, string> = accept ? { accept } : {};

        const invalid = await asJson('{}', headers);
        const notJson = await post('a=b', { 'content-type': 'text/plain', ...headers });
        const unknown = await rawRequest(`${h.url}/nowhere`, { method: 'GET', headers });

        assert.equal(invalid.status, 422);
        assert.ok(invalid.json.errors.client_type);
        assert.equal(notJson.status, 415);
        assert.equal(unknown.status, 404);
        for (const res of [invalid, notJson, unknown]) {
          assert.match(res.contentType ?? '', /^application\/json/);
          assert.equal(typeof res.json.message, 'string');
        }
      });
    }
  });

  describe('an empty body is 400', () => {
    test('answers 400 for an empty JSON body', () => assertRefused(() => asJson(''), 400, /empty/));
    test('answers 400 for a body of white space', () =>
      assertRefused(() => asJson(' \r\n\t'), 400, /empty/));
    test('answers 400 for no body and no Content-Type', () =>
      assertRefused(() => post(undefined), 400, /empty/));
  });

  describe('JSON that is not an object is one 422 error on body', () => {
    for (const text of [
      '[]',
      '[{"client_type":"Individual"}]',
      '"Individual"',
      '42',
      'true',
      'null',
    ]) {
      test(`answers 422 on body alone for ${text}`, async () => {
        const res = await asJson(text);

        assert.equal(res.status, 422, res.text);
        assert.deepEqual(res.json, {
          message: 'The request body must be a JSON object.',
          errors: { body: ['The request body must be a JSON object.'] },
        });
      });
    }
  });

  describe('keys that could reach a prototype poison nothing', () => {
    test('answers 400 naming __proto__, at the top or deep inside, and pollutes nothing', async () => {
      const valid = JSON.stringify(minimalAdult());
      const top = `{"__proto__":{"polluted":true},${valid.slice(1)}`;
      const deep = valid.replace(
        '{',
        '{"nationalities":[{"code":"GB","__proto__":{"polluted":1}}],',
      );

      await assertRefused(() => asJson(top), 400, /key named __proto__/);
      await assertRefused(() => asJson(deep), 400, /key named __proto__/);

      assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
    });

    test('answers 400 naming constructor.prototype', () =>
      assertRefused(
        () => asJson('{"constructor":{"prototype":{"polluted":true}}}'),
        400,
        /constructor\.prototype/,
      ));

    test('ignores a plain constructor key like any unknown key', async () => {
      const res = await asJson(JSON.stringify({ ...minimalAdult(), constructor: 'Individual' }));

      await assertOnboarded(res);
      const client = held().find((c) => c.id === res.json.id)!;
      assert.equal(Object.hasOwn(client, 'constructor'), false);
    });
  });

  describe('duplicate keys: the last one counts, for the rules and for Seccl alike', () => {
    test('sends Seccl the last of two emails', async () => {
      const body = minimalAdult();
      const first = String(body.email);
      const last = first.replace('@', '.last@');
      const text = `${JSON.stringify(body).slice(0, -1)},"email":"${last}"}`;

      const res = await asJson(text);

      await assertOnboarded(res);
      assert.equal(held().find((c) => c.id === res.json.id)!.email, last);
    });

    test('checks the last of two values: a valid one then a bad one is a 422', async () => {
      const text = JSON.stringify(minimalAdult({ nationality: 'GB' }));

      const res = await asJson(`${text.slice(0, -1)},"nationality":"UK"}`);

      assert.equal(res.status, 422, res.text);
      assert.deepEqual(Object.keys(res.json.errors), ['nationality']);
    });
  });

  describe('encoding', () => {
    test('onboards a body that starts with a UTF-8 byte order mark', async () => {
      const body = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(JSON.stringify(minimalAdult({ first_name: 'Zoë' }))),
      ]);

      const res = await asJson(body);

      await assertOnboarded(res);
      assert.equal(res.json.first_name, 'Zoë');
    });

    test('answers 400 for bytes that are not UTF-8, rather than storing U+FFFD in a name', () => {
      const text = JSON.stringify(minimalAdult({ first_name: 'Zo__' }));
      const [head, tail] = text.split('__') as [string, string];
      const body = Buffer.concat([Buffer.from(head), Buffer.from([0xeb, 0xff]), Buffer.from(tail)]);

      return assertRefused(() => asJson(body), 400, /not valid UTF-8/);
    });
  });

  describe('deeply nested JSON is answered, never a stack overflow or a 500', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

    test('answers 422 on body for a list nested 30000 deep', async () => {
      const res = await asJson(nested(30_000));

      assert.equal(res.status, 422, res.text);
      assert.deepEqual(Object.keys(res.json.errors), ['body']);
    });

    test('answers 422 on the key for deep nesting where a list of objects goes', async () => {
      const text = JSON.stringify(minimalAdult({ nationalities: 'HERE', employers: 'THERE' }));
      const body = text.replace('"HERE"', nested(15_000)).replace('"THERE"', nested(15_000));

      const res = await asJson(body);

      assert.equal(res.status, 422, res.text);
      assert.deepEqual(Object.keys(res.json.errors).sort(), [
        'employers.0',
        'nationalities',
        'nationalities.0',
      ]);
    });

    test('onboards a valid body whose unknown key holds deep nesting, ignoring it', async () => {
      const text = JSON.stringify(minimalAdult({ junk: 'HERE' }));
      const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);

      await assertOnboarded(await asJson(text.replace('"HERE"', deepObject)));
    });
  });
});
