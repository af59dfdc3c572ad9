import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  abilitiesFor,
  describeScope,
  knownScopes,
  parseScopeParameter,
  scopesOutside,
} from './scopes.js';

test('splits a scope parameter on spaces, dropping repeats and blanks', () => {
  assert.deepEqual(parseScopeParameter(' seccl:write  seccl:read seccl:write '), [
    'seccl:write',
    'seccl:read',
  ]);
  assert.deepEqual(parseScopeParameter(''), []);
});

test('finds the scopes a client may not ask for; * is covered only by *', () => {
  assert.deepEqual(scopesOutside(['seccl:write', '*'], ['seccl:write', 'seccl:read']), ['*']);
  assert.deepEqual(scopesOutside(['*'], ['*']), []);
});

test('turns scopes into abilities, dropping anything unknown', () => {
  assert.deepEqual(abilitiesFor(['seccl:write', 'made:up', '*']), ['seccl:write', '*']);
});

test('describes every known scope in words', () => {
  for (const scope of [...knownScopes, '*']) {
    assert.notEqual(describeScope(scope), scope, scope);
  }
});
