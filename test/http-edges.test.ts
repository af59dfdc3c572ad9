import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from './support/harness.js';

describe('answers Fastify gives before routing', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('a bad percent-encoding is a JSON 400 that does not repeat the URL', async () => {
    const res = await h.call('GET', '/api/v1/account/%ZZ?email=someone@example.com');

    assert.equal(res.status, 400);
    assert.equal(typeof res.body.message, 'string');
    assert.doesNotMatch(res.text, /someone@example\.com|%ZZ/);
  });

  test('a very long id gets the route JSON 404, not a 414 in another shape', async () => {
    const res = await h.call('GET', `/api/v1/account/${'a'.repeat(600)}`);

    assert.equal(res.status, 404);
    assert.deepEqual(Object.keys(res.body), ['message']);
  });
});
