/**
 * How many request bodies per second the body rules check, for the full valid example and the
 * invalid one. `npm run bench:rules`. Prints one line per body; asserts nothing about speed.
 */
import { validateClientRequest } from '../src/onboarding/client-request.js';
import { readExample, type ExampleName } from '../src/onboarding/client-request.examples.js';

const TODAY = '2026-03-10';
const WARM_UP = 5_000;
const BATCH = 1_000;
const TARGET_NS = 1_000_000_000n;

function measure(name: ExampleName, expectOk: boolean): void {
  const body = readExample(name);
  const first = validateClientRequest(body, { today: TODAY });
  if (first.ok !== expectOk) throw new Error(`${name}.json no longer gives ok: ${expectOk}`);

  for (let i = 0; i < WARM_UP; i++) validateClientRequest(body, { today: TODAY });

  let count = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < TARGET_NS) {
    for (let i = 0; i < BATCH; i++) validateClientRequest(body, { today: TODAY });
    count += BATCH;
    elapsed = process.hrtime.bigint() - start;
  }

  const perSecond = Math.round((count * 1e9) / Number(elapsed));
  const micros = (Number(elapsed) / count / 1000).toFixed(2);
  const label = `${name}.json`.padEnd(22);
  console.log(`${label} ${perSecond.toLocaleString('en-GB')} bodies/s (${micros} us each)`);
}

measure('adult-client', true);
measure('invalid-client', false);
