import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { looksLikeJwt, readAccessToken, signAccessToken } from './access-tokens.js';
import { signingKeyFromPem } from './signing-key.js';

const pem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
const key = await signingKeyFromPem(pem());
const claims = {
  jti: '11111111-1111-4111-8111-111111111111',
  clientId: '22222222-2222-4222-8222-222222222222',
  userId: '33333333-3333-4333-8333-333333333333',
  scopes: ['seccl:write'],
};
const issued = new Date('2026-06-01T09:00:00Z');
const at = (seconds: number) => new Date(issued.getTime() + seconds * 1000);

test('signs the claims a Passport client expects, with the kid in the header', async () => {
  const token = await signAccessToken(key, claims, issued, 3600);

  assert.deepEqual(decodeProtectedHeader(token), { alg: 'RS256', typ: 'JWT', kid: key.kid });
  const payload = decodeJwt(token);
  assert.deepEqual(
    [payload.jti, payload.aud, payload.sub, payload.scopes],
    [claims.jti, claims.clientId, claims.userId, claims.scopes],
  );
  assert.deepEqual([payload.iat, payload.nbf, payload.exp], [1780304400, 1780304400, 1780308000]);
});

test('reads a token only inside its window, unless any time is asked for', async () => {
  const token = await signAccessToken(key, claims, issued, 3600);

  assert.deepEqual(await readAccessToken(key, token, at(3599)), claims);
  assert.equal(await readAccessToken(key, token, at(3600)), null);
  assert.equal(await readAccessToken(key, token, at(-1)), null);
  assert.deepEqual(await readAccessToken(key, token, at(90_000), { anyTime: true }), claims);
});

test("refuses another key's token, even one that claims this kid", async () => {
  const other = await signingKeyFromPem(pem());
  const token = await signAccessToken({ ...other, kid: key.kid }, claims, issued, 3600);

  assert.equal(await readAccessToken(key, token, at(1)), null);
  assert.equal(await readAccessToken(key, token, at(1), { anyTime: true }), null);
});

test('tells JWTs from personal access tokens by shape alone', async () => {
  assert.equal(looksLikeJwt(await signAccessToken(key, claims, issued, 60)), true);
  assert.equal(looksLikeJwt(`${claims.jti}|secretsecret`), false);
  assert.equal(looksLikeJwt('eyJ.eyJ'), false);
});
