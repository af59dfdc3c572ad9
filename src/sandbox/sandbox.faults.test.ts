import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, afterEach, before, describe, it } from 'node:test';
import { FIRM, adultBody, call, signIn, startTestSandbox } from './test-kit.js';
import type { Sandbox } from './types.js';

let sandbox: Sandbox;
let token: string;
let emails = 0;

function body(): Record<string, unknown> {
  return adultBody({ email: `fault${++emails}@example.com` });
}

/** The low-level reason a fetch failed, such as ECONNREFUSED or UND_ERR_SOCKET. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? String(error);
  }
  return 'no failure';
}

before(async () => {
  sandbox = await startTestSandbox();
  token = await signIn(sandbox);
});
afterEach(() => sandbox.faults.clear());
after(() => sandbox.close());

describe('faults', () => {
  it('delay answers slowly', async () => {
    sandbox.faults.add({ delayMs: 60, match: { path: '/node' } });

    const started = performance.now();
    const answer = await call(sandbox, 'GET', `/node/${FIRM}`, { token });

    assert.equal(answer.status, 200);
    assert.ok(performance.now() - started >= 55);
  });

  it('status answers with that status instead of handling, for `times` requests', async () => {
    sandbox.faults.add({ status: 500, times: 1, match: { method: 'POST', path: '/client' } });
    const before = sandbox.clients(FIRM).length;

    const failed = await call(sandbox, 'POST', '/client', { token, body: body() });
    const next = await call(sandbox, 'POST', '/client', { token, body: body() });

    assert.equal(failed.status, 500);
    assert.equal(failed.body.error.type, 'InjectedFault');
    assert.equal(next.status, 201);
    assert.equal(sandbox.clients(FIRM).length, before + 1);
  });

  it('429 and 503 carry Retry-After when asked', async () => {
    sandbox.faults.add({ status: 429, retryAfterSeconds: 2, times: 1 });
    sandbox.faults.add({ status: 503, retryAfterSeconds: 5, times: 1, match: { path: '/node' } });

    const throttled = await call(sandbox, 'GET', `/client/${FIRM}`, { token });
    const down = await call(sandbox, 'GET', `/node/${FIRM}`, { token });

    assert.deepEqual([throttled.status, throttled.headers.get('retry-after')], [429, '2']);
    assert.deepEqual([down.status, down.headers.get('retry-after')], [503, '5']);
  });

  it('matches on the firm named in the body', async () => {
    sandbox.faults.add({ status: 502, match: { firmId: 'OTHRF' } });

    const answer = await call(sandbox, 'POST', '/client', { token, body: body() });

    assert.equal(answer.status, 201);
  });

  it('dropBeforeStore destroys the socket and stores nothing', async () => {
    sandbox.faults.add({ dropBeforeStore: true, times: 1 });
    const before = sandbox.clients(FIRM).length;

    const reason = await failure(call(sandbox, 'POST', '/client', { token, body: body() }));

    assert.equal(reason, 'UND_ERR_SOCKET');
    assert.equal(sandbox.clients(FIRM).length, before);
  });

  it('dropAfterStore stores the client although the socket dies, and a retry with the key replays it', async () => {
    sandbox.faults.add({
      dropAfterStore: true,
      times: 1,
      match: { method: 'POST', path: '/client' },
    });
    const sent = body();
    const headers = { 'idempotency-key': crypto.randomUUID() };

    const reason = await failure(call(sandbox, 'POST', '/client', { token, body: sent, headers }));
    const stored = sandbox.clients(FIRM).filter((c) => c.email === sent.email);
    const retry = await call(sandbox, 'POST', '/client', { token, body: sent, headers });

    assert.equal(reason, 'UND_ERR_SOCKET');
    assert.equal(stored.length, 1);
    assert.deepEqual([retry.status, retry.body.data.id], [201, stored[0]?.id]);
    assert.equal(sandbox.clients(FIRM).filter((c) => c.email === sent.email).length, 1);
  });

  it('stores a delayed create even when the caller gave up waiting', async () => {
    sandbox.faults.add({ delayMs: 150, times: 1, match: { path: '/client' } });
    const sent = body();

    // The caller hangs up only once its whole request has left, so the sandbox surely has it;
    // an abort on a short timer could fire before the request was even sent on a busy machine.
    const gaveUp = await new Promise<boolean>((resolve) => {
      const req = request(`${sandbox.url}/client`, {
        method: 'POST',
        headers: { 'api-token': token, 'content-type': 'application/json' },
      });
      req.on('error', () => resolve(true));
      req.on('response', () => resolve(false));
      req.on('finish', () => setTimeout(() => req.destroy(), 20));
      req.end(JSON.stringify(sent));
    });
    const stored = () => sandbox.clients(FIRM).filter((c) => c.email === sent.email).length;
    for (let waited = 0; stored() === 0 && waited < 3000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    assert.equal(gaveUp, true);
    assert.equal(stored(), 1);
  });

  it('expireTokens makes every current token expire once, and a new sign-in works', async () => {
    const mine = await signIn(sandbox);
    sandbox.faults.add({ expireTokens: true, match: { path: '/node' } });

    const expired = await call(sandbox, 'GET', `/node/${FIRM}`, { token: mine });
    const stillExpired = await call(sandbox, 'GET', `/client/${FIRM}`, { token: mine });
    const fresh = await signIn(sandbox);
    const working = await call(sandbox, 'GET', `/node/${FIRM}`, { token: fresh });

    assert.equal(expired.status, 401);
    assert.match(expired.body.error.errorMessage, /expired/);
    assert.equal(stillExpired.status, 401);
    assert.equal(working.status, 200);
    token = fresh;
  });

  it('refuseConnections makes connecting fail with ECONNREFUSED, then serves again on the same port', async () => {
    await sandbox.faults.refuseConnections(true);
    const reason = await failure(call(sandbox, 'GET', `/node/${FIRM}`, { token }));
    await sandbox.faults.refuseConnections(false);
    const answer = await call(sandbox, 'GET', `/node/${FIRM}`, { token });

    assert.equal(reason, 'ECONNREFUSED');
    assert.equal(answer.status, 200);
  });

  it('a random campaign misbehaves the same way for the same seed', async () => {
    const statuses = async (): Promise<string[]> => {
      const seen: string[] = [];
      sandbox.faults.randomise({
        seed: 99,
        rate: 0.5,
        kinds: ['5xx', '429', 'dropBeforeStore', 'delay'],
        delayMs: 5,
      });
      for (let i = 0; i < 20; i += 1) {
        try {
          seen.push(String((await call(sandbox, 'GET', `/node/${FIRM}`, { token })).status));
        } catch {
          seen.push('dropped');
        }
      }
      sandbox.faults.randomise(null);
      return seen;
    };

    const first = await statuses();
    const second = await statuses();

    assert.deepEqual(first, second);
    assert.ok(first.includes('200') && first.some((s) => s !== '200'), first.join(' '));
  });
});
