import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CircuitBreaker } from './circuit.js';
import { SecclCircuitOpenError, SecclNotFoundError, SecclUpstreamError } from './errors.js';
import { conn, harness, ok, reply, sealed, token, type Step } from './test-support.js';

const client1 = { id: 'C000001', firmId: 'PKINV', nodeId: ['0'], status: 'Pending' };
const getPath = 'GET /client/PKINV/C000001';

function retryAfterOf(err: unknown): number {
  assert.ok(err instanceof SecclCircuitOpenError);
  return err.retryAfterSeconds;
}

describe('CircuitBreaker', () => {
  it('opens after the threshold of consecutive failures, per key', () => {
    let now = 0;
    const circuit = new CircuitBreaker({ failureThreshold: 3, openMs: 10_000 }, () => now);

    for (let i = 0; i < 3; i += 1) circuit.failed('a', circuit.enter('a'));

    assert.throws(() => circuit.enter('a'), SecclCircuitOpenError);
    assert.doesNotThrow(() => circuit.enter('b'));
    now = 9_999;
    assert.throws(
      () => circuit.enter('a'),
      (err) => retryAfterOf(err) === 1,
    );
  });

  it('lets one trial through when due; a late failure of an older call does not re-open it', () => {
    let now = 0;
    const circuit = new CircuitBreaker({ failureThreshold: 1, openMs: 1000 }, () => now);
    const old = circuit.enter('a');
    circuit.failed('a', circuit.enter('a'));
    now = 1000;

    const trial = circuit.enter('a');
    circuit.failed('a', old);

    assert.equal(trial.trial, true);
    assert.throws(() => circuit.enter('a'), SecclCircuitOpenError);
    circuit.succeeded('a');
    assert.equal(circuit.enter('a').trial, false);
  });

  it('lets a new trial through when one never settled', () => {
    let now = 0;
    const circuit = new CircuitBreaker({ failureThreshold: 1, openMs: 1000 }, () => now);
    circuit.failed('a', circuit.enter('a'));
    now = 1000;
    circuit.enter('a');

    now = 2001;

    assert.equal(circuit.enter('a').trial, true);
  });
});

describe('SecclClient circuit', () => {
  it('opens after 5 consecutive 5xx, then fails at once with the seconds left', async () => {
    const { client, calls, clock } = harness(
      {
        'POST /authenticate': [token('t1')],
        [getPath]: Array.from({ length: 5 }, () => reply(500)),
      },
      { readRetries: 0 },
    );
    for (let i = 0; i < 5; i += 1) {
      await assert.rejects(client.getClient(conn, 'C000001'), SecclUpstreamError);
    }
    const sent = calls.length;

    const first = await client.getClient(conn, 'C000001').catch((e) => e);
    clock.now += 29_500;
    const later = await client.getClient(conn, 'C000001').catch((e) => e);

    assert.equal(retryAfterOf(first), 30);
    assert.equal(retryAfterOf(later), 1);
    assert.equal(calls.length, sent);
  });

  it('half-opens after openMs: one trial at a time, and its success closes the circuit', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowOk: Step = async (request) => {
      await gate;
      return ok(client1)(request);
    };
    const { client, clock } = harness(
      {
        'POST /authenticate': [token('t1')],
        [getPath]: [reply(502), reply(502), slowOk, ok(client1)],
      },
      { readRetries: 0, circuit: { failureThreshold: 2, openMs: 10_000 } },
    );
    await client.getClient(conn, 'C000001').catch(() => undefined);
    await client.getClient(conn, 'C000001').catch(() => undefined);
    clock.now += 10_000;

    const trial = client.getClient(conn, 'C000001');
    await assert.rejects(client.getClient(conn, 'C000001'), SecclCircuitOpenError);
    release();

    assert.equal((await trial).id, 'C000001');
    assert.equal((await client.getClient(conn, 'C000001')).id, 'C000001');
  });

  it('re-opens for openMs when the trial fails', async () => {
    const { client, clock } = harness(
      { 'POST /authenticate': [token('t1')], [getPath]: [reply(500), reply(503)] },
      { readRetries: 0, circuit: { failureThreshold: 1, openMs: 10_000 } },
    );
    await client.getClient(conn, 'C000001').catch(() => undefined);
    clock.now += 10_000;

    await assert.rejects(client.getClient(conn, 'C000001'), SecclUpstreamError);
    const err = await client.getClient(conn, 'C000001').catch((e) => e);

    assert.equal(retryAfterOf(err), 10);
  });

  it('does not count 4xx answers, which break a run of failures', async () => {
    const { client } = harness(
      {
        'POST /authenticate': [token('t1')],
        [getPath]: [reply(500), sealed(404), reply(500), sealed(404), reply(500), ok(client1)],
      },
      { readRetries: 0, circuit: { failureThreshold: 2, openMs: 10_000 } },
    );

    for (const expected of [
      SecclUpstreamError,
      SecclNotFoundError,
      SecclUpstreamError,
      SecclNotFoundError,
      SecclUpstreamError,
    ]) {
      await assert.rejects(client.getClient(conn, 'C000001'), expected);
    }
    assert.equal((await client.getClient(conn, 'C000001')).id, 'C000001');
  });

  it('stops a read retrying once the circuit opens, keeping the real error', async () => {
    const { client, sleeps } = harness(
      { 'POST /authenticate': [token('t1')], [getPath]: [reply(500), reply(500)] },
      { readRetries: 5, circuit: { failureThreshold: 2, openMs: 10_000 } },
    );

    await assert.rejects(client.getClient(conn, 'C000001'), SecclUpstreamError);
    assert.equal(sleeps.length, 1);
  });

  it('starts afresh after forget', async () => {
    const { client } = harness(
      { 'POST /authenticate': [token('t1'), token('t2')], [getPath]: [reply(500), ok(client1)] },
      { readRetries: 0, circuit: { failureThreshold: 1, openMs: 10_000 } },
    );
    await client.getClient(conn, 'C000001').catch(() => undefined);

    client.forget(conn.key);

    assert.equal((await client.getClient(conn, 'C000001')).id, 'C000001');
  });
});
