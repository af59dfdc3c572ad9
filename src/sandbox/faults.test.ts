import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultTable, faultSpecErrors } from './faults.js';

const createRequest = { method: 'POST', path: '/client', firmId: 'TESTF' };
const readRequest = { method: 'GET', path: '/client/TESTF/ABC1234', firmId: 'TESTF' };

describe('FaultTable', () => {
  it('applies a fault only to the requests it matches', () => {
    const table = new FaultTable();
    table.add({ status: 503, match: { method: 'post', path: '/client', firmId: 'TESTF' } });

    assert.equal(table.decide(createRequest).status, 503);
    assert.equal(table.decide(readRequest).status, undefined);
    assert.equal(table.decide({ ...createRequest, firmId: 'OTHRF' }).status, undefined);
  });

  it('stops after `times` matching requests', () => {
    const table = new FaultTable();
    table.add({ status: 500, times: 2 });

    const statuses = [1, 2, 3].map(() => table.decide(readRequest).status);

    assert.deepEqual(statuses, [500, 500, undefined]);
  });

  it('fires token expiry once unless told otherwise', () => {
    const table = new FaultTable();
    table.add({ expireTokens: true });

    assert.equal(table.decide(readRequest).expireTokens, true);
    assert.equal(table.decide(readRequest).expireTokens, false);
  });

  it('combines every matching fault: delays add up, the first status wins', () => {
    const table = new FaultTable();
    table.add({ delayMs: 10 });
    table.add({ delayMs: 5, status: 429, retryAfterSeconds: 2 });
    table.add({ status: 500, dropAfterStore: true });

    const effect = table.decide(createRequest);

    assert.deepEqual(effect, {
      delayMs: 15,
      status: 429,
      retryAfterSeconds: 2,
      dropAfterStore: true,
      dropBeforeStore: false,
      expireTokens: false,
    });
  });

  it('clears one fault by id, or all of them and the campaign', () => {
    const table = new FaultTable();
    const first = table.add({ status: 500 });
    table.add({ delayMs: 1 });
    table.randomise({ seed: 1, rate: 1, kinds: ['dropBeforeStore'] });

    table.clear(first);
    assert.equal(table.decide(readRequest).status, undefined);
    table.clear();

    assert.deepEqual(table.decide(readRequest).delayMs, 0);
    assert.equal(table.decide(readRequest).dropBeforeStore, false);
  });

  it('repeats a random campaign exactly for the same seed', () => {
    const run = (seed: number): string[] => {
      const table = new FaultTable();
      table.randomise({ seed, rate: 0.5, kinds: ['delay', '5xx', '429', 'dropBeforeStore'] });
      return Array.from({ length: 50 }, () => JSON.stringify(table.decide(createRequest)));
    };

    assert.deepEqual(run(42), run(42));
    assert.notDeepEqual(run(42), run(43));
  });

  it('misbehaves at about the asked rate', () => {
    const table = new FaultTable();
    table.randomise({ seed: 7, rate: 0.2, kinds: ['5xx'] });

    const failed = Array.from({ length: 2000 }, () => table.decide(readRequest)).filter(
      (effect) => effect.status !== undefined,
    ).length;

    assert.ok(failed > 300 && failed < 500, `${failed} of 2000`);
  });

  it('refuses malformed specs with a TypeError', () => {
    const table = new FaultTable();

    assert.throws(() => table.add({}), TypeError);
    assert.throws(() => table.add({ status: 200 }), TypeError);
    assert.throws(() => table.randomise({ seed: 1, rate: 2, kinds: ['5xx'] }), TypeError);
    assert.deepEqual(
      faultSpecErrors({ delayMs: -1, match: { path: 'client' }, colour: 'red' }).map(
        (e) => e.fieldName,
      ),
      ['delayMs', 'match.path', 'colour'],
    );
  });
});
