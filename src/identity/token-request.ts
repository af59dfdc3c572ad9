/**
 * The body of `POST /api/v1/me/tokens`: `{ name, abilities, expires_at? }`. Every problem is
 * reported at once in the Laravel shape. Whether the caller may grant the abilities is decided by
 * the route, not here: this only says what was asked for.
 */
import { ValidationError, type FieldErrors } from '../errors.js';
import { checkIsoDate } from '../rules/index.js';
import { isGrantableAbility } from './principal.js';
import { isPlainText } from '../text/storable.js';

export interface TokenRequest {
  name: string;
  abilities: string[];
  expiresAt: Date | undefined;
}

const NAME_MAX = 100;
const ABILITIES_MAX = 20;
// An instant must carry Z or an offset: a bare local time means a different moment on each
// machine, and a token that expires an hour early or late is a security bug.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function parseTokenRequest(body: unknown, now: Date): TokenRequest {
  const errors: FieldErrors = {};
  const root = isObject(body) ? body : {};
  if (!isObject(body)) errors.body = ['The request body must be a JSON object.'];

  const name = typeof root.name === 'string' ? root.name.trim() : root.name;
  if (name === undefined || name === null || name === '') {
    errors.name = ['The name field is required.'];
  } else if (typeof name !== 'string') {
    errors.name = ['The name field must be a string.'];
  } else if (name.length > NAME_MAX) {
    errors.name = [`The name field must not be greater than ${NAME_MAX} characters.`];
  } else if (!isPlainText(name)) {
    errors.name = ['The name field must not hold control characters or broken Unicode.'];
  }

  const abilities = readAbilities(root.abilities, errors);
  const expiresAt = readExpiry(root.expires_at, now, errors);

  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { name: name as string, abilities, expiresAt };
}

function readAbilities(value: unknown, errors: FieldErrors): string[] {
  if (value === undefined || value === null) {
    errors.abilities = ['The abilities field is required.'];
    return [];
  }
  if (!Array.isArray(value)) {
    errors.abilities = ['The abilities field must be an array.'];
    return [];
  }
  if (value.length === 0 || value.length > ABILITIES_MAX) {
    errors.abilities = [`The abilities field must have between 1 and ${ABILITIES_MAX} items.`];
    return [];
  }

  const seen = new Set<string>();
  value.forEach((item: unknown, index) => {
    const key = `abilities.${index}`;
    if (typeof item !== 'string' || !isGrantableAbility(item)) {
      errors[key] = [`The selected ${key} is invalid.`];
    } else if (seen.has(item)) {
      errors[key] = [`The ${key} field has a duplicate value.`];
    }
    if (typeof item === 'string') seen.add(item);
  });
  return [...seen];
}

function readExpiry(value: unknown, now: Date, errors: FieldErrors): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  // Date rolls 30 February over into March; the calendar check refuses it instead.
  const readable =
    typeof value === 'string' && INSTANT.test(value) && checkIsoDate(value.slice(0, 10)).ok;
  const when = readable ? new Date(value as string) : undefined;
  if (when === undefined || Number.isNaN(when.getTime())) {
    errors.expires_at = [
      'The expires at field must be an ISO 8601 date and time with Z or an offset.',
    ];
    return undefined;
  }
  if (when.getTime() <= now.getTime()) {
    errors.expires_at = ['The expires at field must be a date after now.'];
    return undefined;
  }
  return when;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
