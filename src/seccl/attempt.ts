/**
 * One attempt at one Seccl endpoint: through the circuit, over HTTP, into a 2xx answer or a
 * SecclError, with one log line. The line names the endpoint's template, never the filled path,
 * the query, a body, a header value or what Seccl said.
 */
import type { CircuitBreaker } from './circuit.js';
import { answerError } from './envelope.js';
import { SecclError, SecclNetworkError, SecclTimeoutError } from './errors.js';
import { exchange, type HttpAnswer, type HttpOptions } from './http.js';
import { endpointLabel, type SecclEndpoint } from './paths.js';

/** What the client logs to; a pino logger fits. */
export interface SecclLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
}

export interface AttemptRequest {
  connKey: string;
  endpoint: SecclEndpoint;
  url: URL;
  /** Extra headers (the token, the idempotency key). */
  headers?: Record<string, string>;
  body?: string;
  requestId?: string;
  /** Counts from 1 across one logical call, renewal included. */
  attempt: number;
}

export interface AttemptDeps {
  http: HttpOptions;
  circuit: CircuitBreaker;
  logger?: SecclLogger;
  now: () => number;
}

/** Makes one attempt; resolves only with a 2xx answer. */
export async function attempt(request: AttemptRequest, deps: AttemptDeps): Promise<HttpAnswer> {
  const { endpoint, connKey } = request;
  const label = endpointLabel(endpoint);
  const line = {
    method: endpoint.method,
    path: endpoint.template,
    attempt: request.attempt,
    requestId: request.requestId,
  };

  const permit = enterCircuit(request, deps, label, line);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);

  let answer: HttpAnswer;
  try {
    answer = await exchange(
      {
        method: endpoint.method,
        url: request.url,
        headers: headersOf(request),
        body: request.body,
        endpoint: label,
      },
      deps.http,
    );
  } catch (err) {
    const { status, upstreamRequestId } = err instanceof SecclError ? err : {};
    settle(connKey, deps, permit, unwell(err, status));
    deps.logger?.warn(
      { ...line, status, ms: elapsed(), upstreamRequestId, error: errorName(err) },
      'seccl call failed',
    );
    throw err;
  }

  settle(connKey, deps, permit, answer.status >= 500);
  const ok = answer.status >= 200 && answer.status < 300;
  const fields = {
    ...line,
    status: answer.status,
    ms: elapsed(),
    upstreamRequestId: answer.upstreamRequestId,
  };
  if (ok) {
    deps.logger?.info(fields, 'seccl call');
    return answer;
  }

  const err = answerError(answer, label, deps.now());
  deps.logger?.warn({ ...fields, error: err.name }, 'seccl call failed');
  throw err;
}

function enterCircuit(
  request: AttemptRequest,
  deps: AttemptDeps,
  label: string,
  line: Record<string, unknown>,
) {
  try {
    return deps.circuit.enter(request.connKey, label);
  } catch (err) {
    deps.logger?.warn({ ...line, error: errorName(err) }, 'seccl call refused: circuit open');
    throw err;
  }
}

function settle(
  connKey: string,
  deps: AttemptDeps,
  permit: ReturnType<CircuitBreaker['enter']>,
  failed: boolean,
): void {
  if (!failed) {
    deps.circuit.succeeded(connKey);
    return;
  }
  if (deps.circuit.failed(connKey, permit)) {
    deps.logger?.warn({ connKey }, 'seccl circuit opened');
  }
}

// Only what says Seccl is unwell counts against the circuit; a 4xx is Seccl answering.
function unwell(err: unknown, status: number | undefined): boolean {
  if (err instanceof SecclNetworkError || err instanceof SecclTimeoutError) return true;
  return status === undefined || status >= 500;
}

function headersOf(request: AttemptRequest): Record<string, string> {
  return {
    Accept: 'application/json',
    ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...(request.requestId === undefined ? {} : { 'x-request-id': request.requestId }),
    ...request.headers,
  };
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}
