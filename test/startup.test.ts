/**
 * The first-run experience, as a user has it: `src/main.ts` in a child process on an empty data
 * folder seeds the demo and prints a token that works; a second process on the same folder stops
 * with a clear message; a restart reuses the data.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const dataDir = mkdtempSync(join(tmpdir(), 'seccl-addon-start-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(run: Run, pattern: RegExp): Promise<RegExpMatchArray> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const match = run.output().match(pattern);
    if (match) return match;
    if (run.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never printed ${pattern}:\n${run.output()}`);
}

test('first run seeds a demo, a second process is refused, a restart reuses the data', async () => {
  const env = {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    SANDBOX_PORT: String(await freePort()),
  };
  const first = start(env);
  const [, token] = await waitFor(first, /^Demo token: (\S+)$/m);
  const [, curlUrl] = await waitFor(first, /^curl -s -X POST (\S+) /m);

  const created = await fetch(curlUrl!, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: readFileSync('examples/adult-minimal.json', 'utf8'),
  });
  assert.equal(created.status, 200, await created.clone().text());
  const { id } = (await created.json()) as { id: string };

  const second = start({ ...env, PORT: String(await freePort()) });
  assert.equal(await second.exited, 3);
  assert.match(second.output(), /in use by another process/);

  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0);

  const again = start(env);
  await waitFor(again, /Existing data reused/);
  assert.doesNotMatch(again.output(), /Demo token/);
  const search = await fetch(`http://127.0.0.1:${env.SANDBOX_PORT}/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  assert.equal(search.status >= 400, true, 'the sandbox is back on its port');
  const replay = await fetch(curlUrl!, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: readFileSync('examples/adult-minimal.json', 'utf8'),
  });
  assert.equal(replay.status, 422, 'the sandbox kept the first client, so its email is taken');
  assert.ok(id);
  again.child.kill('SIGTERM');
  assert.equal(await again.exited, 0);
});

test('the data folder and the database inside it are private to the service user', () => {
  const mode = (path: string) => statSync(path).mode & 0o777;

  assert.equal(mode(join(dataDir, 'pglite')), 0o700);
  assert.equal(mode(join(dataDir, 'app.key')) & 0o077, 0);
});
