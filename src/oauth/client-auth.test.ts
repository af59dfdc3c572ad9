import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OAuthError } from '../errors.js';
import { authenticateClient } from './client-auth.js';
import type { ClientRepository, OAuthClient } from './clients.repository.js';
import { Parameters } from './parameters.js';

// Records what it was asked; the id `known` with secret `s3cret: +&` is the only good pair.
function clients(): ClientRepository & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    async authenticate(id: string, secret: string | undefined) {
      asked.push([id, secret]);
      return id === 'known' && secret === 's3cret: +&' ? ({ id } as OAuthClient) : undefined;
    },
  } as unknown as ClientRepository & { asked: unknown[] };
}
const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;
const code = (error: unknown) => (error instanceof OAuthError ? error.code : String(error));

test('reads HTTP Basic with form-encoded id and secret', async () => {
  const repo = clients();

  const client = await authenticateClient(
    repo,
    Parameters.of({}),
    basic(`known:${encodeURIComponent('s3cret: +&').replace(/%20/g, '+')}`),
  );

  assert.equal(client.id, 'known');
});

test('reads client_id and client_secret from the body', async () => {
  const client = await authenticateClient(
    clients(),
    Parameters.of({ client_id: 'known', client_secret: 's3cret: +&' }),
    undefined,
  );

  assert.equal(client.id, 'known');
});

test('refuses two methods at once, a broken header and no credentials', async () => {
  const cases: [Parameters, string | undefined, string][] = [
    [Parameters.of({ client_secret: 'x' }), basic('known:s3cret'), 'invalid_request'],
    [Parameters.of({ client_id: 'other' }), basic('known:s3cret'), 'invalid_request'],
    [Parameters.of({}), 'Basic !!!', 'invalid_client'],
    [Parameters.of({}), basic('no-colon'), 'invalid_client'],
    [Parameters.of({}), basic('%E0%A4%A:x'), 'invalid_client'],
    [Parameters.of({}), undefined, 'invalid_client'],
    [Parameters.of({ client_id: 'known', client_secret: 'wrong' }), undefined, 'invalid_client'],
  ];

  for (const [params, header, expected] of cases) {
    await assert.rejects(authenticateClient(clients(), params, header), (error) => {
      assert.equal(code(error), expected, `${header}`);
      return true;
    });
  }
});

test('a repeated or non-text parameter is invalid_request', () => {
  assert.throws(() => Parameters.of({ code: ['a', 'b'] }).get('code'), /more than once/);
  assert.throws(() => Parameters.of({ code: 7 }).get('code'), /short string/);
  assert.throws(() => Parameters.of('grant_type=x'), /form/);
  assert.equal(Parameters.of({ code: '' }).get('code'), undefined);
});
