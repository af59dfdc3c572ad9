import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCampaign } from '../bench/faults.campaign.js';
import { scratchDatabase } from './support/dual-write.js';

test('a short fault campaign with a SIGKILL loses, duplicates and leaves unfinished nothing', async () => {
  const scratch = await scratchDatabase();
  try {
    const result = await runCampaign({
      count: 100,
      kills: 1,
      concurrency: 8,
      seed: 7,
      databaseUrl: scratch.url,
    });

    assert.equal(result.starts, 2, 'the service was killed once and started again');
    assert.deepEqual(
      { lost: result.lost, duplicated: result.duplicated, unfinished: result.unfinished },
      { lost: 0, duplicated: 0, unfinished: 0 },
      result.notes.join('\n'),
    );
    assert.equal(result.creates, 100);
    assert.equal(result.leakedLines, 0, 'no name or email reached the service output');
    assert.equal(result.replayMismatches, 0);
    assert.deepEqual(result.unhandled, [], 'no answer was a 500');
    assert.equal(result.serverErrors, 0);
  } finally {
    await scratch.drop();
  }
});
