/**
 * The generic rules of the client request table, each with Laravel's meaning, and the
 * coercions they share with the conditions (so `available: 1` means true in both places).
 */
import type { Check } from '../rules/index.js';
import { isObject, pass, refuse, type Condition, type Rule } from './client-request.engine.js';
import { messages } from './messages.js';

/** Laravel's `boolean`: true/false, 1/0 and "1"/"0"; undefined for anything else. */
export function asBoolean(raw: unknown): boolean | undefined {
  if (raw === true || raw === 1 || raw === '1') return true;
  if (raw === false || raw === 0 || raw === '0') return false;
  return undefined;
}

const ACCEPTED: readonly unknown[] = [true, 1, '1', 'true', 'yes', 'on'];
const DECLINED: readonly unknown[] = [false, 0, '0', 'false', 'no', 'off'];

/**
 * Laravel's `accepted` and `declined` forms as true and false; undefined for anything else.
 * Compared exactly, as Laravel does: `"YES"` is neither.
 */
export function asAcceptance(raw: unknown): boolean | undefined {
  if (ACCEPTED.includes(raw)) return true;
  if (DECLINED.includes(raw)) return false;
  return undefined;
}

/** A JSON integer, or a string of digits (optionally signed); undefined for anything else. */
export function asInteger(raw: unknown): number | undefined {
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  // Adding 0 turns -0 (from "-0" or JSON -0) into 0.
  return typeof value === 'number' && Number.isSafeInteger(value) ? value + 0 : undefined;
}

/** The value of a closed list, given as the value itself or as its constant name. */
export function lookup(values: Readonly<Record<string, string>>, raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (Object.hasOwn(values, text)) return text;
  return Object.keys(values).find((value) => values[value] === text);
}

/** Laravel's `required`. */
export const required: Rule = {
  implicit: true,
  apply: (value, site) =>
    value === undefined ? refuse(messages.required(site.attribute)) : pass(value),
};

/** Laravel's `required_if`. */
export function requiredIf(when: Condition): Rule {
  return {
    implicit: true,
    apply: (value, site) =>
      value === undefined && when.holds(site)
        ? refuse(messages.requiredIf(site.attribute, when.other, when.value))
        : pass(value),
  };
}

/**
 * Laravel's `missing_if`: the key must not be in the body at all. Unlike `prohibited_if`, an
 * empty string or `null` is still a key that is there (laravel/framework#45379).
 */
export function missingIf(when: Condition): Rule {
  return {
    implicit: true,
    apply: (value, site) =>
      site.present && when.holds(site)
        ? refuse(messages.missingIf(site.attribute, when.other, when.value))
        : pass(value),
  };
}

