import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateKeyEntry, parseKeyRing, SecretBox } from '../security/secret-box.js';
import { openTicket, sealTicket, type Ticket } from './tickets.js';

const box = new SecretBox(parseKeyRing(generateKeyEntry('t')));
const cookie = 'c'.repeat(43);
const now = new Date('2026-06-01T09:00:00Z');
const later = new Date(now.getTime() + 600_000);
const ticket: Ticket = {
  step: 'sign-in',
  request: {
    clientId: '00000000-0000-4000-8000-000000000001',
    redirectUri: 'https://app.example.com/cb',
    scopes: ['seccl:write'],
    state: 'xyz',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  },
};

test('opens what it sealed, for the same step, browser and time', () => {
  const sealed = sealTicket(box, ticket, cookie, later);

  assert.deepEqual(openTicket(box, sealed, 'sign-in', cookie, now), ticket);
  assert.doesNotMatch(sealed, /app\.example\.com|seccl:write/, 'the content is not readable');
});

test('refuses another step, another cookie, an expired or altered ticket', () => {
  const sealed = sealTicket(box, ticket, cookie, later);
  const altered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;

  assert.equal(openTicket(box, sealed, 'consent', cookie, now), undefined);
  assert.equal(openTicket(box, sealed, 'sign-in', 'd'.repeat(43), now), undefined);
  assert.equal(openTicket(box, sealed, 'sign-in', cookie, later), undefined);
  assert.equal(openTicket(box, altered, 'sign-in', cookie, now), undefined);
  assert.equal(openTicket(box, 'not a ticket', 'sign-in', cookie, now), undefined);
});
