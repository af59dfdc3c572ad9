import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { SecclAuthError, SecclUpstreamError } from './errors.js';
import { conn, harness, ok, reply, sealed, token, type Step } from './test-support.js';

const client1 = { id: 'C000001', firmId: 'PKINV', nodeId: ['0'], status: 'Pending' };
const getPath = 'GET /client/PKINV/C000001';

describe('SecclClient authentication', () => {
  it('authenticates with the firm id and credentials, then sends the token as api-token', async () => {
    const { client, calls } = harness({
      'POST /authenticate': [token('t1')],
      [getPath]: [ok(client1)],
    });

    await client.getClient(conn, 'C000001');

    assert.deepEqual(JSON.parse(calls[0]?.body ?? ''), {
      firmId: 'PKINV',
      id: 'USER001',
      password: 'planted-password-4b1d',
    });
    assert.equal(calls[0]?.headers.get('content-type'), 'application/json');
    assert.equal(calls[1]?.headers.get('api-token'), 't1');
  });

  it('caches the token per connection key and reuses it', async () => {
    const { client, calls } = harness({
      'POST /authenticate': [token('t1'), token('t2')],
      [getPath]: [ok(client1), ok(client1)],
      'GET /client/OTHER/C000001': [ok(client1)],
    });

    await client.getClient(conn, 'C000001');
    await client.getClient(conn, 'C000001');
    await client.getClient({ ...conn, key: 'sub-2', firmId: 'OTHER' }, 'C000001');

    const auths = calls.filter((c) => c.url.pathname === '/authenticate');
    assert.equal(auths.length, 2);
    assert.deepEqual(
      calls.filter((c) => c.method === 'GET').map((c) => c.headers.get('api-token')),
      ['t1', 't1', 't2'],
    );
  });

  it('shares one authentication in flight between concurrent calls', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowToken: Step = async (request) => {
      await gate;
      return token('t1')(request);
    };
    const { client, calls } = harness({
      'POST /authenticate': [slowToken],
      [getPath]: Array.from({ length: 5 }, () => ok(client1)),
    });

    const pending = Array.from({ length: 5 }, () => client.getClient(conn, 'C000001'));
    release();
    await Promise.all(pending);

    assert.equal(calls.filter((c) => c.url.pathname === '/authenticate').length, 1);
  });

  for (const status of [401, 403]) {
    it(`renews the token once on a ${status} and repeats the call`, async () => {
      const { client, calls } = harness({
        'POST /authenticate': [token('old'), token('new')],
        [getPath]: [sealed(status), ok(client1)],
      });

      const record = await client.getClient(conn, 'C000001');

      assert.equal(record.id, 'C000001');
      assert.deepEqual(
        calls.map((c) => `${c.method} ${c.url.pathname} ${c.headers.get('api-token')}`),
        ['POST /authenticate null', `${getPath} old`, 'POST /authenticate null', `${getPath} new`],
      );
    });
  }

  it('throws SecclAuthError when the call is refused again after renewing', async () => {
    const { client, calls } = harness({
      'POST /authenticate': [token('old'), token('new')],
      [getPath]: [sealed(401), sealed(401)],
    });

    await assert.rejects(client.getClient(conn, 'C000001'), (err: unknown) => {
      assert.ok(err instanceof SecclAuthError);
      assert.equal(err.status, 401);
      return true;
    });
    assert.equal(calls.length, 4);
  });

  for (const status of [400, 401, 403]) {
    it(`does not retry an authentication refused with ${status}, nor cache the refusal`, async () => {
      const { client, calls } = harness({
        'POST /authenticate': [sealed(status, 'bad password'), token('t1')],
        [getPath]: [ok(client1)],
      });

      await assert.rejects(client.getClient(conn, 'C000001'), (err: unknown) => {
        assert.ok(err instanceof SecclAuthError);
        assert.equal(err.endpoint, 'POST /authenticate');
        return true;
      });
      assert.equal(calls.length, 1);

      await client.getClient(conn, 'C000001');
      assert.equal(calls.length, 3);
    });
  }

  it('treats a 404 from /authenticate as an upstream fault, not a missing client', async () => {
    const { client } = harness({ 'POST /authenticate': [sealed(404)] });

    await assert.rejects(client.getClient(conn, 'C000001'), (err: unknown) => {
      assert.ok(err instanceof SecclUpstreamError);
      assert.equal(err.endpoint, 'POST /authenticate');
      return true;
    });
  });

  it('retries an authentication that failed with a 5xx', async () => {
    const { client, sleeps } = harness({
      'POST /authenticate': [reply(502), token('t1')],
      [getPath]: [ok(client1)],
    });

    await client.getClient(conn, 'C000001');

    assert.equal(sleeps.length, 1);
  });

  it('rejects an authentication answer without a usable token', async () => {
    const { client } = harness({ 'POST /authenticate': [ok({ token: 'has space\r\n' })] });

    await assert.rejects(client.getClient(conn, 'C000001'), SecclUpstreamError);
  });

  it('authenticates again after forget, and when the connection behind a key changes', async () => {
    const { client, calls } = harness({
      'POST /authenticate': [token('t1'), token('t2'), token('t3')],
      [getPath]: [ok(client1), ok(client1), ok(client1)],
    });

    await client.getClient(conn, 'C000001');
    client.forget(conn.key);
    await client.getClient(conn, 'C000001');
    await client.getClient({ ...conn, credentials: { id: 'USER002', password: 'x' } }, 'C000001');

    assert.deepEqual(
      calls.filter((c) => c.method === 'GET').map((c) => c.headers.get('api-token')),
      ['t1', 't2', 't3'],
    );
  });
});
