import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { BadRequestError, UnsupportedMediaTypeError } from '../errors.js';
import { charsetOf, forbiddenKeyIn, parseJsonBody } from './json-body.js';

const JSON_TYPE = 'application/json';
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('charsetOf', () => {
  it('reads the charset parameter in any case, quoted or not', () => {
    assert.equal(charsetOf('application/json; charset=UTF-8'), 'utf-8');
    assert.equal(charsetOf('application/json;charset="utf8"'), 'utf8');
    assert.equal(charsetOf('application/json; CHARSET = ISO-8859-1'), 'iso-8859-1');
  });

  it('is undefined without a charset parameter', () => {
    assert.equal(charsetOf('application/json'), undefined);
    assert.equal(charsetOf(undefined), undefined);
  });
});

describe('forbiddenKeyIn', () => {
  it('finds __proto__ and constructor.prototype at any depth', () => {
    assert.equal(forbiddenKeyIn(JSON.parse('{"a":[{"__proto__":{"x":1}}]}')), '__proto__');
    assert.equal(
      forbiddenKeyIn(JSON.parse('{"a":{"constructor":{"prototype":{}}}}')),
      'constructor.prototype',
    );
  });

  it('lets a plain constructor key through: it cannot reach a prototype', () => {
    assert.equal(forbiddenKeyIn({ constructor: 'x', b: { constructor: [1] } }), undefined);
  });

  it('walks a list nested 100000 deep without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    assert.equal(forbiddenKeyIn(deep), undefined);
  });
});

describe('parseJsonBody', () => {
  it('parses JSON in UTF-8 and drops a leading byte order mark', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('{"name":"Zoë"}')]);

    assert.deepEqual(parseJsonBody(body, `${JSON_TYPE}; charset=utf-8`), { name: 'Zoë' });
  });

  it('keeps the last of duplicate keys, as JSON.parse does', () => {
    assert.deepEqual(parseJsonBody(bytes('{"a":1,"a":2}'), JSON_TYPE), { a: 2 });
  });

  it('refuses another charset with 415', () => {
    assert.throws(
      () => parseJsonBody(bytes('{}'), `${JSON_TYPE}; charset=latin1`),
      UnsupportedMediaTypeError,
    );
  });

  it('refuses bytes that are not UTF-8 rather than turning them into U+FFFD', () => {
    const body = Buffer.concat([bytes('{"a":"'), Buffer.from([0xc3, 0x28]), bytes('"}')]);

    assert.throws(() => parseJsonBody(body, JSON_TYPE), {
      constructor: BadRequestError,
      message: 'The request body is not valid UTF-8.',
    });
  });

  it('tells an empty body from a malformed one', () => {
    assert.throws(() => parseJsonBody(bytes(' \n '), JSON_TYPE), /empty/);
    assert.throws(() => parseJsonBody(bytes('{"a":1,}'), JSON_TYPE), /malformed JSON/);
  });

  it('refuses a key that could reach a prototype, naming it', () => {
    assert.throws(
      () => parseJsonBody(bytes('{"__proto__":{"admin":true}}'), JSON_TYPE),
      /key named __proto__/,
    );
  });
});
