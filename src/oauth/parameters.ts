/**
 * Reading OAuth2 parameters from a query, a form or a JSON body. A parameter may appear once
 * (RFC 6749 §3.1); an empty one counts as absent.
 */
import { OAuthError } from '../errors.js';

export type Read = { value: string | undefined } | { problem: 'repeated' | 'not text' };

const MAX_PARAMETER_LENGTH = 4096;

/** One parameter, or why it cannot be read. */
export function readParameter(source: unknown, name: string): Read {
  if (typeof source !== 'object' || source === null || !Object.hasOwn(source, name)) {
    return { value: undefined };
  }
  const value: unknown = (source as Record<string, unknown>)[name];
  if (value === undefined || value === null || value === '') return { value: undefined };
  if (Array.isArray(value)) return { problem: 'repeated' };
  if (typeof value !== 'string' || value.length > MAX_PARAMETER_LENGTH) {
    return { problem: 'not text' };
  }
  return { value };
}

/** The parameters of a token or revocation request; a bad one is an `invalid_request`. */
export class Parameters {
  private constructor(private readonly source: Record<string, unknown>) {}

  static of(body: unknown): Parameters {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new OAuthError(
        'invalid_request',
        'Send the parameters as a form (application/x-www-form-urlencoded) or a JSON object.',
      );
    }
    return new Parameters(body as Record<string, unknown>);
  }

  get(name: string): string | undefined {
    const read = readParameter(this.source, name);
    if ('value' in read) return read.value;
    const why = read.problem === 'repeated' ? 'was sent more than once' : 'must be a short string';
    throw new OAuthError('invalid_request', `The ${name} parameter ${why}.`);
  }

  require(name: string): string {
    const value = this.get(name);
    if (value === undefined) {
      throw new OAuthError('invalid_request', `The ${name} parameter is required.`);
    }
    return value;
  }
}
