import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formActionSource, redirectUriProblem, withParameters } from './redirect-uris.js';

test('accepts https, loopback http and reversed-domain app schemes', () => {
  for (const uri of [
    'https://app.example.com/callback',
    'https://app.example.com',
    'http://127.0.0.1:8123/cb',
    'http://localhost/cb',
    'com.example.planner:/oauth',
  ]) {
    assert.equal(redirectUriProblem(uri), undefined, uri);
  }
});

test('refuses what could leak a code or run script', () => {
  for (const [uri, why] of [
    ['http://app.example.com/cb', /https/],
    ['javascript:alert(1)', /app scheme/],
    ['data:text/html,hi', /app scheme/],
    ['planner:/cb', /app scheme/],
    ['https://app.example.com/cb#frag', /fragment/],
    ['https://user:pw@app.example.com/cb', /user name/],
    ['/relative', /absolute/],
    ['https://App.Example.com/cb', /normal form/],
    [`https://app.example.com/${'a'.repeat(2000)}`, /too long/],
  ] as const) {
    assert.match(redirectUriProblem(uri) ?? '', why, uri);
  }
});

test('adds answer parameters and keeps the query already there', () => {
  const location = withParameters('https://app.example.com/cb?tenant=7', {
    code: 'abc',
    state: 'x&y',
    error: undefined,
  });

  assert.equal(location, 'https://app.example.com/cb?tenant=7&code=abc&state=x%26y');
});

test('names the origin, or the scheme of an app, for form-action', () => {
  assert.equal(formActionSource('http://127.0.0.1:8123/cb?x=1'), 'http://127.0.0.1:8123');
  assert.equal(formActionSource('com.example.planner:/oauth'), 'com.example.planner:');
});
