import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { adultBody } from './test-kit.js';

const dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-'));
after(() => rm(dir, { recursive: true, force: true }));

describe('sandbox CLI', () => {
  it('says where it listens, serves, and writes its state when stopped with SIGTERM', async () => {
    const stateFile = join(dir, 'nested', 'sandbox.json');
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const args = ['--import', 'tsx', cli, '--port', '0', '--state', stateFile];
    const child = spawn(process.execPath, [...args, '--firm', 'CLIFM:cli-user:pa:ss'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');

    const [first] = (await once(child.stdout, 'data')) as [Buffer];
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first.toString())?.[1];
    assert.ok(url, first.toString());
    const auth = await fetch(`${url}/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ firmId: 'CLIFM', id: 'cli-user', password: 'pa:ss' }),
    });
    const { data } = (await auth.json()) as { data: { token: string } };
    const created = await fetch(`${url}/client`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-token': data.token },
      body: JSON.stringify(adultBody({ firmId: 'CLIFM', nodeId: ['0'] })),
    });
    child.kill('SIGTERM');
    const [code] = await exited;

    assert.equal(created.status, 201);
    assert.equal(code, 0);
    const state = JSON.parse(await readFile(stateFile, 'utf8'));
    assert.equal(state.clients.length, 1);
    assert.equal(state.firms[0].firmId, 'CLIFM');
    assert.ok(!JSON.stringify(state.tokens).includes(data.token));
  });
});
