import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { UpstreamFailedError, ValidationError } from '../errors.js';
import { SecclFieldErrors } from '../seccl/errors.js';
import type { SecclFieldError } from '../seccl/types.js';
import { fromSecclError, isCallersToFix } from './seccl-errors.js';

const refusal = (...fieldErrors: SecclFieldError[]) =>
  new SecclFieldErrors('Seccl answered 400 to POST /client', fieldErrors, {
    status: 400,
    secclType: 'ValidationError',
    secclMessage: 'Invalid client',
    endpoint: 'POST /client',
  });

const on = (fieldName: string): SecclFieldError => ({ fieldName, errorMessage: 'Invalid' });

describe('fromSecclError for field errors', () => {
  it('answers 422 on request keys when every refused field came from the request', () => {
    const error = fromSecclError(refusal(on('email'), on('employers[0].addressDetail.postCode')));

    assert.ok(error instanceof ValidationError);
    assert.deepEqual(Object.keys(error.errors), ['email', 'employers.0.address_detail.post_code']);
  });

  for (const name of ['firmId', 'termsAccepted', 'currency', 'language']) {
    it(`answers 502 when Seccl refuses ${name}, which the product sets`, () => {
      const error = fromSecclError(refusal(on(name)));

      assert.ok(error instanceof UpstreamFailedError, String(error));
      assert.equal(error.upstream.status, 400);
      assert.equal(error.upstream.type, 'ValidationError');
    });
  }

  it('answers 502 when a product field is refused beside a caller field', () => {
    assert.equal(isCallersToFix(refusal(on('email'), on('currency'))), false);
    assert.ok(fromSecclError(refusal(on('email'), on('currency'))) instanceof UpstreamFailedError);
  });

  it('answers 502 for a field the product never sends, or none named', () => {
    assert.equal(isCallersToFix(refusal(on('mobile.isMobile'))), false);
    assert.equal(isCallersToFix(refusal(on(''))), false);
    assert.equal(isCallersToFix(refusal()), false);
  });
});
