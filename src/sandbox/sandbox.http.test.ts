import assert from 'node:assert/strict';
import { request } from 'node:http';
import fc from 'fast-check';
import { after, before, describe, it } from 'node:test';
import { BODY_LIMIT_BYTES } from './http-io.js';
import { FIRM, adultBody, call, signIn, startTestSandbox } from './test-kit.js';
import type { Sandbox } from './types.js';

const lines: Record<string, unknown>[] = [];
let sandbox: Sandbox;
let token: string;
before(async () => {
  sandbox = await startTestSandbox({
    logger: (line) => lines.push(line as Record<string, unknown>),
  });
  token = await signIn(sandbox);
});
after(() => sandbox.close());

/** Sends bytes exactly as given, for bodies `fetch` would not produce. */
function rawRequest(path: string, payload: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.url}${path}`, { method: 'POST' }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('HTTP edges', () => {
  it('answers 404 in an error envelope for an unknown route', async () => {
    for (const path of ['/nothing', '/client/TESTF/ABC1234/extra', '/client/']) {
      const answer = await call(sandbox, 'GET', path, { token });
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body.error.type, 'NotFoundError');
    }
  });

  it('answers 405 with Allow for a known route and the wrong method', async () => {
    const answer = await call(sandbox, 'DELETE', `/client/${FIRM}/ABC1234`, { token });

    assert.equal(answer.status, 405);
    assert.equal(answer.headers.get('allow'), 'GET');
    assert.equal(answer.body.error.type, 'MethodNotAllowedError');
  });

  it('answers 400 for malformed JSON, without quoting the body back', async () => {
    const answer = await call(sandbox, 'POST', '/client', { token, raw: '{"firstName":"Ciara",}' });

    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.errorMessage, 'The body is not valid JSON.');
  });

  it('answers 400 for an account number written as a bare number with leading zeros', async () => {
    const answer = await rawRequest('/authenticate', '{"accountNumber": 00733445}');

    assert.equal(answer.status, 400);
    assert.equal(JSON.parse(answer.text).error.type, 'BadRequestError');
  });

  it('answers 415 for a body declared as something other than JSON', async () => {
    const answer = await call(sandbox, 'POST', '/client', {
      token,
      raw: JSON.stringify(adultBody()),
      headers: { 'content-type': 'text/plain' },
    });

    assert.equal(answer.status, 415);
  });

  it('reads JSON declared with a charset', async () => {
    const answer = await call(sandbox, 'POST', '/authenticate', {
      body: { firmId: FIRM, id: 'nobody', password: 'x' },
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });

    assert.equal(answer.status, 401);
  });

  it('answers 413 for a body over 1 MiB and still serves the next request', async () => {
    const big = JSON.stringify({ firstName: 'x'.repeat(BODY_LIMIT_BYTES) });

    const answer = await call(sandbox, 'POST', '/client', { token, raw: big });
    const next = await call(sandbox, 'GET', `/node/${FIRM}`, { token });

    assert.equal(answer.status, 413);
    assert.equal(answer.body.error.type, 'PayloadTooLargeError');
    assert.equal(next.status, 200);
  });

  it('answers 400 for a body nested too deeply instead of overflowing the stack', async () => {
    const raw = '['.repeat(200_000) + ']'.repeat(200_000);

    const answer = await call(sandbox, 'POST', '/client', { token, raw });

    assert.equal(answer.status, 400);
    assert.match(answer.body.error.errorMessage, /nests deeper/);
  });

  it('never answers 500 to any JSON body, and keeps serving', async () => {
    const keys = Object.keys(adultBody());
    const value = fc.jsonValue({ maxDepth: 3 });
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(fc.constantFrom(...keys), value),
      fc.record(Object.fromEntries(keys.map((key) => [key, value]))),
      fc
        .tuple(fc.constantFrom(...keys), value)
        .map(([key, bad]) => ({ ...adultBody({ email: undefined }), [key]: bad })),
    );

    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        const answer = await call(sandbox, 'POST', '/client', { token, raw: JSON.stringify(sent) });
        assert.ok([201, 400, 403].includes(answer.status), `${answer.status}`);
        assert.ok(answer.body.data || answer.body.error);
      }),
      { numRuns: 150, seed: 20261204 },
    );
    assert.equal((await call(sandbox, 'GET', `/node/${FIRM}`, { token })).status, 200);
  });

  it('answers 400 for a path with broken percent-encoding', async () => {
    const answer = await call(sandbox, 'GET', `/client/${FIRM}/%E0%A4%A`, { token });

    assert.equal(answer.status, 400);
  });

  it('logs one line per request with no body, token or query value in it', async () => {
    lines.length = 0;
    const email = 'log.check@example.com';

    await call(sandbox, 'POST', '/client', { token, body: adultBody({ email }) });
    await call(sandbox, 'GET', `/client/${FIRM}?email=${encodeURIComponent(email)}`, { token });

    assert.equal(lines.length, 2);
    assert.deepEqual(lines[1], {
      ...lines[1],
      method: 'GET',
      path: `/client/${FIRM}`,
      query: ['email'],
      status: 200,
    });
    assert.equal(typeof lines[0]?.ms, 'number');
    const logged = JSON.stringify(lines);
    for (const secret of [email, token, 'Ciara', 'AB123456C', '00733445']) {
      assert.ok(!logged.includes(secret), `log holds ${secret}`);
    }
  });
});

describe('control routes', () => {
  it('add, list and clear faults over HTTP', async () => {
    const added = await call(sandbox, 'POST', '/__sandbox/faults', {
      body: { status: 502, match: { path: '/node' } },
    });
    const failing = await call(sandbox, 'GET', `/node/${FIRM}`, { token });
    const cleared = await call(sandbox, 'DELETE', `/__sandbox/faults/${added.body.id}`);
    const working = await call(sandbox, 'GET', `/node/${FIRM}`, { token });

    assert.equal(added.status, 201);
    assert.match(added.body.id, /^fault-/);
    assert.equal(failing.status, 502);
    assert.equal(failing.body.error.type, 'InjectedFault');
    assert.equal(cleared.status, 204);
    assert.equal(working.status, 200);
    assert.equal((await call(sandbox, 'DELETE', `/__sandbox/faults/${added.body.id}`)).status, 404);
  });

  it('refuse a malformed fault with field errors', async () => {
    const answer = await call(sandbox, 'POST', '/__sandbox/faults', { body: { status: 'soon' } });

    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.fieldErrors[0].fieldName, 'status');
  });

  it('start and stop a random campaign', async () => {
    const on = await call(sandbox, 'POST', '/__sandbox/faults/random', {
      body: { seed: 3, rate: 1, kinds: ['5xx'] },
    });
    const failing = await call(sandbox, 'GET', `/node/${FIRM}`, { token });
    const off = await call(sandbox, 'POST', '/__sandbox/faults/random', { raw: 'null' });
    const working = await call(sandbox, 'GET', `/node/${FIRM}`, { token });

    assert.equal(on.status, 204);
    assert.ok([500, 502, 503].includes(failing.status));
    assert.equal(off.status, 204);
    assert.equal(working.status, 200);
  });

  it('add a firm and list held clients without a token', async () => {
    const added = await call(sandbox, 'POST', '/__sandbox/firms', {
      body: { firmId: 'NEWFM', users: [{ id: 'new1', password: 'pw-new' }] },
    });
    const newToken = await signIn(sandbox, 'NEWFM', { id: 'new1', password: 'pw-new' });
    await call(sandbox, 'POST', '/client', {
      token: newToken,
      body: adultBody({ firmId: 'NEWFM', nodeId: ['0'], email: 'new.firm@example.com' }),
    });
    const held = await call(sandbox, 'GET', '/__sandbox/clients?firmId=NEWFM');

    assert.deepEqual(added.body, { firmId: 'NEWFM' });
    assert.deepEqual(
      held.body.clients.map((c: { email: string }) => c.email),
      ['new.firm@example.com'],
    );
    assert.equal(
      (await call(sandbox, 'POST', '/__sandbox/firms', { body: { users: [] } })).status,
      400,
    );
  });

  it('are absent when control is off', async () => {
    const closed = await startTestSandbox({ control: false });
    try {
      const answer = await call(closed, 'GET', '/__sandbox/clients');
      assert.equal(answer.status, 404);
    } finally {
      await closed.close();
    }
  });
});
