/**
 * Injected misbehaviour. A request that matches one or more faults gets all their effects at once:
 * delays add up, the first matching status wins, and any drop or token expiry applies. A seeded
 * random campaign may add one more effect per request; its sequence depends only on the seed and
 * on the order requests arrive in, so a campaign run the same way fails the same way.
 */
import {
  FieldErrorList,
  arrayOf,
  bool,
  checkObject,
  integer,
  object,
  oneOf,
  text,
  type Shape,
} from './fields.js';
import type { FaultSpec, RandomFaultKind, RandomiseOptions, SandboxFieldError } from './types.js';
import { randomSource } from './random.js';

/** What happens to one request. */
export interface FaultEffect {
  delayMs: number;
  status?: number;
  retryAfterSeconds?: number;
  dropAfterStore: boolean;
  dropBeforeStore: boolean;
  expireTokens: boolean;
}

/** The parts of a request a fault can match on. */
export interface FaultTarget {
  method: string;
  path: string;
  firmId?: string;
}

const KINDS: readonly RandomFaultKind[] = [
  'delay',
  '5xx',
  'dropAfterStore',
  'dropBeforeStore',
  '429',
];
const EFFECTS = ['delayMs', 'status', 'dropAfterStore', 'dropBeforeStore', 'expireTokens'];

const SPEC_SHAPE: Shape = {
  fields: {
    delayMs: integer(0, 600_000),
    status: integer(400, 599),
    retryAfterSeconds: integer(0, 86_400),
    dropAfterStore: bool,
    dropBeforeStore: bool,
    expireTokens: bool,
    times: integer(1, Number.MAX_SAFE_INTEGER),
    match: object({
      fields: {
        method: text(),
        path: text({ pattern: /^\//, message: 'Must start with /.' }),
        firmId: text(),
      },
    }),
  },
};

const RANDOM_SHAPE: Shape = {
  fields: {
    seed: integer(-(2 ** 31), 2 ** 32),
    rate: (value, path, errors) => {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        errors.add(path, 'range', 'Must be a number from 0 to 1.');
      }
    },
    kinds: arrayOf(oneOf(KINDS), { min: 1, distinct: true }),
    delayMs: integer(0, 600_000),
  },
  required: ['seed', 'rate', 'kinds'],
};

/** What is wrong with a fault spec; empty when nothing. */
export function faultSpecErrors(value: unknown): SandboxFieldError[] {
  const errors = new FieldErrorList();
  if (!checkObject(value, '', SPEC_SHAPE, errors)) return errors.items;
  if (!EFFECTS.some((key) => Object.hasOwn(value, key))) {
    errors.add('', 'required', `A fault needs one of: ${EFFECTS.join(', ')}.`);
  }
  return errors.items;
}

/** What is wrong with campaign options (`null` is fine: it stops the campaign). */
export function randomiseErrors(value: unknown): SandboxFieldError[] {
  const errors = new FieldErrorList();
  if (value !== null) checkObject(value, '', RANDOM_SHAPE, errors);
  return errors.items;
}

function failWith(problems: SandboxFieldError[], what: string): void {
  if (problems.length === 0) return;
  const detail = problems.map((p) => `${p.fieldName || '(body)'}: ${p.errorMessage}`).join('; ');
  throw new TypeError(`Invalid ${what}: ${detail}`);
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultTable {
  readonly #faults = new Map<string, ActiveFault>();
  #lastId = 0;
  #campaign: { options: RandomiseOptions; next: () => number } | undefined;

  /** Adds a fault and answers its id; throws `TypeError` when the spec is malformed. */
  add(spec: FaultSpec): string {
    failWith(faultSpecErrors(spec), 'fault');
    const id = `fault-${++this.#lastId}`;
    const remaining = spec.times ?? (spec.expireTokens ? 1 : Infinity);
    this.#faults.set(id, { spec: structuredClone(spec), remaining });
    return id;
  }

  clear(id?: string): void {
    if (id !== undefined) {
      this.#faults.delete(id);
      return;
    }
    this.#faults.clear();
    this.#campaign = undefined;
  }

  has(id: string): boolean {
    return this.#faults.has(id);
  }

  randomise(options: RandomiseOptions | null): void {
    failWith(randomiseErrors(options), 'randomise options');
    this.#campaign = options
      ? { options: structuredClone(options), next: randomSource(options.seed) }
      : undefined;
  }

  /** Decides, and uses up, what the faults do to one request. */
  decide(target: FaultTarget): FaultEffect {
    const effect: FaultEffect = {
      delayMs: 0,
      dropAfterStore: false,
      dropBeforeStore: false,
      expireTokens: false,
    };

    for (const [id, fault] of this.#faults) {
      if (!matches(fault.spec, target)) continue;
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.#faults.delete(id);
      merge(effect, fault.spec);
    }
    if (this.#campaign) merge(effect, draw(this.#campaign.options, this.#campaign.next));
    return effect;
  }
}

function matches(spec: FaultSpec, target: FaultTarget): boolean {
  const { method, path, firmId } = spec.match ?? {};
  return (
    (method === undefined || method.toUpperCase() === target.method.toUpperCase()) &&
    (path === undefined || target.path.startsWith(path)) &&
    (firmId === undefined || firmId === target.firmId)
  );
}

function merge(effect: FaultEffect, spec: FaultSpec): void {
  effect.delayMs += spec.delayMs ?? 0;
  if (spec.status !== undefined && effect.status === undefined) {
    effect.status = spec.status;
    effect.retryAfterSeconds = spec.retryAfterSeconds;
  }
  effect.dropAfterStore ||= spec.dropAfterStore === true;
  effect.dropBeforeStore ||= spec.dropBeforeStore === true;
  effect.expireTokens ||= spec.expireTokens === true;
}

function draw(options: RandomiseOptions, next: () => number): FaultSpec {
  if (next() >= options.rate) return {};

  const kind = options.kinds[Math.floor(next() * options.kinds.length)];
  switch (kind) {
    case 'delay':
      return { delayMs: options.delayMs ?? 50 };
    case '5xx':
      return { status: [500, 502, 503][Math.floor(next() * 3)] };
    case '429':
      return { status: 429, retryAfterSeconds: 1 };
    case 'dropAfterStore':
      return { dropAfterStore: true };
    case 'dropBeforeStore':
      return { dropBeforeStore: true };
    default:
      return {};
  }
}
