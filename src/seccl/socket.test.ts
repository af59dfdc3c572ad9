/**
 * The client against a real socket: a tiny scripted node:http server on 127.0.0.1, started here
 * (not the sandbox, which has its own rules), to check what a real fetch reports.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';

import { SecclClient } from './client.js';
import {
  isOutcomeUnknown,
  SecclNetworkError,
  SecclTimeoutError,
  SecclUpstreamError,
} from './errors.js';
import type { SecclConnection, SecclCreateClientBody } from './types.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const seen: string[] = [];
const routes: Record<string, Handler> = {
  'POST /authenticate': (_req, res) => send(res, 200, { data: { token: 'sock-token' } }),
  'GET /client/PKINV/A%2FB%20C': (req, res) =>
    send(res, 200, {
      data: {
        id: 'A/B C',
        firmId: 'PKINV',
        nodeId: ['0'],
        status: 'Active',
        token: req.headers['api-token'],
      },
    }),
  'GET /client/PKINV/SLOW': () => undefined,
  'POST /client': (req) => req.socket.destroy(),
  'GET /client/PKINV/MOVED': (_req, res) => {
    res.writeHead(302, { location: '/client/PKINV/A%2FB%20C' });
    res.end();
  },
};

function send(res: ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'srv-1' });
  res.end(JSON.stringify(json));
}

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const key = `${req.method} ${req.url}`;
    seen.push(key);
    const handler = routes[key];
    if (handler) handler(req, res, body);
    else send(res, 404, { error: { errorMessage: 'no route', type: 'NotFound' } });
  });
});

let conn: SecclConnection;

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  conn = {
    key: 'sock',
    baseUrl: `http://127.0.0.1:${port}/`,
    firmId: 'PKINV',
    credentials: { id: 'USER001', password: 'pw' },
  };
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const body: SecclCreateClientBody = {
  firmId: 'PKINV',
  clientType: 'Individual',
  firstName: 'Ada',
  surname: 'Example',
  nationality: 'GB',
  termsAccepted: false,
  currency: 'GBP',
  language: 'en',
};

function client(timeoutMs = 2000) {
  return new SecclClient({ timeoutMs, readRetries: 0, sleep: async () => undefined });
}

describe('SecclClient on a real socket', () => {
  it('authenticates and reads a client whose id needs encoding', async () => {
    const record = await client().getClient(conn, 'A/B C');

    assert.equal(record.id, 'A/B C');
    assert.equal((record as unknown as { token: string }).token, 'sock-token');
  });

  it('maps an answer that never comes to SecclTimeoutError', async () => {
    const started = Date.now();

    await assert.rejects(client(50).getClient(conn, 'SLOW'), SecclTimeoutError);
    assert.ok(Date.now() - started < 1500);
  });

  it('maps a dropped connection after a create was sent to an unknown outcome, sent once', async () => {
    const before = seen.filter((s) => s === 'POST /client').length;

    const err = await client()
      .createClient(conn, body, { idempotencyKey: 'key-1' })
      .catch((e: unknown) => e);

    assert.ok(err instanceof SecclNetworkError);
    assert.equal(isOutcomeUnknown(err), true);
    assert.equal(seen.filter((s) => s === 'POST /client').length, before + 1);
  });

  it('does not follow a redirect', async () => {
    const before = seen.length;

    await assert.rejects(client().getClient(conn, 'MOVED'), SecclUpstreamError);
    assert.deepEqual(seen.slice(before), ['POST /authenticate', 'GET /client/PKINV/MOVED']);
  });

  it('maps a refused connection to SecclNetworkError that never sent the create', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const refused = { ...conn, key: 'refused', baseUrl: `http://127.0.0.1:${port}` };

    const err = await client()
      .createClient(refused, body, { idempotencyKey: 'key-2' })
      .catch((e: unknown) => e);

    assert.ok(err instanceof SecclNetworkError);
    assert.equal(err.neverSent, true);
    assert.equal(isOutcomeUnknown(err), false);
  });
});
