/** The CRM's Laravel-style validation answer: the first message, and how many others follow. */
import type { FieldErrors } from '../errors.js';

export function laravelMessage(errors: FieldErrors): string {
  const messages = Object.values(errors).flat();
  const first = messages[0] ?? 'The given data was invalid.';
  const more = messages.length - 1;
  if (more <= 0) return first;
  return `${first} (and ${more} more ${more === 1 ? 'error' : 'errors'})`;
}
