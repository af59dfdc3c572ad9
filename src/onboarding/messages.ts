/**
 * Every message the client request rules can give, worded as Laravel 11's English language file
 * words the same rule, so callers of the CRM see what they already parse. `a` is always the
 * displayable attribute from {@link attributeOf}.
 */
export { laravelMessage } from '../http/laravel.js';

/** The attribute as Laravel shows it: the dotted key with underscores turned into spaces. */
export function attributeOf(key: string): string {
  return key.replaceAll('_', ' ');
}

/** Messages keyed by rule. Formats that Laravel has no rule for take the check's own reason. */
export const messages = {
  body: 'The request body must be a JSON object.',
  required: (a: string) => `The ${a} field is required.`,
  requiredIf: (a: string, other: string, value: string) =>
    `The ${a} field is required when ${other} is ${value}.`,
  missingIf: (a: string, other: string, value: string) =>
    `The ${a} field must be missing when ${other} is ${value}.`,
  acceptedIf: (a: string, other: string, value: string) =>
    `The ${a} field must be accepted when ${other} is ${value}.`,
  boolean: (a: string) => `The ${a} field must be true or false.`,
  acceptance: (a: string) =>
    `The ${a} field must be accepted (true, 1, "1", "true", "yes" or "on") or declined (false, 0, "0", "false", "no" or "off").`,
  integer: (a: string) => `The ${a} field must be an integer.`,
  string: (a: string) => `The ${a} field must be a string.`,
  wellFormed: (a: string) => `The ${a} field must be valid Unicode text.`,
  controlCharacters: (a: string) =>
    `The ${a} field must not contain line breaks, tabs or other control characters.`,
  array: (a: string) => `The ${a} field must be an array.`,
  object: (a: string) => `The ${a} field must be an object.`,
  maxString: (a: string, max: number) =>
    `The ${a} field must not be greater than ${max} characters.`,
  maxItems: (a: string, max: number) => `The ${a} field must not have more than ${max} items.`,
  between: (a: string, min: number, max: number) =>
    `The ${a} field must be between ${min} and ${max}.`,
  betweenItems: (a: string, min: number, max: number) =>
    `The ${a} field must have between ${min} and ${max} items.`,
  in: (a: string) => `The selected ${a} is invalid.`,
  distinct: (a: string) => `The ${a} field has a duplicate value.`,
  uuid: (a: string) => `The ${a} field must be a valid UUID.`,
  before: (a: string, date: string) => `The ${a} field must be a date before ${date}.`,
  /** A format check of `src/rules`: what the value must be, then the check's reason. */
  format: (a: string, what: string, reason: string) => `The ${a} field must be ${what}. ${reason}`,
  parentId: (a: string) =>
    `The ${a} field must be a Seccl client id (7 upper-case letters or digits) or a valid UUID.`,
  typeForAge: (a: string, type: string, ageRule: string) =>
    `The ${a} field must be ${type} for a client ${ageRule}, on today's date in the UK.`,
  oneWithIdentifiers: (a: string) =>
    `The ${a} field must have exactly one item with a non-empty identifiers list.`,
  oneAvailable: (a: string) =>
    `The ${a} field must have exactly one identifier with available true.`,
  duplicateCode: (a: string) => `The ${a} field has a duplicate code.`,
  includesNationality: (a: string) =>
    `The ${a} field must include an item whose code is the nationality.`,
};
