import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startSandbox } from './index.js';
import { FIRM, adultBody, call, createClient, signIn, startTestSandbox } from './test-kit.js';

const dir = await mkdtemp(join(tmpdir(), 'sandbox-restart-'));
after(() => rm(dir, { recursive: true, force: true }));

describe('state file across a restart', () => {
  it('keeps clients, firms, tokens and idempotency keys', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startTestSandbox({ stateFile });
    first.addFirm({ firmId: 'LATER', users: [{ id: 'late1', password: 'pw-late' }] });
    const token = await signIn(first);
    const headers = { 'idempotency-key': 'restart-key' };
    const sent = adultBody({ email: 'restart@example.com' });
    const created = await call(first, 'POST', '/client', { token, body: sent, headers });
    await first.close();

    const second = await startSandbox({ stateFile });
    try {
      const read = await call(second, 'GET', `/client/${FIRM}/${created.body.data.id}`, { token });
      const replay = await call(second, 'POST', '/client', { token, body: sent, headers });
      await signIn(second, 'LATER', { id: 'late1', password: 'pw-late' });

      assert.equal(read.status, 200);
      assert.equal(read.body.data.email, 'restart@example.com');
      assert.deepEqual(replay.body, created.body);
      assert.equal(second.clients().length, 1);
    } finally {
      await second.close();
    }
  });

  it('keeps writing after a restart, and keeps ids unique', async () => {
    const stateFile = join(dir, 'twice.json');
    const first = await startTestSandbox({ stateFile });
    const a = await createClient(first, await signIn(first), adultBody({ email: 'a@example.com' }));
    await first.close();

    const second = await startTestSandbox({ stateFile });
    const b = await createClient(
      second,
      await signIn(second),
      adultBody({ email: 'b@example.com' }),
    );
    await second.close();
    const third = await startSandbox({ stateFile });

    assert.notEqual(a, b);
    assert.deepEqual(
      third.clients(FIRM).map((c) => c.id),
      [a, b],
    );
    await third.close();
  });

  it('refuses to start on a file that is not sandbox state', async () => {
    const stateFile = join(dir, 'broken.json');
    await writeFile(stateFile, 'not json');

    await assert.rejects(startSandbox({ stateFile }), /not valid JSON/);
  });
});
