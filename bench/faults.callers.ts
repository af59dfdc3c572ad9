/**
 * The campaign's callers: concurrent workers that each send logical creates (one invented person
 * each) and keep retrying until they get a definitive answer, as a careful integrator would.
 * Some send an Idempotency-Key (and sometimes a twin at once, or the same request again after the
 * answer); the rest send none and simply resend after a lost answer. Minors are always keyed:
 * without a key nothing can tell a resent minor from a new one (they have no email), which is why
 * the contract asks for the key on every retry.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { randomSource } from '../src/sandbox/random.js';

/** One person to onboard, and what the callers saw. */
export interface LogicalCreate {
  index: number;
  surname: string;
  email: string | undefined;
  kind: 'adult' | 'minor';
  key: string | undefined;
  /** Every status seen, `network` for no answer at all. */
  seen: (number | 'network')[];
  /** The first definitive answer, if any came. */
  definitive: { status: number; body: Record<string, unknown> } | undefined;
  /** A resend with the key after the answer got something else than a replay of it. */
  replayMismatch: boolean;
}

export interface CallerOptions {
  count: number;
  concurrency: number;
  seed: number;
  token: string;
  /** The service's current base URL; undefined while it is down. */
  url: () => string | undefined;
  /** Called after each logical create is settled, with how many are. */
  onSettled?: (settled: number) => void;
  /** True once the campaign has to stop (the service crashed): callers give up at once. */
  aborted?: () => boolean;
}

const DEFINITIVE = new Set([200, 202, 400, 404, 422]);
const GIVE_UP_AFTER_MS = 120_000;
const ROUTE = '/api/v1/addons/seccl/seccl/client';

export async function runCallers(options: CallerOptions): Promise<LogicalCreate[]> {
  const results: LogicalCreate[] = [];
  const parents: string[] = [];
  let next = 0;
  let settled = 0;

  const worker = async () => {
    for (let index = next++; index < options.count; index = next++) {
      const result = await perform(options, index, parents);
      results.push(result);
      options.onSettled?.(++settled);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return results.sort((a, b) => a.index - b.index);
}

async function perform(
  options: CallerOptions,
  index: number,
  parents: string[],
): Promise<LogicalCreate> {
  const draw = randomSource(options.seed * 1_000_003 + index);
  const parent = parents.length > 0 && draw() < 0.15 ? pick(parents, draw) : undefined;
  const keyed = parent !== undefined || draw() < 0.6;
  const surname = `Faultcase-${letters(options.seed)}-${letters(index)}`;
  const email = parent ? undefined : `faultcase.${options.seed}.${index}@example.com`;
  const body = parent ? minor(parent, surname) : adult(surname, email!, draw() < 0.5);
  const result: LogicalCreate = {
    index,
    surname,
    email,
    kind: parent ? 'minor' : 'adult',
    key: keyed ? `campaign-${options.seed}-${index}` : undefined,
    seen: [],
    definitive: undefined,
    replayMismatch: false,
  };

  const twins = keyed && draw() < 0.1 ? 2 : 1;
  const answers = await Promise.all(
    Array.from({ length: twins }, () => untilDefinitive(options, body, result)),
  );
  result.definitive = answers.find((a) => a !== undefined);

  const first = result.definitive;
  if (first?.status === 200 && typeof first.body.id === 'string') {
    if (result.kind === 'adult') parents.push(first.body.id);
    if (keyed && draw() < 0.2) {
      const again = await untilDefinitive(options, body, result);
      result.replayMismatch = again?.status !== 200 || again.body.id !== first.body.id;
    }
  }
  return result;
}

async function untilDefinitive(
  options: CallerOptions,
  body: Record<string, unknown>,
  result: LogicalCreate,
): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
  const started = Date.now();
  for (let attempt = 0; Date.now() - started < GIVE_UP_AFTER_MS; attempt++) {
    if (options.aborted?.()) return undefined;
    const base = options.url();
    let askedMs = 0;
    if (base !== undefined) {
      const answer = await send(base, options.token, body, result.key);
      result.seen.push(answer?.status ?? 'network');
      if (answer && DEFINITIVE.has(answer.status)) return answer;
      // A careful caller honours Retry-After, up to a point.
      askedMs = Math.min(5, answer?.retryAfter ?? 0) * 1000;
    }
    const backoff = Math.min(1000, 25 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2);
    await sleep(Math.max(backoff, askedMs));
  }
  return undefined;
}

async function send(
  base: string,
  token: string,
  body: Record<string, unknown>,
  key: string | undefined,
): Promise<{ status: number; body: Record<string, unknown>; retryAfter?: number } | undefined> {
  try {
    const response = await fetch(`${base}${ROUTE}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    return {
      status: response.status,
      body: text === '' ? {} : JSON.parse(text),
      ...(Number.isFinite(retryAfter) ? { retryAfter } : {}),
    };
  } catch {
    return undefined;
  }
}

function adult(surname: string, email: string, full: boolean): Record<string, unknown> {
  const minimal = {
    client_type: 'Individual',
    node_id: '1',
    title: 'Ms',
    first_name: 'Ada',
    surname,
    email,
    nationality: 'GB',
    aml: true,
  };
  if (!full) return minimal;
  return {
    ...minimal,
    date_of_birth: '1980-02-29',
    national_insurance_no: 'AB123456C',
    building_number: '7',
    address_1: 'Harbour Road',
    postcode: 'PO1 2AB',
    country: 'GB',
    bank_details: { sort_code: '10-88-00', account_number: '00733445' },
    requires_debit_mandate: true,
  };
}

function minor(parentId: string, surname: string): Record<string, unknown> {
  return {
    client_type: 'Individual Minor',
    parent_id: parentId,
    first_name: 'Noor',
    surname,
    nationality: 'GB',
    date_of_birth: '2016-05-04',
  };
}

/** A-Z spelling of a number, since names take letters only. */
function letters(n: number): string {
  let text = '';
  let rest = Math.abs(Math.trunc(n));
  do {
    text = String.fromCharCode(97 + (rest % 26)) + text;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pick<T>(items: T[], draw: () => number): T {
  return items[Math.floor(draw() * items.length)]!;
}
