/**
 * `npm run fuzz [-- --runs 5000] [--seconds 120] [--seed N] [--path P]`: the property of
 * `test/fuzz.test.ts`, longer and with a random seed (printed first, so any run can be
 * replayed). Exits 1 on a failure, printing why, the replay command and the failing body's shape
 * (types and lengths, never the values sent).
 */
import { parseArgs } from 'node:util';

import { describeFailure, fuzzRoute } from './support/fuzz.js';
import { startHarness } from './support/harness.js';

const usage = 'usage: npm run fuzz -- [--runs N] [--seconds S] [--seed N] [--path P]';

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5000' },
      seconds: { type: 'string' },
      seed: { type: 'string' },
      path: { type: 'string' },
    },
  });
  const whole = (text: string | undefined) =>
    text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : undefined;
  const numRuns = whole(values.runs);
  const seconds = values.seconds === undefined ? undefined : whole(values.seconds);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : whole(values.seed);
  if (!numRuns || seed === undefined || (values.seconds !== undefined && !seconds)) {
    throw new Error(usage);
  }
  return { numRuns, seconds, seed, path: values.path };
}

async function main(): Promise<number> {
  const opts = options();
  console.log(`fuzz seed ${opts.seed}: up to ${opts.numRuns} runs`);
  const h = await startHarness();
  try {
    const report = await fuzzRoute(h, opts);
    console.log(`runs ${report.runs}; statuses ${JSON.stringify(report.statuses)}`);
    if (report.failed) {
      console.error(describeFailure(report));
      return 1;
    }
    console.log('no answer outside 200 and the documented 4xx');
    return 0;
  } finally {
    await h.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
