import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optionsFromArgs } from './cli-args.js';

describe('optionsFromArgs', () => {
  it('reads the documented command line, merging users of one firm', () => {
    const args = [
      '--port',
      '4010',
      '--state',
      './data/sandbox.json',
      '--firm',
      'DEMOF:demo-user:demo-pass',
    ];
    args.push('--firm', 'DEMOF:second:pa:ss', '--token-ttl', '60', '--no-control', '--log');

    const { options, log } = optionsFromArgs(args);

    assert.equal(log, true);
    assert.deepEqual(options, {
      host: '127.0.0.1',
      port: 4010,
      stateFile: './data/sandbox.json',
      firms: [
        {
          firmId: 'DEMOF',
          users: [
            { id: 'demo-user', password: 'demo-pass' },
            { id: 'second', password: 'pa:ss' },
          ],
        },
      ],
      tokenTtlMs: 60_000,
      control: false,
    });
  });

  it('refuses bad values and unknown flags', () => {
    assert.throws(() => optionsFromArgs(['--port', 'http']), /--port/);
    assert.throws(() => optionsFromArgs(['--firm', 'DEMOF:user']), /FIRM:USER:PASSWORD/);
    assert.throws(() => optionsFromArgs(['--token-ttl', '0']), /--token-ttl/);
    assert.throws(() => optionsFromArgs(['--colour']));
  });
});
