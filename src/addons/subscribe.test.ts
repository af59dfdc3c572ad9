import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationError } from '../errors.js';
import { parseSubscribeRequest } from './subscribe.js';

const options = { httpOrigins: ['http://127.0.0.1:4010'] };
const body = (baseUrl: string) => ({
  addon: 'seccl',
  config: { firm_id: 'PKINV', base_url: baseUrl, auth: { id: 'api', password: 'secret' } },
});
const accepts = (baseUrl: string) => {
  try {
    parseSubscribeRequest(body(baseUrl), options);
    return true;
  } catch (error) {
    if (error instanceof ValidationError && error.errors['config.base_url']) return false;
    throw error;
  }
};

test('takes https to a named host or a public address, and the embedded sandbox over http', () => {
  for (const url of [
    'https://pfolio-api-staging.seccl.tech',
    'https://pfolio-api.seccl.tech/',
    'https://203.0.113.7',
    'http://127.0.0.1:4010',
  ]) {
    assert.equal(accepts(url), true, url);
  }
});

test('refuses http elsewhere and https to loopback, private or link-local addresses', () => {
  for (const url of [
    'http://127.0.0.1:5432',
    'http://localhost:4010',
    'http://pfolio-api.seccl.tech',
    'https://localhost',
    'https://127.0.0.1',
    'https://10.1.2.3',
    'https://172.16.0.1',
    'https://192.168.1.1',
    'https://169.254.169.254',
    'https://100.64.0.1',
    'https://[::1]',
    'https://[fd00::1]',
    'https://[fe80::1]',
    'https://[::ffff:10.0.0.1]',
    'https://0.0.0.0',
    'ftp://example.com',
    'https://user:pw@example.com',
  ]) {
    assert.equal(accepts(url), false, url);
  }
});

test('refuses a Seccl user id with control characters', () => {
  const bad = body('https://pfolio-api.seccl.tech');
  bad.config.auth.id = 'api\nuser';

  assert.throws(() => parseSubscribeRequest(bad, options), ValidationError);
});
