import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { StateWriter, readState, type StateSnapshot } from './state-file.js';

const dir = await mkdtemp(join(tmpdir(), 'sandbox-state-'));
after(() => rm(dir, { recursive: true, force: true }));

function snapshot(clients: number): StateSnapshot {
  const held = Array.from({ length: clients }, (_, i) => ({ id: `C${i}` }));
  return { version: 1, firms: [], clients: held as never, tokens: [], idempotency: [] };
}

describe('state file', () => {
  it('reads nothing when there is no file yet', async () => {
    assert.equal(await readState(join(dir, 'absent.json')), undefined);
  });

  it('refuses a file that is not sandbox state', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{"version":1,"firms":[]');
    await assert.rejects(readState(path), /not valid JSON/);
    await writeFile(path, '{"version":2}');
    await assert.rejects(readState(path), /does not hold sandbox state/);
  });

  it('writes a burst of changes once, atomically, into a folder it creates', async () => {
    const path = join(dir, 'nested', 'state.json');
    let taken = 0;
    const writer = new StateWriter(
      path,
      () => snapshot(++taken),
      (error) => assert.fail(String(error)),
      5,
    );

    for (let i = 0; i < 10; i += 1) writer.schedule();
    await writer.flush();

    assert.equal(taken, 1);
    assert.deepEqual(await readState(path), snapshot(1));
    assert.deepEqual(await readdir(join(dir, 'nested')), ['state.json']);
  });

  it('reports a failed write instead of throwing', async () => {
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, 'a file where a folder should be');
    const failures: unknown[] = [];
    const writer = new StateWriter(
      join(blocker, 'state.json'),
      () => snapshot(0),
      (e) => failures.push(e),
      1,
    );

    writer.schedule();
    await writer.flush();

    assert.equal(failures.length, 1);
    assert.equal(await readFile(blocker, 'utf8'), 'a file where a folder should be');
  });
});
