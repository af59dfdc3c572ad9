import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateKeyEntry, KeyRingError, parseKeyRing, SecretBox } from './secret-box.js';

test('seals and opens a value with the current key', () => {
  const box = new SecretBox(parseKeyRing(generateKeyEntry('a')));

  const sealed = box.seal('sort code 108800');

  assert.ok(!sealed.includes('108800'));
  assert.equal(box.open(sealed), 'sort code 108800');
});

test('opens a value sealed by an older key after rotation', () => {
  const old = generateKeyEntry('old');
  const sealed = new SecretBox(parseKeyRing(old)).seal('secret');

  const rotated = new SecretBox(parseKeyRing(`${generateKeyEntry('new')},${old}`));

  assert.equal(rotated.open(sealed), 'secret');
  assert.equal(SecretBox.keyIdOf(rotated.seal('x')), 'new');
});

test('refuses a tampered value and a value relabelled to another key', () => {
  const a = generateKeyEntry('a');
  const b = generateKeyEntry('b');
  const box = new SecretBox(parseKeyRing(`${a},${b}`));
  const sealed = box.seal('secret');
  const parts = sealed.split('.');

  const tampered = [...parts.slice(0, 4), Buffer.from('other').toString('base64url')].join('.');
  const relabelled = [parts[0], 'b', ...parts.slice(2)].join('.');

  assert.throws(() => box.open(tampered));
  assert.throws(() => box.open(relabelled));
});

test('rejects malformed key rings', () => {
  assert.throws(() => parseKeyRing(''), KeyRingError);
  assert.throws(() => parseKeyRing('a:short'), KeyRingError);
  assert.throws(
    () => parseKeyRing(`${generateKeyEntry('a')},${generateKeyEntry('a')}`),
    KeyRingError,
  );
});
