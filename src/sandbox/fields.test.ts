import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldErrorList, arrayOf, checkObject, integer, object, text } from './fields.js';

describe('field checks', () => {
  it('names nested fields with dots and array items with [i]', () => {
    const errors = new FieldErrorList();
    const shape = {
      fields: { list: arrayOf(object({ fields: { inner: text() }, required: ['inner'] })) },
    };

    checkObject({ list: [{ inner: 'ok' }, {}] }, '', shape, errors);

    assert.deepEqual(
      errors.items.map((e) => e.fieldName),
      ['list[1].inner'],
    );
  });

  it('keeps the first error of a field only', () => {
    const errors = new FieldErrorList();

    errors.add('email', 'format', 'first');
    errors.add('email', 'duplicate', 'second');

    assert.deepEqual(errors.items, [{ fieldName: 'email', type: 'format', errorMessage: 'first' }]);
  });

  it('refuses null and blank strings before the field rule runs', () => {
    const errors = new FieldErrorList();
    const shape = { fields: { a: integer(0, 1), b: text() } };

    checkObject({ a: null, b: ' \t' }, '', shape, errors);

    assert.deepEqual(
      errors.items.map((e) => `${e.fieldName}: ${e.type}`),
      ['a: empty', 'b: empty'],
    );
  });

  it('answers false and one error when the value is not an object', () => {
    const errors = new FieldErrorList();

    assert.equal(checkObject([1], 'thing', { fields: {} }, errors), false);
    assert.deepEqual(
      errors.items.map((e) => `${e.fieldName}: ${e.type}`),
      ['thing: type'],
    );
  });
});
