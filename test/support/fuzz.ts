/**
 * The property behind `test/fuzz.test.ts` and `npm run fuzz`: every generated body sent to the
 * real create route gets 200 or a documented 4xx (400, 404, 409, 413, 415, 422) as JSON with a
 * message, never a 5xx, a 202 or a stack trace; a 200's client is on Seccl with a CRM reference
 * and clean strings; no log line holds the email sent.
 */
import fc from 'fast-check';

import { laravelMessage } from '../../src/http/laravel.js';
import { minimalAdult } from './bodies.js';
import {
  breakText,
  FRESH_EMAIL,
  fuzzInput,
  mutate,
  PARENT_ID,
  shapeOf,
  type FuzzInput,
} from './fuzz-bodies.js';
import type { Answer, Firm, Harness } from './harness.js';

const route = '/api/v1/addons/seccl/seccl/client';
const DOCUMENTED = new Set([200, 400, 404, 409, 413, 415, 422]);
// Well under the service's 500 requests a minute per user: each caller then starts afresh.
const CALLS_PER_CALLER = 400;

export interface FuzzOptions {
  seed: number;
  numRuns: number;
  /** Stop after this many seconds even if fewer runs were made (not a failure). */
  seconds?: number;
  /** fast-check's path of a failure, to replay it at once. */
  path?: string;
}

export interface FuzzReport {
  failed: boolean;
  seed: number;
  runs: number;
  /** How many answers of each status, over every run including shrinking. */
  statuses: Record<number, number>;
  /** For a failure: why, the body's shape (no values) and the path to replay it. */
  reason?: string;
  shape?: unknown;
  path?: string;
}

interface Caller {
  firm: Firm;
  parentId: string;
  calls: number;
}

/** Hands out a firm with a parent client, and a new one before the rate limit would bite. */
class Callers {
  #current: Caller | undefined;
  #emails = 0;

  constructor(private readonly h: Harness) {}

  async next(): Promise<Caller> {
    if (this.#current === undefined || this.#current.calls >= CALLS_PER_CALLER) {
      const firm = this.#current === undefined ? this.h.firm : await this.h.addFirm();
      const parent = await this.h.call('POST', route, { body: minimalAdult(), token: firm.token });
      if (parent.status !== 200) throw new Error(`the parent was not onboarded: ${parent.status}`);
      this.#current = { firm, parentId: parent.body.id, calls: 1 };
    }
    this.#current.calls += 1;
    return this.#current;
  }

  /** The body with its placeholders filled: a new email, the caller's parent. */
  fill(body: unknown, caller: Caller): unknown {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
    const filled: Record<string, unknown> = { ...body };
    if (filled.email === FRESH_EMAIL)
      filled.email = `fuzz.${++this.#emails}.${Date.now()}@example.com`;
    if (filled.parent_id === PARENT_ID) filled.parent_id = caller.parentId;
    return filled;
  }
}

/** True when every string inside `value` is trimmed and free of control characters. */
function cleanStrings(value: unknown): boolean {
  if (typeof value === 'string') return value === value.trim() && !/\p{Cc}/u.test(value);
  if (typeof value !== 'object' || value === null) return true;
  return Object.values(value).every(cleanStrings);
}

/** What is wrong with an answer, in words that carry no value that was sent; undefined if none. */
function problemWith(res: Answer, h: Harness, caller: Caller): string | undefined {
  if (!DOCUMENTED.has(res.status)) return `answered ${res.status}, which is not documented`;
  if (!/^application\/json/.test(res.headers.get('content-type') ?? '')) return 'not JSON';
  if (typeof res.body !== 'object' || res.body === null) return 'the body is not a JSON object';
  if (/\n\s+at |"stack"/.test(res.text)) return 'the answer holds a stack trace';

  if (res.status === 200) {
    const id: unknown = res.body.id;
    const held = h.sandbox.clients(caller.firm.secclFirmId).find((c) => c.id === id);
    if (!held) return 'a 200 whose client Seccl does not hold';
    if (!cleanStrings(held)) return 'Seccl holds a string untrimmed or with a control character';
    const refs: { provider: string; reference: string }[] =
      res.body.plannr_account?.external_references ?? [];
    if (!refs.some((r) => r.provider === 'seccl' && r.reference === id)) {
      return 'a 200 whose CRM account has no reference to the Seccl client';
    }
    return undefined;
  }

  if (typeof res.body.message !== 'string' || res.body.message === '') return 'no message';
  if (res.status !== 422) return undefined;
  const errors: unknown = res.body.errors;
  if (typeof errors !== 'object' || errors === null) return 'a 422 without errors';
  const lists = Object.values(errors);
  if (lists.length === 0) return 'a 422 with no error in it';
  if (
    !lists.every((l) => Array.isArray(l) && l.length > 0 && l.every((m) => typeof m === 'string'))
  ) {
    return 'a 422 whose errors are not lists of messages';
  }
  if (res.body.message !== laravelMessage(errors as Record<string, string[]>)) {
    return 'a 422 whose message is not the Laravel summary of its errors';
  }
  return undefined;
}

/** Runs the property against the harness's real route. */
export async function fuzzRoute(h: Harness, options: FuzzOptions): Promise<FuzzReport> {
  const callers = new Callers(h);
  const statuses: Record<number, number> = {};

  const property = fc.asyncProperty(fuzzInput, async (input: FuzzInput) => {
    const caller = await callers.next();
    const body = callers.fill(mutate(input), caller);
    const headers: Record<string, string> =
      input.idempotencyKey === null ? {} : { 'idempotency-key': input.idempotencyKey };

    const res = await h.call('POST', route, {
      raw: breakText(JSON.stringify(body), input.breakage),
      token: caller.firm.token,
      headers,
    });

    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    const problem = problemWith(res, h, caller);
    if (problem !== undefined) throw new Error(problem);
    const email = (body as { email?: unknown } | null)?.email;
    const written = h.logs.splice(0).join('');
    // Only an address made for this run: junk such as "1" would match any line.
    if (typeof email === 'string' && email.startsWith('fuzz.') && written.includes(email)) {
      throw new Error('the email sent reached a log line');
    }
  });

  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.numRuns,
    path: options.path,
    interruptAfterTimeLimit: options.seconds === undefined ? undefined : options.seconds * 1000,
    markInterruptAsFailure: false,
  });

  const report: FuzzReport = {
    failed: details.failed,
    seed: details.seed,
    runs: details.numRuns,
    statuses,
  };
  const failing = details.counterexample?.[0];
  if (details.failed && failing !== undefined) {
    const error = details.errorInstance;
    report.reason = error instanceof Error ? error.message : 'the property failed';
    report.shape = { body: shapeOf(mutate(failing)), breakage: failing.breakage?.kind ?? null };
    report.path = details.counterexamplePath ?? undefined;
  }
  return report;
}

/** A failure in words: the reason, the seed and path to replay it, the body's shape. */
export function describeFailure(report: FuzzReport): string {
  return [
    `fuzz failed: ${report.reason ?? 'unknown'}`,
    `replay: npm run fuzz -- --seed ${report.seed}${report.path ? ` --path ${report.path}` : ''}`,
    `body shape: ${JSON.stringify(report.shape)}`,
  ].join('\n');
}
