/**
 * Checking a request to register an OAuth2 client, from the API or the command line. All problems
 * are reported at once, in the CRM's Laravel shape.
 */
import { ValidationError, type FieldErrors } from '../errors.js';
import { redirectUriProblem } from './redirect-uris.js';
import { ALL_SCOPES, isKnownScope, knownScopes } from './scopes.js';

/** A client as it is to be registered. */
export interface ClientRegistration {
  name: string;
  redirectUris: string[];
  confidential: boolean;
  scopes: string[];
}

export interface RegistrationOptions {
  /** Whether `*` may be listed: operators at the command line, not apps through the API. */
  allowAllScopes: boolean;
}

const MAX_REDIRECT_URIS = 10;
const MAX_NAME_LENGTH = 100;

/**
 * Reads `{name, redirect_uris, confidential?, scopes?}`. `confidential` defaults to true and
 * `scopes` to every known scope but `*`.
 */
export function parseClientRegistration(
  body: unknown,
  options: RegistrationOptions,
): ClientRegistration {
  const errors: FieldErrors = {};
  const fail = (key: string, message: string) => (errors[key] = [message]);
  const root = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};

  const name = typeof root.name === 'string' ? root.name.trim() : '';
  if (name === '') fail('name', 'The name field is required.');
  else if (name.length > MAX_NAME_LENGTH) {
    fail('name', `The name field must not be greater than ${MAX_NAME_LENGTH} characters.`);
  } else if (hasControlCharacters(name)) {
    fail('name', 'The name field must not hold control characters.');
  }

  const redirectUris = readRedirectUris(root.redirect_uris, fail);
  const confidential = root.confidential ?? true;
  if (typeof confidential !== 'boolean') {
    fail('confidential', 'The confidential field must be true or false.');
  }
  const scopes = readScopes(root.scopes, options, fail);

  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { name, redirectUris, confidential: confidential as boolean, scopes };
}

function readRedirectUris(value: unknown, fail: (key: string, message: string) => void): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    fail('redirect_uris', 'The redirect uris field is required (a list of URIs).');
    return [];
  }
  if (value.length > MAX_REDIRECT_URIS) {
    fail(
      'redirect_uris',
      `The redirect uris field must not have more than ${MAX_REDIRECT_URIS} items.`,
    );
    return [];
  }
  value.forEach((uri, index) => {
    const key = `redirect_uris.${index}`;
    if (typeof uri !== 'string' || uri === '') fail(key, `The ${key} field must be a URI.`);
    else {
      const problem = redirectUriProblem(uri);
      if (problem !== undefined) fail(key, `The ${key} field ${problem}.`);
    }
  });
  return [...new Set(value.filter((uri): uri is string => typeof uri === 'string'))];
}

function readScopes(
  value: unknown,
  options: RegistrationOptions,
  fail: (key: string, message: string) => void,
): string[] {
  if (value === undefined || value === null) return [...knownScopes];
  if (!Array.isArray(value) || value.length === 0) {
    fail('scopes', 'The scopes field must be a non-empty list of scopes.');
    return [];
  }
  value.forEach((scope, index) => {
    const key = `scopes.${index}`;
    if (typeof scope !== 'string' || !isKnownScope(scope)) {
      fail(key, `The selected ${key} is invalid.`);
    } else if (scope === ALL_SCOPES && !options.allowAllScopes) {
      fail(key, `The ${key} field may be * only for clients registered at the command line.`);
    }
  });
  return [...new Set(value.filter((scope): scope is string => typeof scope === 'string'))];
}

function hasControlCharacters(text: string): boolean {
  return [...text].some((char) => {
    const code = char.codePointAt(0)!;
    return code < 0x20 || code === 0x7f;
  });
}
