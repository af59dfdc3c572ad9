import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FIRM, OTHER_FIRM, USER, call, signIn, startTestSandbox } from './test-kit.js';
import type { Sandbox } from './types.js';

let now = Date.UTC(2026, 2, 10, 9);
let sandbox: Sandbox;
before(async () => {
  sandbox = await startTestSandbox({ now: () => now, tokenTtlMs: 60_000 });
});
after(() => sandbox.close());

describe('POST /authenticate', () => {
  it('answers a random token and the session details for good credentials', async () => {
    const body = { firmId: FIRM, id: USER.id, password: USER.password };

    const first = await call(sandbox, 'POST', '/authenticate', { body });
    const second = await call(sandbox, 'POST', '/authenticate', { body });

    assert.equal(first.status, 200);
    const { token, userName, userType, scopes, services } = first.body.data;
    assert.match(token, /^[A-Za-z0-9_-]{40,}$/);
    assert.notEqual(token, second.body.data.token);
    assert.equal(userName, USER.id);
    assert.equal(typeof userType, 'string');
    assert.ok(Array.isArray(scopes) && Array.isArray(services));
  });

  it('answers 401 with an error envelope for a wrong password or an unknown firm', async () => {
    for (const body of [
      { firmId: FIRM, id: USER.id, password: 'wrong' },
      { firmId: 'NOSUC', id: USER.id, password: USER.password },
      { firmId: OTHER_FIRM, id: USER.id, password: USER.password },
    ]) {
      const answer = await call(sandbox, 'POST', '/authenticate', { body });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.type, 'AuthenticationError');
      assert.deepEqual(answer.body.error.fieldErrors, []);
    }
  });

  it('answers 400 with field errors when credentials are missing', async () => {
    const answer = await call(sandbox, 'POST', '/authenticate', { body: { firmId: FIRM } });

    assert.equal(answer.status, 400);
    assert.deepEqual(
      answer.body.error.fieldErrors.map((e: { fieldName: string }) => e.fieldName),
      ['id', 'password'],
    );
  });
});

describe('api-token', () => {
  it('is required on every other call', async () => {
    const answer = await call(sandbox, 'GET', `/node/${FIRM}`);

    assert.equal(answer.status, 401);
    assert.match(answer.body.error.errorMessage, /missing/);
  });

  it('must be one the sandbox issued', async () => {
    const answer = await call(sandbox, 'GET', `/node/${FIRM}`, { token: 'made-up' });

    assert.equal(answer.status, 401);
  });

  it('stops working when its lifetime is over', async () => {
    const token = await signIn(sandbox);
    assert.equal((await call(sandbox, 'GET', `/node/${FIRM}`, { token })).status, 200);

    now += 60_000;
    const answer = await call(sandbox, 'GET', `/node/${FIRM}`, { token });

    assert.equal(answer.status, 401);
    assert.match(answer.body.error.errorMessage, /expired/);
  });

  it('works only for its own firm, in the path or in the body', async () => {
    const token = await signIn(sandbox);

    const inPath = await call(sandbox, 'GET', `/client/${OTHER_FIRM}`, { token });
    const inReadPath = await call(sandbox, 'GET', `/client/${OTHER_FIRM}/ABC1234`, { token });
    const inBody = await call(sandbox, 'POST', '/client', { token, body: { firmId: OTHER_FIRM } });

    for (const answer of [inPath, inReadPath, inBody]) {
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.type, 'ForbiddenError');
    }
  });
});
