/**
 * Personal access tokens through `/api/v1/me/tokens`: the secret shown once, listing, revoking,
 * expiry, last use, and the rule that a token never mints a token that can do more than itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BearerVerifier } from '../src/identity/bearer.js';
import type { Clock } from '../src/rules/index.js';
import { startHarness, type Harness } from './support/harness.js';
import { tokenFor } from './support/logins.js';

const TOKENS = '/api/v1/me/tokens';
const UNAUTHORIZED = { message: 'This action is unauthorized.' };

/** A clock the test moves by hand. */
function movableClock(iso: string): Clock & { advance(ms: number): void } {
  let ms = Date.parse(iso);
  return { now: () => new Date(ms), advance: (by) => (ms += by) };
}

describe('personal access tokens API', () => {
  const clock = movableClock('2026-06-01T09:00:00Z');
  let h: Harness;
  // Stands in for the OAuth2 verifier: one fixed access token, acting for the harness user.
  const oauth: BearerVerifier = {
    verify: async (token) =>
      token === 'oauth-access-token'
        ? { userId: h.firm.userId, via: 'oauth', tokenId: 'jti-1', abilities: ['*'] }
        : null,
  };

  before(async () => {
    h = await startHarness({ clock, app: { extraVerifiers: [oauth] } });
  });
  after(() => h.close());

  test('creates a token, shows its secret once, and the secret works', async () => {
    const res = await h.call('POST', TOKENS, {
      body: { name: ' Back office sync ', abilities: ['accounts:read', 'seccl:write'] },
    });

    assert.equal(res.status, 201, res.text);
    const { token, ...view } = res.body.data;
    assert.match(token, /^[0-9a-f-]{36}\|[A-Za-z0-9_-]{40}$/);
    assert.equal(token.split('|')[0], view.uuid);
    assert.deepEqual(
      { ...view, uuid: undefined, created_at: undefined },
      {
        uuid: undefined,
        name: 'Back office sync',
        abilities: ['accounts:read', 'seccl:write'],
        state: 'active',
        last_used_at: null,
        expires_at: null,
        revoked_at: null,
        created_at: undefined,
      },
    );
    const list = await h.call('GET', TOKENS);
    assert.equal(list.status, 200);
    assert.ok(list.body.data.some((t: { uuid: string }) => t.uuid === view.uuid));
    assert.ok(!list.text.includes(token.split('|')[1]), 'the list never shows the secret');
    assert.ok(!list.text.includes('secret_hash') && !list.text.includes('secretHash'));
    const used = await h.call('GET', '/api/v1/addon-subscriptions', { token });
    assert.equal(used.status, 403, 'the new token has only what it asked for');
  });

  test('refuses a token name holding a NUL or a line break with a 422, not a 500', async () => {
    for (const name of ['a\u0000b', 'a\nb', 'a\ud800b']) {
      const res = await h.call('POST', TOKENS, { body: { name, abilities: ['seccl:read'] } });

      assert.equal(res.status, 422, res.text);
      assert.ok(res.body.errors.name);
    }
  });

  test('records when a token was last used', async () => {
    const made = await h.call('POST', TOKENS, {
      body: { name: 'used', abilities: ['accounts:read'] },
    });
    const { token, uuid } = made.body.data;
    const account = await h.call('POST', '/api/v1/account', {
      body: { first_name: 'Jo', surname: 'Bell' },
    });

    await h.call('GET', `/api/v1/account/${account.body.data.uuid}`, { token });

    const list = await h.call('GET', TOKENS);
    const row = list.body.data.find((t: { uuid: string }) => t.uuid === uuid);
    assert.equal(row.last_used_at, clock.now().toISOString());
  });

  test('revokes a token: it stops working at once, and a second revoke is 404', async () => {
    const made = await h.call('POST', TOKENS, { body: { name: 'short-lived', abilities: ['*'] } });
    const { token, uuid } = made.body.data;
    assert.equal((await h.call('GET', TOKENS, { token })).status, 200);

    const res = await h.call('DELETE', `${TOKENS}/${uuid}`);

    assert.equal(res.status, 204);
    assert.equal(res.text, '');
    const after = await h.call('GET', TOKENS, { token });
    assert.equal(after.status, 401);
    assert.deepEqual(after.body, { message: 'Unauthenticated.' });
    assert.equal((await h.call('DELETE', `${TOKENS}/${uuid}`)).status, 404);
    assert.equal((await h.call('DELETE', `${TOKENS}/not-a-uuid`)).status, 404);
    const list = await h.call('GET', TOKENS);
    const row = list.body.data.find((t: { uuid: string }) => t.uuid === uuid);
    assert.equal(row.state, 'revoked');
    assert.equal(row.revoked_at, clock.now().toISOString());
  });

  test('a token with an expiry works until then and answers 401 after', async () => {
    const expiresAt = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const made = await h.call('POST', TOKENS, {
      body: { name: 'an hour', abilities: ['tokens:read'], expires_at: expiresAt },
    });
    assert.equal(made.status, 201, made.text);
    const { token, uuid } = made.body.data;
    assert.equal(made.body.data.expires_at, expiresAt);
    assert.equal((await h.call('GET', TOKENS, { token })).status, 200);

    clock.advance(3_600_000);

    const res = await h.call('GET', TOKENS, { token });
    assert.equal(res.status, 401);
    const list = await h.call('GET', TOKENS);
    assert.equal(list.body.data.find((t: { uuid: string }) => t.uuid === uuid).state, 'expired');
  });

  test('answers every problem with the body at once in the Laravel shape', async () => {
    const res = await h.call('POST', TOKENS, {
      body: {
        name: 'x'.repeat(101),
        abilities: ['accounts:read', 'accounts:read', 'root', 7, 'nope:*'],
        expires_at: '2026-02-30T10:00:00Z',
      },
    });

    assert.equal(res.status, 422, res.text);
    assert.deepEqual(Object.keys(res.body.errors).sort(), [
      'abilities.1',
      'abilities.2',
      'abilities.3',
      'abilities.4',
      'expires_at',
      'name',
    ]);
    assert.match(res.body.message, /\(and 5 more errors\)$/);
  });

  test('refuses a missing name, missing abilities, and an expiry in the past or without a zone', async () => {
    const cases: [unknown, string[]][] = [
      [{}, ['abilities', 'name']],
      [{ name: 'n', abilities: [] }, ['abilities']],
      [{ name: 'n', abilities: 'seccl:write' }, ['abilities']],
      [{ name: 'n', abilities: ['*'], expires_at: '2026-06-01T08:00:00Z' }, ['expires_at']],
      [{ name: 'n', abilities: ['*'], expires_at: '2027-01-01T10:00:00' }, ['expires_at']],
      [{ name: 'n', abilities: ['*'], expires_at: 1893456000 }, ['expires_at']],
      [[], ['abilities', 'body', 'name']],
    ];

    for (const [body, keys] of cases) {
      const res = await h.call('POST', TOKENS, { body });
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
      assert.deepEqual(Object.keys(res.body.errors).sort(), keys, JSON.stringify(body));
    }
  });

  describe('a token minting a token', () => {
    test('may grant what it holds, and nothing more', async () => {
      const token = await tokenFor(h, h.firm.userId, ['tokens:write', 'accounts:*']);

      const narrower = await h.call('POST', TOKENS, {
        token,
        body: { name: 'reader', abilities: ['accounts:read'] },
      });
      const same = await h.call('POST', TOKENS, {
        token,
        body: { name: 'all accounts', abilities: ['accounts:*'] },
      });
      const wider = await h.call('POST', TOKENS, {
        token,
        body: { name: 'w', abilities: ['seccl:write'] },
      });
      const everything = await h.call('POST', TOKENS, {
        token,
        body: { name: 'w', abilities: ['*'] },
      });
      const mixed = await h.call('POST', TOKENS, {
        token,
        body: { name: 'w', abilities: ['accounts:read', 'audit:read'] },
      });

      assert.equal(narrower.status, 201, narrower.text);
      assert.equal(same.status, 201, same.text);
      for (const res of [wider, everything, mixed]) {
        assert.equal(res.status, 403, res.text);
        assert.deepEqual(res.body, UNAUTHORIZED);
      }
    });

    test('never outlives the token that made it', async () => {
      const ends = new Date(clock.now().getTime() + 600_000);
      const token = await tokenFor(h, h.firm.userId, ['*'], ends);

      const inherited = await h.call('POST', TOKENS, {
        token,
        body: { name: 'c', abilities: ['*'] },
      });
      const later = await h.call('POST', TOKENS, {
        token,
        body: {
          name: 'c',
          abilities: ['*'],
          expires_at: new Date(ends.getTime() + 1000).toISOString(),
        },
      });

      assert.equal(inherited.status, 201, inherited.text);
      assert.equal(inherited.body.data.expires_at, ends.toISOString());
      assert.equal(later.status, 422, later.text);
      assert.deepEqual(Object.keys(later.body.errors), ['expires_at']);
    });

    test('needs tokens:write to create or revoke and tokens:read to list', async () => {
      const reader = await tokenFor(h, h.firm.userId, ['tokens:read']);
      const writer = await tokenFor(h, h.firm.userId, ['tokens:write']);
      const victim = await tokenFor(h, h.firm.userId, ['accounts:read']);

      const create = await h.call('POST', TOKENS, {
        token: reader,
        body: { name: 'n', abilities: ['tokens:read'] },
      });
      const revoke = await h.call('DELETE', `${TOKENS}/${victim.split('|')[0]}`, { token: reader });
      const list = await h.call('GET', TOKENS, { token: writer });

      for (const res of [create, revoke, list]) {
        assert.equal(res.status, 403, res.text);
        assert.deepEqual(res.body, UNAUTHORIZED);
      }
      assert.equal((await h.call('GET', TOKENS, { token: reader })).status, 200);
    });

    test('is refused to an OAuth2 access token, which may still list', async () => {
      const token = 'oauth-access-token';

      const create = await h.call('POST', TOKENS, {
        token,
        body: { name: 'n', abilities: ['tokens:read'] },
      });
      const list = await h.call('GET', TOKENS, { token });

      assert.equal(create.status, 403, create.text);
      assert.deepEqual(create.body, UNAUTHORIZED);
      assert.equal(list.status, 200, list.text);
    });
  });

  test("lists only the caller's own tokens", async () => {
    const other = await h.addFirm();
    const mine = await h.call('GET', TOKENS);

    const theirs = await h.call('GET', TOKENS, { token: other.token });

    assert.equal(theirs.status, 200);
    assert.deepEqual(
      theirs.body.data.map((t: { uuid: string }) => t.uuid),
      [other.token.split('|')[0]],
    );
    assert.ok(!mine.body.data.some((t: { uuid: string }) => t.uuid === other.token.split('|')[0]));
  });
});
