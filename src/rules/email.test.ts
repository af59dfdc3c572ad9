import { test } from 'node:test';

import { checkEmail } from './email.js';
import { assertAccepts, assertRefuses } from './testing.js';

const accepts = (input: string): void => assertAccepts(checkEmail, input, input);

test('C09 accepts a sub-address unchanged', () => {
  accepts('ciara.byrne+isa@example.co.uk');
  accepts('Ciara.Byrne+ISA@Example.CO.UK');
});

test('C09 accepts an internationalised domain unchanged', () => {
  for (const input of ['zoe@bücher.example', 'zoe@BÜCHER.example', 'zoe@xn--bcher-kva.example']) {
    accepts(input);
  }
  accepts('info@имя.рф');
  accepts('ok@faß.de');
});

test('accepts a UTF-8 local part made of letters and digits', () => {
  for (const input of [
    'josé@example.com',
    '用户@例子.广告',
    'δοκιμή@παράδειγμα.δοκιμή',
    'ü.ö@bücher.example',
  ]) {
    accepts(input);
  }
});

test('returns a decomposed address in NFC', () => {
  assertAccepts(checkEmail, 'zoe@bu\u0308cher.example', 'zoe@bücher.example');
  assertAccepts(checkEmail, 'Zoe\u0308@example.com', 'Zoë@example.com');
});

test('accepts every atext symbol in the local part', () => {
  accepts("!#$%&'*+-/=?^_`{|}~@example.com");
  accepts('a.b.c@sub.domain.example.com');
  assertAccepts(checkEmail, '  ciara@example.com ', 'ciara@example.com');
});

test('refuses bad dots, quoted local parts and a missing or extra @', () => {
  const cases = ['a..b@example.com', '.ab@example.com', 'ab.@example.com', '"a b"@example.com'];
  const more = ['"ab"@example.com', 'plain.address', '@example.com', 'ab@', 'a@b@example.com'];
  for (const input of [...cases, ...more, 'ab@@example.com', '']) assertRefuses(checkEmail, input);
});

test('refuses spaces, control characters, emoji and other symbols', () => {
  const cases = ['a b@example.com', 'ab@exa mple.com', 'a\u0000b@example.com', 'a\nb@example.com'];
  const more = ['a\u200bb@example.com', '😀@example.com', 'a(b)@example.com', 'a,b@example.com'];
  for (const input of [...cases, ...more, 'a\\b@example.com', 'a<b>@example.com']) {
    assertRefuses(checkEmail, input);
  }
});

test('refuses IP literals, numeric top-level domains and single-label domains', () => {
  const cases = ['ab@[127.0.0.1]', 'ab@[IPv6:::1]', 'ab@127.0.0.1', 'ab@0x7f.1', 'ab@example.123'];
  for (const input of [...cases, 'ab@localhost', 'ab@com', 'ab@a.0x1'])
    assertRefuses(checkEmail, input);
});

test('refuses bad labels: hyphens at the ends, empty, underscores, broken punycode', () => {
  const cases = ['ab@-example.com', 'ab@example-.com', 'ab@example..com', 'ab@.example.com'];
  const more = ['ab@example.com.', 'ab@ex_ample.com', 'ab@xn--zz.com', 'ab@example.-com'];
  for (const input of [...cases, ...more]) assertRefuses(checkEmail, input);
});

test('refuses domains that the IDNA mapping would turn into another domain', () => {
  // Each of these maps to example.com, which is not the domain we would hand back.
  const cases = [
    'ab@ex%61mple.com',
    'ab@ex\u00admple.com',
    'ab@ＥＸＡＭＰＬＥ.com',
    'ab@example。com',
  ];
  for (const input of [...cases, 'ab@ex\u200bample.com', 'ab@ﬁsh.example']) {
    assertRefuses(checkEmail, input);
  }
});

test('takes a 64-octet local part and refuses 65', () => {
  accepts(`${'a'.repeat(64)}@example.com`);
  assertRefuses(checkEmail, `${'a'.repeat(65)}@example.com`);
  accepts(`${'é'.repeat(32)}@example.com`);
  assertRefuses(checkEmail, `${'é'.repeat(32)}a@example.com`);
});

test('takes a 254-character address and refuses 255', () => {
  const domain = (last: number): string =>
    `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(last)}.com`;
  const at254 = `${'x'.repeat(64)}@${domain(57)}`;
  accepts(at254);
  assertRefuses(checkEmail, `${'x'.repeat(64)}@${domain(58)}`);
});

test('counts the ASCII form of an internationalised domain against 254', () => {
  // 'ü' is 2 octets as UTF-8 but its label grows to xn--tda as ASCII, 7 characters.
  const base = `${'x'.repeat(64)}@${'a'.repeat(63)}.${'b'.repeat(63)}.`;
  accepts(`${base}${'c'.repeat(54)}.com`);
  assertRefuses(checkEmail, `${base}${'c'.repeat(54)}.ü`);
});

test('takes a 63-character label and refuses 64', () => {
  accepts(`ab@${'a'.repeat(63)}.com`);
  assertRefuses(checkEmail, `ab@${'a'.repeat(64)}.com`);
});
