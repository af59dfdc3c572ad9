import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './passwords.js';

test('hashes with argon2id and verifies only the same password', async () => {
  const hash = await hashPassword('correct horse battery staple');

  assert.match(hash, /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
  assert.equal(await verifyPassword(hash, 'correct horse battery staple'), true);
  assert.equal(await verifyPassword(hash, 'Correct horse battery staple'), false);
});

test('a malformed stored hash is a mismatch, not a crash', async () => {
  assert.equal(await verifyPassword('not a hash', 'anything'), false);
});
