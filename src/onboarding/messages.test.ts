import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { attributeOf, laravelMessage } from './messages.js';

describe('laravelMessage', () => {
  it('gives the first message alone when there is one', () => {
    assert.equal(laravelMessage({ a: ['The a field is required.'] }), 'The a field is required.');
  });

  it('counts every other message, in the singular for one', () => {
    assert.equal(laravelMessage({ a: ['A.'], b: ['B.'] }), 'A. (and 1 more error)');
    assert.equal(laravelMessage({ a: ['A.', 'A2.'], b: ['B.'] }), 'A. (and 2 more errors)');
  });

  it('falls back to a general sentence for no errors', () => {
    assert.equal(laravelMessage({}), 'The given data was invalid.');
  });
});

describe('attributeOf', () => {
  it('turns underscores into spaces and keeps dots and indexes', () => {
    assert.equal(attributeOf('bank_details.sort_code'), 'bank details.sort code');
    assert.equal(
      attributeOf('nationalities.0.identifiers.1.value'),
      'nationalities.0.identifiers.1.value',
    );
  });
});
