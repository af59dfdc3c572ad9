import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { SecclError } from './errors.js';
import { secclUrl } from './paths.js';
import { conn, harness, ok, token } from './test-support.js';

describe('secclUrl', () => {
  it('encodes every path value', () => {
    const url = secclUrl('https://h.invalid', '/client/{firmId}/{clientId}', {
      firmId: 'PK INV',
      clientId: 'a/b?c#d%e',
    });

    assert.equal(url.pathname, '/client/PK%20INV/a%2Fb%3Fc%23d%25e');
    assert.equal(url.search, '');
  });

  for (const baseUrl of ['https://h.invalid', 'https://h.invalid/', 'https://h.invalid//']) {
    it(`joins "${baseUrl}" without doubling or losing a slash`, () => {
      assert.equal(secclUrl(baseUrl, '/client').href, 'https://h.invalid/client');
    });
  }

  it('keeps a path prefix of the base URL, with or without its trailing slash', () => {
    assert.equal(
      secclUrl('http://127.0.0.1:8080/api', '/node/{firmId}', { firmId: 'X' }).href,
      'http://127.0.0.1:8080/api/node/X',
    );
    assert.equal(
      secclUrl('http://127.0.0.1:8080/api/', '/client').href,
      'http://127.0.0.1:8080/api/client',
    );
  });

  for (const clientId of ['', '.', '..']) {
    it(`refuses the path value "${clientId}", which would change the endpoint`, () => {
      assert.throws(
        () =>
          secclUrl('https://h.invalid', '/client/{firmId}/{clientId}', { firmId: 'X', clientId }),
        SecclError,
      );
    });
  }

  for (const baseUrl of [
    'not a url',
    'ftp://h.invalid',
    'https://u:p@h.invalid',
    'https://h.invalid/?a=1',
  ]) {
    it(`refuses the base URL ${baseUrl} without echoing it`, () => {
      assert.throws(
        () => secclUrl(baseUrl, '/client'),
        (err: unknown) => {
          assert.ok(err instanceof SecclError);
          assert.doesNotMatch(err.message, /u:p|h\.invalid/);
          return true;
        },
      );
    });
  }

  it('sets the query from URLSearchParams', () => {
    const url = secclUrl(
      'https://h.invalid',
      '/client/{firmId}',
      { firmId: 'X' },
      new URLSearchParams({ email: 'a+b@c.d' }),
    );

    assert.equal(url.search, '?email=a%2Bb%40c.d');
  });
});

describe('SecclClient URLs', () => {
  it('reads an odd client id through its encoded path, on a base URL with a slash', async () => {
    const odd = '../C 1/?x';
    const { client, calls } = harness({
      'POST /authenticate': [token('t1')],
      'GET /client/PKINV/..%2FC%201%2F%3Fx': [
        ok({ id: odd, firmId: 'PKINV', nodeId: [], status: 'Active' }),
      ],
    });

    await client.getClient({ ...conn, baseUrl: 'https://seccl.invalid/' }, odd);

    assert.equal(calls[0]?.url.href, 'https://seccl.invalid/authenticate');
    assert.equal(calls[1]?.url.href, 'https://seccl.invalid/client/PKINV/..%2FC%201%2F%3Fx');
  });

  it('refuses a dot-segment id without calling Seccl', async () => {
    const { client, calls } = harness({});

    await assert.rejects(client.getClient(conn, '..'), SecclError);
    assert.equal(calls.length, 0);
  });
});
