/**
 * Bodies and assertions shared by the client request tests. Not used by the product.
 */
import assert from 'node:assert/strict';

import type { FieldErrors } from '../errors.js';
import { validateClientRequest, type ClientRequest } from './client-request.js';

/** The day the tests run on, unless a test says otherwise. */
export const TODAY = '2026-03-10';

type Body = Record<string, unknown>;

/** The smallest valid adult body, with `extra` keys added or replaced. */
export function adult(extra: Body = {}): Body {
  return {
    client_type: 'Individual',
    node_id: '0',
    title: 'Ms',
    first_name: 'Priya',
    surname: 'Raman',
    email: 'priya.raman@example.com',
    nationality: 'GB',
    aml: true,
    ...extra,
  };
}

/** The smallest valid minor body, with `extra` keys added or replaced. */
export function minor(extra: Body = {}): Body {
  return {
    client_type: 'Individual Minor',
    parent_id: 'PARENT1',
    first_name: 'Arlo',
    surname: 'Raman',
    nationality: 'GB',
    ...extra,
  };
}

/** A nationalities list whose single item carries `identifiers`. */
export function withIdentifiers(...identifiers: unknown[]): Body {
  return { nationalities: [{ code: 'GB', identifiers }] };
}

/** Asserts the body passes and returns the normalised request. */
export function accepts(body: unknown, today = TODAY): ClientRequest {
  const result = validateClientRequest(body, { today });
  if (!result.ok) assert.fail(`expected acceptance, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

/** Asserts the body fails and returns the errors. */
export function refuses(body: unknown, today = TODAY): FieldErrors {
  const result = validateClientRequest(body, { today });
  if (result.ok) assert.fail(`expected errors, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

/** Asserts the body fails on exactly `keys` (in any order). */
export function assertKeys(body: unknown, keys: string[], today = TODAY): FieldErrors {
  const errors = refuses(body, today);
  assert.deepEqual(Object.keys(errors).sort(), [...keys].sort());
  return errors;
}

/** Asserts the body fails on `key` alone, with exactly `message`. */
export function assertError(body: unknown, key: string, message: string, today = TODAY): void {
  assert.deepEqual(refuses(body, today), { [key]: [message] });
}
