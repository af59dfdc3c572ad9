import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  SecclNetworkError,
  SecclRateLimitedError,
  SecclTimeoutError,
  SecclUpstreamError,
} from './errors.js';
import {
  conn,
  hang,
  harness,
  ok,
  reply,
  socketError,
  START_MS,
  throws,
  token,
  keepAliveUntil,
  type Step,
} from './test-support.js';

const client1 = { id: 'C000001', firmId: 'PKINV', nodeId: ['0'], status: 'Pending' };
const getPath = 'GET /client/PKINV/C000001';
const auth = () => ({ 'POST /authenticate': [token('t1')] });

describe('SecclClient reads', () => {
  it('sends Accept and the caller request id, and no Content-Type without a body', async () => {
    const { client, calls } = harness({ ...auth(), [getPath]: [ok(client1)] });

    await client.getClient(conn, 'C000001', { requestId: 'req-42' });

    const get = calls[1];
    assert.equal(get?.headers.get('accept'), 'application/json');
    assert.equal(get?.headers.get('x-request-id'), 'req-42');
    assert.equal(get?.headers.get('content-type'), null);
    assert.equal(calls[0]?.headers.get('x-request-id'), 'req-42');
  });

  it('drops a request id that is not a plain header token instead of failing', async () => {
    const { client, calls } = harness({ ...auth(), [getPath]: [ok(client1)] });

    await client.getClient(conn, 'C000001', { requestId: 'bad\r\nx-evil: 1' });

    assert.equal(calls[1]?.headers.get('x-request-id'), null);
  });

  it('retries a 503 after the Retry-After seconds it names', async () => {
    const { client, sleeps } = harness({
      ...auth(),
      [getPath]: [reply(503, undefined, { 'retry-after': '2' }), ok(client1)],
    });

    await client.getClient(conn, 'C000001');

    assert.deepEqual(sleeps, [2000]);
  });

  it('honours a Retry-After HTTP date on a 429, and caps a long one at 30 s', async () => {
    const { client, sleeps } = harness({
      ...auth(),
      [getPath]: [
        reply(429, undefined, { 'retry-after': new Date(START_MS + 3000).toUTCString() }),
        reply(429, undefined, { 'retry-after': '120' }),
        ok(client1),
      ],
    });

    await client.getClient(conn, 'C000001');

    assert.deepEqual(sleeps, [3000, 30_000]);
  });

  it('backs off with full jitter and throws the last error once the retries are spent', async () => {
    const { client, sleeps, calls } = harness(
      { ...auth(), [getPath]: [reply(500), reply(502), reply(504), reply(500)] },
      { readRetries: 3 },
    );

    await assert.rejects(client.getClient(conn, 'C000001'), (err: unknown) => {
      assert.ok(err instanceof SecclUpstreamError);
      assert.equal(err.status, 500);
      return true;
    });
    assert.deepEqual(sleeps, [100, 200, 400]);
    assert.equal(calls.length, 5);
  });

  it('retries network errors and timeouts on reads', async () => {
    const { client, sleeps } = harness(
      { ...auth(), [getPath]: [throws(socketError('ECONNRESET')), hang, ok(client1)] },
      { timeoutMs: 5 },
    );

    const record = await client.getClient(conn, 'C000001');

    assert.equal(record.id, 'C000001');
    assert.equal(sleeps.length, 2);
  });

  it('gives a 429 without Retry-After as SecclRateLimitedError once retries are spent', async () => {
    const { client } = harness({ ...auth(), [getPath]: [reply(429)] }, { readRetries: 0 });

    await assert.rejects(client.getClient(conn, 'C000001'), (err: unknown) => {
      assert.ok(err instanceof SecclRateLimitedError);
      assert.equal(err.retryAfterSeconds, undefined);
      return true;
    });
  });

  it('times out an attempt that never answers', async () => {
    const { client } = harness({ ...auth(), [getPath]: [hang] }, { timeoutMs: 5, readRetries: 0 });

    await assert.rejects(client.getClient(conn, 'C000001'), (err: unknown) => {
      assert.ok(err instanceof SecclTimeoutError);
      assert.equal(err.endpoint, 'GET /client/{firmId}/{clientId}');
      return true;
    });
  });

  it('times out a body that stops arriving after the headers', async () => {
    const stalled: Step = ({ signal }) => {
      keepAliveUntil(signal);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"data":'));
        },
      });
      return new Response(body, { status: 200 });
    };
    const { client } = harness(
      { ...auth(), [getPath]: [stalled] },
      { timeoutMs: 5, readRetries: 0 },
    );

    await assert.rejects(client.getClient(conn, 'C000001'), (err: unknown) => {
      assert.ok(err instanceof SecclTimeoutError);
      assert.equal(err.status, 200);
      return true;
    });
  });

  it('keeps the transport error as cause of a network error', async () => {
    const failure = socketError('ECONNREFUSED');
    const { client } = harness({ 'POST /authenticate': [throws(failure)] }, { readRetries: 0 });

    await assert.rejects(client.getClient(conn, 'C000001'), (err: unknown) => {
      assert.ok(err instanceof SecclNetworkError);
      assert.equal(err.cause, failure);
      assert.equal(err.neverSent, true);
      return true;
    });
  });

  it('searches with the filters as query parameters and reads meta.count', async () => {
    const { client, calls } = harness({
      ...auth(),
      'GET /client/PKINV': [
        reply(200, { data: [client1], meta: { count: 7, page: 1, pageSize: 100 } }),
      ],
    });

    const found = await client.searchClients(conn, {
      email: 'a+b@example.com',
      surname: "O'Brien & Co",
      dateOfBirth: '1980-01-02',
    });

    assert.deepEqual(found, { items: [client1], count: 7 });
    const query = Object.fromEntries(calls[1]?.url.searchParams ?? []);
    assert.deepEqual(query, {
      page: '1',
      pageSize: '100',
      email: 'a+b@example.com',
      surname: "O'Brien & Co",
      dateOfBirth: '1980-01-02',
    });
  });

  it('counts the items when Seccl sends no meta', async () => {
    const { client } = harness({ ...auth(), 'GET /client/PKINV': [ok([client1, client1])] });

    assert.equal((await client.searchClients(conn, { page: 2, pageSize: 2 })).count, 2);
  });

  it('lists nodes, and rejects a list that is not one', async () => {
    const nodes = [
      { id: '0', name: 'Firm' },
      { id: '1', name: 'Branch', parentId: '0' },
    ];
    const { client } = harness({ ...auth(), 'GET /node/PKINV': [ok(nodes), ok({ id: '0' })] });

    assert.deepEqual(await client.listNodes(conn), nodes);
    await assert.rejects(client.listNodes(conn), SecclUpstreamError);
  });
});
