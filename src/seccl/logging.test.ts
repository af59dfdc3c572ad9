import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { pino } from 'pino';

import type { SecclLogger } from './client.js';
import { conn, harness, ok, reply, socketError, throws, token } from './test-support.js';
import type { SecclCreateClientBody } from './types.js';

const planted = {
  password: conn.credentials.password,
  token: 'tok-PLANTED-7e21',
  email: 'jane.planted@example.com',
  surname: 'Plantedsurname',
  dateOfBirth: '1961-02-03',
  nino: 'QQ123456C',
  sortCode: '112233',
  account: '98765432',
  clientId: 'ZZPLANT',
};

const body: SecclCreateClientBody = {
  firmId: 'PKINV',
  nodeId: ['0'],
  clientType: 'Individual',
  firstName: 'Jane',
  surname: planted.surname,
  email: planted.email,
  nationality: 'GB',
  nationalInsuranceNo: planted.nino,
  dateOfBirth: planted.dateOfBirth,
  bankDetails: { sortCode: planted.sortCode, accountNumber: planted.account },
  termsAccepted: false,
  currency: 'GBP',
  language: 'en',
};

const echo = (status: number) =>
  reply(status, {
    error: {
      errorMessage: `Client ${planted.email} ${planted.nino} exists`,
      type: 'ValidationError',
      fieldErrors: [{ fieldName: 'email', errorMessage: `${planted.email} is taken` }],
    },
  });

describe('SecclClient logs', () => {
  it('writes one line per upstream call with template, status, ms, attempt and request id', async () => {
    const { client, lines } = harness({
      'POST /authenticate': [token(planted.token)],
      [`GET /client/PKINV/${planted.clientId}`]: [
        reply(500),
        ok({ id: planted.clientId, firmId: 'PKINV', nodeId: [], status: 'Active' }),
      ],
    });

    await client.getClient(conn, planted.clientId, { requestId: 'req-7' });

    assert.deepEqual(
      lines.map((l) => [
        l.level,
        l.obj.method,
        l.obj.path,
        l.obj.status,
        l.obj.attempt,
        l.obj.requestId,
      ]),
      [
        ['info', 'POST', '/authenticate', 200, 1, 'req-7'],
        ['warn', 'GET', '/client/{firmId}/{clientId}', 500, 1, 'req-7'],
        ['info', 'GET', '/client/{firmId}/{clientId}', 200, 2, 'req-7'],
      ],
    );
    assert.ok(lines.every((l) => typeof l.obj.ms === 'number'));
  });

  it('never logs credentials, tokens, ids, query values or what Seccl echoed', async () => {
    const { client, lines } = harness({
      'POST /authenticate': [token(planted.token), token(planted.token)],
      'POST /client': [reply(401), echo(400)],
      'GET /client/PKINV': [echo(422), throws(socketError('ECONNRESET')), reply(503), reply(500)],
      [`GET /client/PKINV/${planted.clientId}`]: [echo(404)],
    });
    const errors: unknown[] = [];

    errors.push(await client.createClient(conn, body, { idempotencyKey: 'k-1' }).catch((e) => e));
    errors.push(
      await client
        .searchClients(conn, {
          email: planted.email,
          surname: planted.surname,
          dateOfBirth: planted.dateOfBirth,
        })
        .catch((e) => e),
    );
    errors.push(await client.searchClients(conn, { email: planted.email }).catch((e) => e));
    errors.push(await client.getClient(conn, planted.clientId).catch((e) => e));

    const logged = JSON.stringify(lines);
    const messages = errors
      .map((e) => (e instanceof Error ? `${e.message} ${e.stack}` : String(e)))
      .join('\n');
    for (const [name, value] of Object.entries(planted)) {
      assert.ok(!logged.includes(value), `${name} reached a log line`);
      assert.ok(!messages.includes(value), `${name} reached an error message`);
    }
    assert.ok(lines.length >= 8);
  });

  it('accepts a pino logger', async () => {
    const out: string[] = [];
    const logger: SecclLogger = pino({}, { write: (line: string) => out.push(line) });
    const { client } = harness(
      {
        'POST /authenticate': [token(planted.token)],
        'GET /node/PKINV': [ok([{ id: '0', name: 'Firm' }])],
      },
      { logger },
    );

    await client.listNodes(conn);

    assert.equal(out.length, 2);
    assert.match(out[1] ?? '', /"path":"\/node\/\{firmId\}"/);
  });
});
