/**
 * A scripted stand-in for Seccl, for this folder's unit tests: each `METHOD /path` answers from
 * its own queue of steps, and every request is recorded. Not used outside tests.
 */
import { SecclClient, type SecclClientOptions } from './client.js';
import type { SecclConnection } from './types.js';

export interface FakeRequest {
  method: string;
  url: URL;
  headers: Headers;
  body?: string;
  signal?: AbortSignal;
}

/** One scripted answer: a Response, or a throw to mimic a transport failure. */
export type Step = (request: FakeRequest) => Response | Promise<Response>;

export function fakeFetch(script: Record<string, Step[]>) {
  const calls: FakeRequest[] = [];
  const fetchImpl = async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const request: FakeRequest = {
      method: init.method ?? 'GET',
      url,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : undefined,
      signal: init.signal ?? undefined,
    };
    calls.push(request);

    const step = script[`${request.method} ${url.pathname}`]?.shift();
    if (!step) throw new Error(`unscripted call ${request.method} ${url.pathname}`);
    return step(request);
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

export function reply(status: number, json?: unknown, headers: Record<string, string> = {}): Step {
  return () =>
    new Response(json === undefined ? null : JSON.stringify(json), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
}

export const ok = (data: unknown, status = 200) => reply(status, { data });
export const token = (value: string) => ok({ token: value, userName: 'u', scopes: [] });
export const sealed = (status: number, errorMessage = 'refused') =>
  reply(status, { error: { errorMessage, type: 'Error' } });

export function raw(status: number, body: string | ReadableStream<Uint8Array>): Step {
  return () => new Response(body, { status });
}

export function throws(error: unknown): Step {
  return () => Promise.reject(error);
}

/**
 * Holds the event loop open until `signal` aborts. A real socket would do that; without it a
 * test whose only pending work is AbortSignal.timeout (an unref'd timer) just ends.
 */
export function keepAliveUntil(signal: AbortSignal | undefined): void {
  const timer = setInterval(() => undefined, 1000);
  signal?.addEventListener('abort', () => clearInterval(timer), { once: true });
}

/** Never answers; rejects with the signal's reason once it aborts, as fetch does. */
export const hang: Step = ({ signal }) =>
  new Promise((_resolve, reject) => {
    keepAliveUntil(signal);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/** A fetch failure the way undici reports a socket error. */
export function socketError(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

export interface LogLine {
  level: 'info' | 'warn';
  obj: Record<string, unknown>;
  msg?: string;
}

export const conn: SecclConnection = {
  key: 'sub-1',
  baseUrl: 'https://seccl.invalid',
  firmId: 'PKINV',
  credentials: { id: 'USER001', password: 'planted-password-4b1d' },
};

/** Where the harness clock starts. */
export const START_MS = 1_700_000_000_000;

/** A client wired to a fake Seccl, a recording sleep, a frozen clock and a recording logger. */
export function harness(script: Record<string, Step[]>, options: SecclClientOptions = {}) {
  const fake = fakeFetch(script);
  const sleeps: number[] = [];
  const lines: LogLine[] = [];
  const clock = { now: START_MS };
  const client = new SecclClient({
    fetch: fake.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => clock.now,
    logger: {
      info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
      warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    },
    ...options,
  });
  return { client, calls: fake.calls, sleeps, lines, clock };
}