// C0 and C1 control characters: NUL, tab, line breaks, escape, DEL... (`given` has already
// trimmed them from the ends). None belongs in a one-line field, and NUL cannot be stored.
const CONTROL = /\p{Cc}/u;
// In a `u` pattern, a surrogate matches only when it is unpaired: a pair is one code point.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Laravel's `string`, and text that can be stored and sent on: no control characters inside,
 * and well-formed Unicode (an unpaired surrogate, which JSON can carry as `\ud800`, is neither
 * a character nor storable in the CRM's database).
 */
export const string: Rule = {
  apply: (value, site) => {
    if (typeof value !== 'string') return refuse(messages.string(site.attribute));
    if (LONE_SURROGATE.test(value)) return refuse(messages.wellFormed(site.attribute));
    if (CONTROL.test(value)) return refuse(messages.controlCharacters(site.attribute));
    return pass(value);
  },
};

/** A JSON object whose keys are fields of their own. */
export const object: Rule = {
  container: true,
  apply: (value, site) => (isObject(value) ? pass(value) : refuse(messages.object(site.attribute))),
};

/** A JSON list whose items are fields of their own. */
export const list: Rule = {
  container: true,
  apply: (value, site) =>
    Array.isArray(value) ? pass(value) : refuse(messages.array(site.attribute)),
};

/** Laravel's `boolean`, normalised to true or false. */
export const boolean: Rule = {
  apply: (value, site) => {
    const flag = asBoolean(value);
    return flag === undefined ? refuse(messages.boolean(site.attribute)) : pass(flag);
  },
};

/** An accepted or declined form (Laravel's `accepted` / `declined`), normalised to a boolean. */
export const acceptance: Rule = {
  apply: (value, site) => {
    const flag = asAcceptance(value);
    return flag === undefined ? refuse(messages.acceptance(site.attribute)) : pass(flag);
  },
};

/** Laravel's `accepted_if`, after {@link acceptance}. */
export function acceptedIf(when: Condition): Rule {
  return {
    apply: (value, site) =>
      value !== true && when.holds(site)
        ? refuse(messages.acceptedIf(site.attribute, when.other, when.value))
        : pass(value),
  };
}

/** Laravel's `integer`, normalised to a number. 65.0 in JSON is the number 65, so it passes. */
export const integer: Rule = {
  apply: (value, site) => {
    const number = asInteger(value);
    return number === undefined ? refuse(messages.integer(site.attribute)) : pass(number);
  },
};

/** Laravel's `between` for a number. */
export function between(min: number, max: number): Rule {
  return {
    apply: (value, site) =>
      typeof value === 'number' && value >= min && value <= max
        ? pass(value)
        : refuse(messages.between(site.attribute, min, max)),
  };
}

/** Laravel's `max` for a string, counted in code points of the NFC form. */
export function max(limit: number): Rule {
  return {
    apply: (value, site) =>
      [...String(value).normalize('NFC')].length <= limit
        ? pass(value)
        : refuse(messages.maxString(site.attribute, limit)),
  };
}

/** Laravel's `max` for a list. */
export function maxItems(limit: number): Rule {
  return {
    apply: (value, site) =>
      Array.isArray(value) && value.length <= limit
        ? pass(value)
        : refuse(messages.maxItems(site.attribute, limit)),
  };
}

/** Laravel's `between` for a list. */
export function itemsBetween(min: number, max: number): Rule {
  return {
    apply: (value, site) =>
      Array.isArray(value) && value.length >= min && value.length <= max
        ? pass(value)
        : refuse(messages.betweenItems(site.attribute, min, max)),
  };
}

/**
 * Laravel's `in`. Given a map of value to constant name, the constant is accepted too and
 * normalised to the value.
 */
export function oneOf(values: readonly string[] | Readonly<Record<string, string>>): Rule {
  const map = Array.isArray(values)
    ? Object.fromEntries(values.map((v: string) => [v, v]))
    : (values as Readonly<Record<string, string>>);
  return {
    apply: (value, site) => {
      const found = lookup(map, value);
      return found === undefined ? refuse(messages.in(site.attribute)) : pass(found);
    },
  };
}

/**
 * Laravel's `distinct` on a list item: fails on every item whose normalised value another item
 * of the same list shares. `normalise` is the same one the item's own rules apply.
 */
export function distinct(normalise: (raw: unknown) => unknown): Rule {
  return {
    apply: (value, site) => {
      const items = Array.isArray(site.parent) ? site.parent : [];
      const same = items.filter((item) => normalise(item) === value).length;
      return same > 1 ? refuse(messages.distinct(site.attribute)) : pass(value);
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID of any version, in either case. */
export const isUuid = (text: string): boolean => UUID.test(text);

/** Laravel's `uuid`, normalised to lower case. */
export const uuid: Rule = {
  apply: (value, site) =>
    isUuid(String(value))
      ? pass(String(value).toLowerCase())
      : refuse(messages.uuid(site.attribute)),
};

/** Laravel's `before:today` for a date already checked as `YYYY-MM-DD`. */
export const beforeToday: Rule = {
  apply: (value, site) =>
    String(value) < site.today ? pass(value) : refuse(messages.before(site.attribute, 'today')),
};

/** Upper-cases a code such as an identifier's name. */
export const upperCase: Rule = { apply: (value) => pass(String(value).toUpperCase()) };

/**
 * A format check from `src/rules`, normalising on success. `what` completes "must be ...";
 * the check's reason follows it.
 */
export function format(checker: (raw: string) => Check<string>, what: string): Rule {
  return {
    apply: (value, site) => {
      const result = checker(String(value));
      return result.ok
        ? pass(result.value)
        : refuse(messages.format(site.attribute, what, result.reason));
    },
  };
}
