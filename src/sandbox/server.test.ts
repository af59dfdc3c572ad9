import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TokenStore } from './auth.js';
import { FaultTable } from './faults.js';
import { Router } from './router.js';
import { SandboxServer } from './server.js';

const lines: Record<string, unknown>[] = [];
const server = new SandboxServer({
  router: new Router([
    {
      method: 'GET',
      path: '/broken',
      handler: () => {
        throw new Error('tripped over ciara@example.com');
      },
    },
  ]),
  faults: new FaultTable(),
  tokens: new TokenStore(1000, Date.now, () => undefined),
  logger: (line) => lines.push(line as Record<string, unknown>),
});
let url = '';
before(async () => {
  url = `http://127.0.0.1:${await server.listen('127.0.0.1', 0)}`;
});
after(() => server.close());

describe('SandboxServer', () => {
  it('answers a bug as a 500 envelope and logs it without its message', async () => {
    const res = await fetch(`${url}/broken`);
    const body = await res.json();

    assert.equal(res.status, 500);
    assert.deepEqual(body, {
      error: {
        errorMessage: 'The sandbox failed unexpectedly.',
        type: 'InternalError',
        fieldErrors: [],
      },
    });
    const bug = lines.find((line) => line.event === 'sandbox.bug');
    assert.equal(bug?.error, 'Error');
    assert.ok(!JSON.stringify(lines).includes('ciara'));
  });

  it('keeps serving when the logger throws', async () => {
    const noisy = new SandboxServer({
      router: new Router([{ method: 'GET', path: '/ok', handler: () => ({ status: 204 }) }]),
      faults: new FaultTable(),
      tokens: new TokenStore(1000, Date.now, () => undefined),
      logger: () => {
        throw new Error('log sink is full');
      },
    });
    const port = await noisy.listen('127.0.0.1', 0);

    const statuses = [];
    for (let i = 0; i < 2; i += 1)
      statuses.push((await fetch(`http://127.0.0.1:${port}/ok`)).status);
    await noisy.close();

    assert.deepEqual(statuses, [204, 204]);
  });

  it('does not listen again once closed', async () => {
    const other = new SandboxServer({
      router: new Router([]),
      faults: new FaultTable(),
      tokens: new TokenStore(1000, Date.now, () => undefined),
    });
    await other.listen('127.0.0.1', 0);
    await other.close();

    await assert.rejects(other.relisten(), /closed/);
  });
});
