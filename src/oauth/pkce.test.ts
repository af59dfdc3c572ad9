import assert from 'node:assert/strict';
import { test } from 'node:test';
import { challengeOf, isValidChallenge, isValidVerifier, verifierMatches } from './pkce.js';

// RFC 7636, Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

test('computes the S256 challenge of the RFC example', () => {
  assert.equal(challengeOf(VERIFIER), CHALLENGE);
});

test('matches a verifier to its challenge and nothing else', () => {
  assert.equal(verifierMatches(VERIFIER, CHALLENGE), true);
  assert.equal(verifierMatches(`${VERIFIER.slice(0, -1)}x`, CHALLENGE), false);
  assert.equal(verifierMatches(CHALLENGE, CHALLENGE), false, 'plain: the challenge as verifier');
});

test('refuses verifiers outside 43 to 128 unreserved characters', () => {
  assert.equal(isValidVerifier('a'.repeat(42)), false);
  assert.equal(isValidVerifier('a'.repeat(43)), true);
  assert.equal(isValidVerifier('a'.repeat(128)), true);
  assert.equal(isValidVerifier('a'.repeat(129)), false);
  assert.equal(isValidVerifier(`${'a'.repeat(42)}+`), false);
  assert.equal(verifierMatches('short', challengeOf('short')), false);
});

test('takes only 43-character base64url challenges', () => {
  assert.equal(isValidChallenge(CHALLENGE), true);
  assert.equal(isValidChallenge(`${CHALLENGE}=`), false);
  assert.equal(isValidChallenge(CHALLENGE.replace('-', '+')), false);
});
