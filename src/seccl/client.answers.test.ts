import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { SecclFieldErrors, SecclNotFoundError, SecclUpstreamError } from './errors.js';
import { conn, harness, raw, reply, sealed, token } from './test-support.js';

const client1 = { id: 'C000001', firmId: 'PKINV', nodeId: ['0'], status: 'Pending' };
const getPath = 'GET /client/PKINV/C000001';
const auth = () => ({ 'POST /authenticate': [token('t1')] });

describe('SecclClient answers', () => {
  it('maps a 404 in Seccl envelope to SecclNotFoundError, without retrying', async () => {
    const { client, calls } = harness({
      ...auth(),
      [getPath]: [
        reply(
          404,
          { error: { errorMessage: 'Not found', type: 'NotFound' } },
          { 'x-request-id': 'up-1' },
        ),
      ],
    });

    await assert.rejects(client.getClient(conn, 'C000001'), (err: unknown) => {
      assert.ok(err instanceof SecclNotFoundError);
      assert.equal(err.status, 404);
      assert.equal(err.secclType, 'NotFound');
      assert.equal(err.secclMessage, 'Not found');
      assert.equal(err.upstreamRequestId, 'up-1');
      return true;
    });
    assert.equal(calls.length, 2);
  });

  it('does not take a 404 outside the envelope (a proxy page) as a missing client', async () => {
    const { client } = harness({ ...auth(), [getPath]: [raw(404, '<html>no</html>')] });

    await assert.rejects(client.getClient(conn, 'C000001'), SecclUpstreamError);
  });

  it('parses fieldErrors of a 400 and keeps Seccl type and message', async () => {
    const fieldErrors = [
      { fieldName: 'email', type: 'unique', errorMessage: 'already used' },
      { fieldName: 'surname', errorMessage: 'required' },
      { nonsense: true },
    ];
    const { client } = harness({
      ...auth(),
      'GET /client/PKINV': [
        reply(400, { error: { errorMessage: 'Invalid', type: 'Validation', fieldErrors } }),
      ],
    });

    await assert.rejects(client.searchClients(conn, {}), (err: unknown) => {
      assert.ok(err instanceof SecclFieldErrors);
      assert.deepEqual(err.fieldErrors, [
        { fieldName: 'email', type: 'unique', errorMessage: 'already used' },
        { fieldName: 'surname', errorMessage: 'required' },
      ]);
      assert.equal(err.secclType, 'Validation');
      assert.equal(err.status, 400);
      return true;
    });
  });

  it('rejects a 200 whose body is not Seccl envelope', async () => {
    const { client } = harness({ ...auth(), [getPath]: [raw(200, '<html>hello</html>')] });

    await assert.rejects(client.getClient(conn, 'C000001'), (err: unknown) => {
      assert.ok(err instanceof SecclUpstreamError);
      assert.equal(err.status, 200);
      assert.doesNotMatch(err.message, /hello/);
      assert.equal(err.cause, undefined);
      return true;
    });
  });

  it('stops reading a body over the cap, declared or streamed', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const { client } = harness(
      {
        ...auth(),
        [getPath]: [
          reply(200, { data: client1 }, { 'content-length': String(2 * 1024 * 1024) }),
          raw(200, endless),
        ],
      },
      { readRetries: 0 },
    );

    await assert.rejects(client.getClient(conn, 'C000001'), /over 1048576 bytes/);
    await assert.rejects(client.getClient(conn, 'C000001'), SecclUpstreamError);
    assert.ok(pulled <= 20, `pulled ${pulled} chunks`);
  });

  it('rejects a 2xx without data', async () => {
    const { client } = harness({ ...auth(), [getPath]: [reply(200, { meta: {} })] });

    await assert.rejects(client.getClient(conn, 'C000001'), /without data/);
  });

  it('does not follow a redirect, and does not count it as Seccl failing', async () => {
    const { client, calls } = harness({
      ...auth(),
      [getPath]: [reply(302, undefined, { location: 'https://elsewhere.invalid/' })],
    });

    await assert.rejects(client.getClient(conn, 'C000001'), SecclUpstreamError);
    assert.equal(calls.length, 2);
  });
});

describe('SecclClient read-back', () => {
  it('refuses a record for another client than the one asked for', async () => {
    const { client } = harness({
      ...auth(),
      [getPath]: [reply(200, { data: { ...client1, id: 'C000002' } })],
    });

    await assert.rejects(client.getClient(conn, 'C000001'), /without the client asked for/);
  });
});

describe('SecclClient answer errors', () => {
  it('keeps a Seccl message that echoes a value off the message and out of enumeration', async () => {
    const { client } = harness({
      ...auth(),
      [getPath]: [sealed(404, 'no client jane@example.com')],
    });

    await assert.rejects(client.getClient(conn, 'C000001'), (err: unknown) => {
      assert.ok(err instanceof SecclNotFoundError);
      assert.equal(err.secclMessage, 'no client jane@example.com');
      assert.doesNotMatch(err.message, /jane/);
      assert.ok(!Object.keys(err).includes('secclMessage'));
      return true;
    });
  });
});
