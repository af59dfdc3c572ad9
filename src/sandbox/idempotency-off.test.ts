import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIRM, call, minorBody, adultBody, signIn, startTestSandbox } from './test-kit.js';
import type { Sandbox } from './types.js';

describe('a sandbox started with idempotencyKeys: false', () => {
  let sandbox: Sandbox;
  let token: string;
  before(async () => {
    sandbox = await startTestSandbox({ idempotencyKeys: false });
    token = await signIn(sandbox);
  });
  after(() => sandbox.close());

  it('ignores Idempotency-Key, as a Seccl that does not honour it would', async () => {
    const parent = await call(sandbox, 'POST', '/client', {
      token,
      body: adultBody({ email: `parent.${crypto.randomUUID()}@example.com` }),
    });
    const body = minorBody(parent.body.data.id);
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const before = sandbox.clients(FIRM).length;

    const first = await call(sandbox, 'POST', '/client', { token, body, headers });
    const again = await call(sandbox, 'POST', '/client', { token, body, headers });

    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.notEqual(again.body.data.id, first.body.data.id);
    assert.equal(again.headers.get('idempotent-replayed'), null);
    assert.equal(sandbox.clients(FIRM).length, before + 2);
  });
});
