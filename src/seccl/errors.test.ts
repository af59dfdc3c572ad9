import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { pino } from 'pino';

import {
  AUTHENTICATE_ENDPOINT,
  isOutcomeUnknown,
  SecclAuthError,
  SecclCircuitOpenError,
  SecclError,
  SecclFieldErrors,
  SecclNetworkError,
  SecclNotFoundError,
  SecclRateLimitedError,
  SecclTimeoutError,
  SecclUpstreamError,
} from './errors.js';
import { ENDPOINTS, endpointLabel } from './paths.js';

const create = { endpoint: 'POST /client' };

describe('isOutcomeUnknown', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ['a timeout', new SecclTimeoutError('t', create), true],
    [
      'a timeout after a 400 arrived',
      new SecclTimeoutError('t', { ...create, status: 400 }),
      false,
    ],
    ['a reset after connecting', new SecclNetworkError('n', false, create), true],
    ['a refused connection', new SecclNetworkError('n', true, create), false],
    ['a 500', new SecclUpstreamError('u', undefined, { ...create, status: 500 }), true],
    [
      'a 201 without an id',
      new SecclUpstreamError('u', undefined, { ...create, status: 201 }),
      true,
    ],
    ['a 302', new SecclUpstreamError('u', undefined, { ...create, status: 302 }), true],
    ['a 409', new SecclUpstreamError('u', undefined, { ...create, status: 409 }), false],
    ['field errors', new SecclFieldErrors('f', [], { ...create, status: 400 }), false],
    ['a 429', new SecclRateLimitedError('r', 1, { ...create, status: 429 }), false],
    ['an auth refusal', new SecclAuthError('a', { ...create, status: 401 }), false],
    ['a 404', new SecclNotFoundError('n', { ...create, status: 404 }), false],
    ['an open circuit', new SecclCircuitOpenError('c', 3, create), false],
    [
      'a timeout while authenticating',
      new SecclTimeoutError('t', { endpoint: AUTHENTICATE_ENDPOINT }),
      false,
    ],
    ['a bad argument', new SecclError('bad id'), false],
    ['a foreign error', new Error('x'), false],
    ['not an error', 'boom', false],
  ];
  for (const [name, err, expected] of cases) {
    it(`is ${expected} for ${name}`, () => {
      assert.equal(isOutcomeUnknown(err), expected);
    });
  }

  it('knows the authenticate endpoint by the label its errors carry', () => {
    assert.equal(endpointLabel(ENDPOINTS.authenticate), AUTHENTICATE_ENDPOINT);
  });
});

describe('SecclError', () => {
  it('names itself after its class and keeps its cause', () => {
    const cause = new Error('socket');
    const err = new SecclNetworkError('n', false, { cause });

    assert.equal(err.name, 'SecclNetworkError');
    assert.equal(err.cause, cause);
    assert.ok(err instanceof SecclError);
  });

  it('does not let a pino error serialiser copy what Seccl echoed', () => {
    const out: string[] = [];
    const logger = pino({}, { write: (line: string) => out.push(line) });
    const err = new SecclFieldErrors(
      'Seccl answered 400 to POST /client',
      [{ fieldName: 'email', errorMessage: 'jane@example.com is taken' }],
      { status: 400, secclMessage: 'Invalid: jane@example.com', secclType: 'Validation' },
    );

    logger.warn({ err }, 'failed');

    assert.equal(err.secclMessage, 'Invalid: jane@example.com');
    assert.match(out.join(''), /"status":400/);
    assert.doesNotMatch(out.join(''), /jane/);
  });
});
