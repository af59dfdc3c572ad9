/**
 * A small kit for checking JSON bodies field by field and collecting Seccl-style field errors.
 *
 * Field names use one notation everywhere: camelCase keys joined by `.`, array items as `[i]`
 * counted from 0, as in `addressDetail.postCode` or `nationalities[0].identifiers[1].value`.
 * A field gets at most one error (the first found), so a caller sees one reason per field.
 */
import type { SandboxFieldError } from './types.js';

/** Field errors of one body, in the order found, at most one per field name. */
export class FieldErrorList {
  readonly items: SandboxFieldError[] = [];

  add(fieldName: string, type: string, errorMessage: string): void {
    if (this.has(fieldName)) return;
    this.items.push({ fieldName, type, errorMessage });
  }

  has(fieldName: string): boolean {
    return this.items.some((item) => item.fieldName === fieldName);
  }
}

/** Checks one value that is present, reporting problems under `path`. */
export type Rule = (value: unknown, path: string, errors: FieldErrorList) => void;

/** The fields an object may have, and which of them it must have. */
export interface Shape {
  fields: Record<string, Rule>;
  required?: readonly string[];
}

export function childPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

export function itemPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs `rule` on a present value. `null` and blank strings are refused before any rule runs: the
 * product must leave a key out rather than send an empty value, and this is where that shows.
 */
export function checkValue(value: unknown, path: string, rule: Rule, errors: FieldErrorList): void {
  if (value === null) {
    errors.add(path, 'empty', 'Must not be null: leave the field out instead.');
    return;
  }
  if (typeof value === 'string' && value.trim() === '') {
    errors.add(path, 'empty', 'Must not be an empty string: leave the field out instead.');
    return;
  }
  rule(value, path, errors);
}

/** Checks an object against a shape; answers whether it was an object at all. */
export function checkObject(
  value: unknown,
  path: string,
  shape: Shape,
  errors: FieldErrorList,
): value is Record<string, unknown> {
  if (!isRecord(value)) {
    errors.add(path, 'type', 'Must be an object.');
    return false;
  }

  for (const [key, rule] of Object.entries(shape.fields)) {
    const keyPath = childPath(path, key);
    if (Object.hasOwn(value, key)) checkValue(value[key], keyPath, rule, errors);
    else if (shape.required?.includes(key)) errors.add(keyPath, 'required', 'Is required.');
  }
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(shape.fields, key)) {
      errors.add(childPath(path, key), 'unknownField', 'Is not a field the platform takes.');
    }
  }
  return true;
}

export function object(shape: Shape): Rule {
  return (value, path, errors) => {
    checkObject(value, path, shape, errors);
  };
}

/** A format a string must have: a pattern or a predicate, and what to say when it fails. */
export interface Format {
  pattern: RegExp | ((value: string) => boolean);
  message: string;
}

/** A string of at most `maxLength` characters, optionally in a given format. */
export function text(format?: Format, maxLength = 255): Rule {
  return (value, path, errors) => {
    if (typeof value !== 'string') return errors.add(path, 'type', 'Must be a string.');
    if (value.length > maxLength) {
      return errors.add(path, 'range', `Must be at most ${maxLength} characters.`);
    }
    if (!format) return;
    const { pattern } = format;
    const fits = typeof pattern === 'function' ? pattern(value) : pattern.test(value);
    if (!fits) errors.add(path, 'format', format.message);
  };
}

export function oneOf(values: readonly string[]): Rule {
  return (value, path, errors) => {
    if (typeof value !== 'string') return errors.add(path, 'type', 'Must be a string.');
    if (!values.includes(value)) errors.add(path, 'enum', `Must be one of: ${values.join(', ')}.`);
  };
}

export const bool: Rule = (value, path, errors) => {
  if (typeof value !== 'boolean') errors.add(path, 'type', 'Must be a boolean.');
};

export function integer(min: number, max: number): Rule {
  return (value, path, errors) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return errors.add(path, 'type', 'Must be an integer.');
    }
    if (value < min || value > max) errors.add(path, 'range', `Must be from ${min} to ${max}.`);
  };
}

export function arrayOf(
  item: Rule,
  limits: { min?: number; max?: number; distinct?: boolean } = {},
): Rule {
  return (value, path, errors) => {
    if (!Array.isArray(value)) return errors.add(path, 'type', 'Must be an array.');
    if (limits.min !== undefined && value.length < limits.min) {
      return errors.add(path, 'range', `Must hold at least ${limits.min} item(s).`);
    }
    if (limits.max !== undefined && value.length > limits.max) {
      return errors.add(path, 'range', `Must hold at most ${limits.max} item(s).`);
    }
    value.forEach((entry, i) => {
      const entryPath = itemPath(path, i);
      checkValue(entry, entryPath, item, errors);
      if (limits.distinct && value.indexOf(entry) < i) {
        errors.add(entryPath, 'duplicate', 'Repeats an earlier item.');
      }
    });
  };
}
