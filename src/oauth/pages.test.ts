import assert from 'node:assert/strict';
import { test } from 'node:test';
import { consentPage, escapeHtml, problemPage, signInPage } from './pages.js';

const hostile = `"><script>alert('x')</script>`;

test('escapes every value from outside', () => {
  const pages = [
    signInPage({ appName: hostile, csrf: hostile, ticket: hostile, email: hostile }),
    consentPage({
      appName: hostile,
      email: hostile,
      scopes: [hostile],
      destination: hostile,
      csrf: 'c',
      ticket: 't',
    }),
    problemPage(hostile),
  ];

  for (const html of pages) {
    assert.doesNotMatch(html, /<script>/);
    assert.ok(html.includes(escapeHtml(hostile)));
  }
});

test('ties each error to its field and says nothing when there is none', () => {
  const clean = signInPage({ appName: 'App', csrf: 'c', ticket: 't' });
  const failed = signInPage({
    appName: 'App',
    csrf: 'c',
    ticket: 't',
    errors: { email: 'Enter your email address.' },
  });

  assert.doesNotMatch(clean, /aria-invalid="|aria-describedby="|class="error"/);
  assert.match(failed, /<p id="email-error" class="error">Enter your email address\.<\/p>/);
  assert.match(failed, /id="email"[^>]*aria-describedby="email-error" aria-invalid="true"/);
  assert.doesNotMatch(failed, /id="password"[^>]*aria-invalid/);
});
