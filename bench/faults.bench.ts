/**
 * `npm run bench:faults [-- --count 1000 --concurrency 16 --seed 1 --kills 2 --database URL
 * --seccl-keys ignore|honour --seccl-fault-rate 0.15 --db-fault-rate 0.03 --verbose]`:
 * the fault campaign of `faults.campaign.ts`. Prints exactly one line,
 * `faults: <n> creates, lost <x>, duplicated <y>, unfinished <z>` (definitions in
 * `faults.tally.ts`), and exits non-zero unless all three are 0 (or if personal data reached the
 * service's output, or a keyed resend was not answered with the same result); 500 answers are
 * reported on stderr. `--terminate-every-ms N` (PostgreSQL only) also ends the service's database
 * sessions every N ms with pg_terminate_backend. `--database` takes
 * a PostgreSQL URL of a database used by nothing else; without it PGlite runs in a temp folder.
 */
import { parseArgs } from 'node:util';
import { runCampaign } from './faults.campaign.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    seed: { type: 'string', default: '1' },
    kills: { type: 'string', default: '2' },
    database: { type: 'string' },
    'seccl-keys': { type: 'string', default: 'ignore' },
    'seccl-fault-rate': { type: 'string', default: '0.15' },
    'db-fault-rate': { type: 'string', default: '0.03' },
    'terminate-every-ms': { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const whole = (name: keyof typeof values, min: number): number => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number of at least ${min}`);
    process.exit(2);
  }
  return value;
};

const share = (name: 'seccl-fault-rate' | 'db-fault-rate'): number => {
  const value = Number(values[name]);
  if (!(value >= 0 && value <= 1)) {
    console.error(`--${name} must be a number from 0 to 1`);
    process.exit(2);
  }
  return value;
};

function keysMode(value: string | undefined): boolean {
  if (value === 'honour' || value === 'ignore') return value === 'honour';
  console.error('--seccl-keys must be honour or ignore');
  process.exit(2);
}

const result = await runCampaign({
  count: whole('count', 1),
  concurrency: whole('concurrency', 1),
  seed: whole('seed', 0),
  kills: whole('kills', 0),
  databaseUrl: values.database,
  secclHonoursKeys: keysMode(values['seccl-keys']),
  secclFaultRate: share('seccl-fault-rate'),
  dbFaultRate: share('db-fault-rate'),
  terminateEveryMs:
    values['terminate-every-ms'] === undefined ? undefined : whole('terminate-every-ms', 100),
});

const { creates, lost, duplicated, unfinished } = result;
console.log(
  `faults: ${creates} creates, lost ${lost}, duplicated ${duplicated}, unfinished ${unfinished}`,
);
if (values.verbose) {
  for (const [name, n] of Object.entries(result.stats).sort()) console.error(`  ${name}: ${n}`);
  for (const line of result.unhandled.slice(0, 20)) console.error(`  ${line}`);
}
if (result.serverErrors > 0) {
  // Not part of the verdict (a 500 loses nothing: the caller retries), but the contract has none.
  console.error(`${result.serverErrors} answers were 500; run with --verbose to see them`);
}
const clean = lost + duplicated + unfinished + result.leakedLines + result.replayMismatches === 0;
if (!clean) {
  for (const note of result.notes.slice(0, 50)) console.error(note);
  if (result.leakedLines > 0)
    console.error(`${result.leakedLines} output lines held personal data`);
  if (result.replayMismatches > 0) console.error(`${result.replayMismatches} replays differed`);
}
process.exit(clean ? 0 : 1);
