/**
 * A small engine for Laravel-style field rules over a parsed JSON body. A {@link Field} names a
 * dotted path (with `*` for every item of a list) and the rules its value must pass, in order.
 * One pass over every field reports every failing key at once, one message per key (a key
 * stops at its first failed rule, as with Laravel's `bail`), and builds the normalised value.
 */
import type { FieldErrors } from '../errors.js';
import { attributeOf } from './messages.js';

/** What a rule knows about the key it checks, besides the (trimmed) value. */
export interface Site {
  /** The concrete dotted key, such as `nationalities.0.code`. */
  readonly key: string;
  /** The key as messages show it. */
  readonly attribute: string;
  /** True when the key is in the body at all, whatever its value (`""` and `null` included). */
  readonly present: boolean;
  /** The object or list that holds the key, as sent. */
  readonly parent: unknown;
  /** A key of the same parent object, as sent. */
  sibling(name: string): unknown;
  /** A top-level key of the body, as sent. */
  root(name: string): unknown;
  /** Today's date in London, `YYYY-MM-DD`. */
  readonly today: string;
}

/** A rule's answer: carry on with a (possibly normalised) value, or fail with a message. */
export type Step = { ok: true; value: unknown } | { ok: false; message: string };

/** One rule of a field. */
export interface Rule {
  /** Runs even when the value is missing, like Laravel's implicit rules (`required`...). */
  readonly implicit?: boolean;
  /** The value holds other fields, which write their own parts of the result. */
  readonly container?: boolean;
  apply(value: unknown, site: Site): Step;
}

/** A predicate on a request, with the words rule messages use for it (":other is :value"). */
export interface Condition {
  readonly other: string;
  readonly value: string;
  holds(site: Site): boolean;
}

/** Continue with `value`. */
export const pass = (value: unknown): Step => ({ ok: true, value });

/** Fail with `message`. */
export const refuse = (message: string): Step => ({ ok: false, message });

const camel = (segment: string): string =>
  segment.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** One row of the rule table; build it with {@link field}. */
export class Field {
  /** False when a rule makes this a container, whose parts other fields write. */
  readonly leaf: boolean;
  // Split once, when the table is built, rather than on every request.
  readonly segments: readonly string[];
  readonly outputSegments: readonly string[];

  constructor(
    readonly path: string,
    readonly rules: readonly Rule[],
    /** Where the normalised value goes in the result: `*` filled with the same indexes. */
    readonly output: string,
  ) {
    this.leaf = !rules.some((rule) => rule.container);
    this.segments = path.split('.');
    this.outputSegments = output.split('.');
  }

  /** The same field, written to another place of the result. */
  to(output: string): Field {
    return new Field(this.path, this.rules, output);
  }
}

/**
 * Declares a field: `field('first_name', required, string, max(100), personName)`.
 * The result key defaults to the path in camelCase.
 */
export function field(path: string, ...rules: Rule[]): Field {
  return new Field(path, rules, path.split('.').map(camel).join('.'));
}

/** True for a JSON object (not a list, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Laravel's idea of "not given": absent, `null`, a string that is empty once trimmed, or an
 * empty list. Strings come back trimmed; a missing value comes back as undefined.
 */
export function given(raw: unknown): unknown {
  const value = typeof raw === 'string' ? raw.trim() : raw;
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return undefined;
  }
  return value;
}

const own = (holder: unknown, name: string): unknown =>
  isObject(holder) && Object.hasOwn(holder, name) ? holder[name] : undefined;

class Place implements Site {
  constructor(
    readonly key: string,
    readonly parent: unknown,
    readonly present: boolean,
    private readonly body: Record<string, unknown>,
    readonly today: string,
  ) {}

  get attribute(): string {
    return attributeOf(this.key);
  }

  sibling(name: string): unknown {
    return own(this.parent, name);
  }

  root(name: string): unknown {
    return own(this.body, name);
  }
}

/**
 * Calls `visit` for every concrete key that `segments` names below `holder`. A `*` goes over
 * the items of a list; a child of something that is not an object (or a `*` over something
 * that is not a list) names nothing, so a missing or mistyped container is reported once, by
 * its own field.
 */
function walk(
  segments: readonly string[],
  depth: number,
  holder: unknown,
  key: string,
  indexes: readonly number[],
  visit: (
    key: string,
    indexes: readonly number[],
    parent: unknown,
    present: boolean,
    raw: unknown,
  ) => void,
): void {
  const segment = segments[depth] as string;
  const last = depth === segments.length - 1;
  const prefix = key === '' ? '' : `${key}.`;

  if (segment === '*') {
    if (!Array.isArray(holder)) return;
    for (let index = 0; index < holder.length; index++) {
      const at = [...indexes, index];
      const item: unknown = holder[index];
      if (last) visit(`${prefix}${index}`, at, holder, true, item);
      else walk(segments, depth + 1, item, `${prefix}${index}`, at, visit);
    }
    return;
  }

  if (!isObject(holder)) return;
  const present = Object.hasOwn(holder, segment);
  const raw = present ? holder[segment] : undefined;
  if (last) visit(`${prefix}${segment}`, indexes, holder, present, raw);
  else walk(segments, depth + 1, raw, `${prefix}${segment}`, indexes, visit);
}

function write(
  result: Record<string, unknown>,
  segments: readonly string[],
  indexes: readonly number[],
  value: unknown,
): void {
  let node = result as Record<string | number, unknown>;
  let next = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const key = segment === '*' ? (indexes[next++] ?? 0) : segment;
    if (i === segments.length - 1) {
      node[key] = value;
      return;
    }
    node[key] ??= segments[i + 1] === '*' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
}

/** Runs one field's rules at one place, stopping at the first failure. */
function check(rules: readonly Rule[], site: Site, raw: unknown): Step {
  let value = given(raw);
  for (const rule of rules) {
    if (value === undefined && !rule.implicit) break;
    const step = rule.apply(value, site);
    if (!step.ok) return step;
    value = step.value;
  }
  return pass(value);
}

/**
 * Checks `body` (a JSON object) against every field, in one pass. On success the result holds
 * the normalised value of every leaf that was given, at its output path, and nothing else.
 */
export function runFields(
  fields: readonly Field[],
  body: Record<string, unknown>,
  today: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const result: Record<string, unknown> = {};
  let failed = false;

  for (const row of fields) {
    walk(row.segments, 0, body, '', [], (key, indexes, parent, present, raw) => {
      const site = new Place(key, parent, present, body, today);
      const step = check(row.rules, site, raw);
      if (!step.ok) {
        (errors[key] ??= []).push(step.message);
        failed = true;
      } else if (row.leaf && step.value !== undefined && !failed) {
        write(result, row.outputSegments, indexes, step.value);
      }
    });
  }

  return failed ? { ok: false, errors } : { ok: true, value: result };
}
