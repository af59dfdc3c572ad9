/**
 * One HTTP exchange with Seccl: a per-attempt timeout, no redirects, a capped body, and the
 * transport's failures turned into SecclTimeoutError or SecclNetworkError.
 */
import { SecclNetworkError, SecclTimeoutError, SecclUpstreamError } from './errors.js';

/** Default cap on an answer's body. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export interface HttpExchange {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** `METHOD /template`, for errors. */
  endpoint: string;
}

export interface HttpOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxResponseBytes: number;
}

/** An answer of any status, its body read in full (within the cap) and parsed when JSON. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The parsed body; undefined when empty or not JSON. */
  json: unknown;
  upstreamRequestId?: string;
}

// Codes that mean the connection was never made, so not a byte of the request left.
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/** Sends one request and reads its whole answer. Throws only SecclError subclasses. */
export async function exchange(request: HttpExchange, options: HttpOptions): Promise<HttpAnswer> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const context = { endpoint: request.endpoint, timeoutMs: options.timeoutMs };

  let response: Response;
  try {
    response = await options.fetch(request.url.href, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      // A redirect would carry the api-token header to wherever Seccl (or a proxy) points.
      redirect: 'manual',
    });
  } catch (err) {
    throw transportError(err, signal, context);
  }

  const status = response.status;
  const upstreamRequestId = requestIdOf(response.headers);
  let text: string;
  try {
    text = await readCapped(response, options.maxResponseBytes, signal, request.endpoint);
  } catch (err) {
    if (err instanceof SecclUpstreamError) throw err;
    throw transportError(err, signal, { ...context, status, upstreamRequestId });
  }

  return { status, headers: response.headers, json: parseJson(text), upstreamRequestId };
}

async function readCapped(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
  endpoint: string,
): Promise<string> {
  const tooLarge = () =>
    new SecclUpstreamError(`Seccl's answer to ${endpoint} is over ${maxBytes} bytes`, undefined, {
      status: response.status,
      upstreamRequestId: requestIdOf(response.headers),
      endpoint,
    });

  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  if (signal.aborted) throw signal.reason;

  // Not every fetch ties the body to the signal, so the timeout cancels the read itself too.
  const reader = response.body.getReader();
  let timedOut = false;
  const onAbort = () => {
    timedOut = true;
    reader.cancel(signal.reason).catch(() => undefined);
  };
  signal.addEventListener('abort', onAbort, { once: true });

  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (timedOut) throw signal.reason;
      if (done) break;

      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

// Seccl's request id goes into logs and error objects: keep it only when it looks like one.
function requestIdOf(headers: Headers): string | undefined {
  const value = headers.get('x-request-id');
  return value !== null && /^[\x21-\x7e]{1,128}$/.test(value) ? value : undefined;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // The SyntaxError is dropped on purpose: its message quotes the body.
    return undefined;
  }
}

interface FailureContext {
  endpoint: string;
  timeoutMs: number;
  status?: number;
  upstreamRequestId?: string;
}

function transportError(err: unknown, signal: AbortSignal, context: FailureContext) {
  const { endpoint, timeoutMs, ...details } = context;
  if (signal.aborted) {
    return new SecclTimeoutError(`Seccl did not answer ${endpoint} within ${timeoutMs} ms`, {
      ...details,
      endpoint,
      cause: err,
    });
  }

  const code = errorCode(err);
  const neverSent =
    context.status === undefined && code !== undefined && NEVER_SENT_CODES.has(code);
  const shown = code !== undefined && /^[A-Z0-9_]{1,40}$/.test(code) ? ` (${code})` : '';
  return new SecclNetworkError(`Seccl connection failed for ${endpoint}${shown}`, neverSent, {
    ...details,
    endpoint,
    cause: err,
  });
}

/** The first `code` along the cause chain (undici wraps the socket error in `fetch failed`). */
function errorCode(err: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof err !== 'object' || err === null) return undefined;

  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0], depth + 1);
  return errorCode(cause, depth + 1);
}
