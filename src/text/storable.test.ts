import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPlainText, isStorable } from './storable.js';

test('refuses a NUL and unpaired surrogates, keeps paired ones', () => {
  assert.equal(isStorable('a\u0000b'), false);
  assert.equal(isStorable('a\ud800b'), false);
  assert.equal(isStorable('a\udc00'), false);
  assert.equal(isStorable('Zoë 😀'), true);
});

test('plain text also refuses control characters such as a line break', () => {
  assert.equal(isPlainText('CRM sync token'), true);
  assert.equal(isPlainText('a\nb'), false);
  assert.equal(isPlainText('a\u007fb'), false);
});
