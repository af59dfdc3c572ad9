import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  isOutcomeUnknown,
  SecclError,
  SecclFieldErrors,
  SecclNetworkError,
  SecclTimeoutError,
  SecclUpstreamError,
} from './errors.js';
import {
  conn,
  hang,
  harness,
  ok,
  raw,
  reply,
  sealed,
  socketError,
  throws,
  token,
  type Step,
} from './test-support.js';
import type { SecclCreateClientBody } from './types.js';

const body: SecclCreateClientBody = {
  firmId: 'PKINV',
  nodeId: ['0'],
  clientType: 'Individual',
  title: 'Ms',
  firstName: 'Ada',
  surname: 'Example',
  email: 'ada@example.com',
  nationality: 'GB',
  termsAccepted: false,
  currency: 'GBP',
  language: 'en',
};
const key = '1f0c6f5e-8d0a-4c55-9a7e-6f1b2b7f9d10';
const auth = () => ({ 'POST /authenticate': [token('t1'), token('t2')] });

async function createFailure(step: Step, options = {}) {
  const { client, calls, sleeps } = harness({ ...auth(), 'POST /client': [step] }, options);
  const err = await client.createClient(conn, body, { idempotencyKey: key }).then(
    () => assert.fail('create should have failed'),
    (e: unknown) => e,
  );
  return { err, creates: calls.filter((c) => c.url.pathname === '/client').length, sleeps };
}

describe('SecclClient.createClient', () => {
  it('posts the body with Idempotency-Key, Content-Type and request id, and answers the id', async () => {
    const { client, calls } = harness({ ...auth(), 'POST /client': [ok({ id: '00DDB94' }, 201)] });

    const created = await client.createClient(conn, body, {
      idempotencyKey: key,
      requestId: 'r-1',
    });

    assert.deepEqual(created, { id: '00DDB94' });
    const create = calls[1];
    assert.equal(create?.url.href, 'https://seccl.invalid/client');
    assert.equal(create?.headers.get('idempotency-key'), key);
    assert.equal(create?.headers.get('content-type'), 'application/json');
    assert.equal(create?.headers.get('accept'), 'application/json');
    assert.equal(create?.headers.get('api-token'), 't1');
    assert.equal(create?.headers.get('x-request-id'), 'r-1');
    assert.deepEqual(JSON.parse(create?.body ?? ''), body);
  });

  it('does not retry a create on a 5xx, and calls its outcome unknown', async () => {
    const { err, creates, sleeps } = await createFailure(
      reply(503, undefined, { 'retry-after': '1' }),
    );

    assert.ok(err instanceof SecclUpstreamError);
    assert.equal(creates, 1);
    assert.deepEqual(sleeps, []);
    assert.equal(isOutcomeUnknown(err), true);
  });

  it('does not retry a create that timed out, and calls its outcome unknown', async () => {
    const { err, creates } = await createFailure(hang, { timeoutMs: 5 });

    assert.ok(err instanceof SecclTimeoutError);
    assert.equal(creates, 1);
    assert.equal(isOutcomeUnknown(err), true);
  });

  it('does not retry a create whose connection was reset, and calls its outcome unknown', async () => {
    const { err, creates } = await createFailure(throws(socketError('ECONNRESET')));

    assert.ok(err instanceof SecclNetworkError);
    assert.equal(err.neverSent, false);
    assert.equal(creates, 1);
    assert.equal(isOutcomeUnknown(err), true);
  });

  it('knows a refused connection never carried the create', async () => {
    const { err } = await createFailure(throws(socketError('ECONNREFUSED')));

    assert.ok(err instanceof SecclNetworkError);
    assert.equal(isOutcomeUnknown(err), false);
  });

  it('calls a 201 without data.id an unknown outcome: Seccl may have stored it', async () => {
    const { err } = await createFailure(ok({}, 201));

    assert.ok(err instanceof SecclUpstreamError);
    assert.match(err.message, /without data\.id/);
    assert.equal(isOutcomeUnknown(err), true);
  });

  it('calls a create unanswered when its 201 body is not JSON', async () => {
    const { err } = await createFailure(raw(201, 'Created'));

    assert.equal(isOutcomeUnknown(err), true);
  });

  it('surfaces field errors as a known refusal', async () => {
    const fieldErrors = [{ fieldName: 'email', errorMessage: 'Email ada@example.com is taken' }];
    const { err } = await createFailure(
      reply(400, { error: { errorMessage: 'Invalid', type: 'ValidationError', fieldErrors } }),
    );

    assert.ok(err instanceof SecclFieldErrors);
    assert.equal(err.fieldErrors[0]?.fieldName, 'email');
    assert.equal(isOutcomeUnknown(err), false);
    assert.doesNotMatch(err.message, /ada/);
  });

  it('repeats a create refused with 401 once, after renewing, with the same key', async () => {
    const { client, calls } = harness({
      ...auth(),
      'POST /client': [sealed(401), ok({ id: '00DDB94' }, 201)],
    });

    assert.deepEqual(await client.createClient(conn, body, { idempotencyKey: key }), {
      id: '00DDB94',
    });
    const creates = calls.filter((c) => c.url.pathname === '/client');
    assert.deepEqual(
      creates.map((c) => [c.headers.get('api-token'), c.headers.get('idempotency-key')]),
      [
        ['t1', key],
        ['t2', key],
      ],
    );
  });

  it('calls a failure while renewing the token a known outcome: the create was refused', async () => {
    const { client } = harness(
      {
        'POST /authenticate': [token('t1'), throws(socketError('ECONNRESET'))],
        'POST /client': [sealed(403)],
      },
      { readRetries: 0 },
    );

    const err = await client.createClient(conn, body, { idempotencyKey: key }).catch((e) => e);

    assert.ok(err instanceof SecclNetworkError);
    assert.equal(err.endpoint, 'POST /authenticate');
    assert.equal(isOutcomeUnknown(err), false);
  });

  it('refuses an empty or unsafe idempotency key before sending anything', async () => {
    const { client, calls } = harness({});

    for (const idempotencyKey of ['', 'a b', 'x\r\ny']) {
      await assert.rejects(client.createClient(conn, body, { idempotencyKey }), SecclError);
    }
    assert.equal(calls.length, 0);
  });
});
