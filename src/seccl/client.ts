/**
 * The product's Seccl client: legacy authentication with a shared token per connection,
 * clients and nodes. It retries reads only, never a create, and knows nothing of the CRM.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { attempt, type AttemptDeps, type AttemptRequest, type SecclLogger } from './attempt.js';
import { TokenCache } from './auth.js';
import { CircuitBreaker } from './circuit.js';
import { envelopeData, isRecord, malformed } from './envelope.js';
import { SecclAuthError, SecclError } from './errors.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type HttpAnswer } from './http.js';
import { ENDPOINTS, endpointLabel, secclUrl, type SecclEndpoint } from './paths.js';
import { withRetries, type RetryPolicy } from './retry.js';
import type {
  SecclClientRecord,
  SecclClientSearch,
  SecclConnection,
  SecclCreateClientBody,
  SecclNode,
} from './types.js';

export type { SecclLogger } from './attempt.js';

export interface SecclClientOptions {
  /** The transport; injected in tests. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Timeout of each attempt, in milliseconds. Default 10_000. */
  timeoutMs?: number;
  /** One line per upstream call goes here. Default: no logging. */
  logger?: SecclLogger;
  /** Waits between retries. Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Clock in ms for the circuit breaker and HTTP-date `Retry-After`. Default `Date.now`. */
  now?: () => number;
  /** Retries of a read or an authentication after its first attempt. Default 2. */
  readRetries?: number;
  /** When the circuit opens and for how long. Default 5 consecutive failures, 30_000 ms. */
  circuit?: { failureThreshold: number; openMs: number };
  /** Largest answer body read, in bytes. Default 1 MiB. */
  maxResponseBytes?: number;
}

/** Default page and page size of a search. */
export const DEFAULT_SEARCH_PAGE = { page: 1, pageSize: 100 };

// Visible ASCII only: anything else would make fetch throw, or smuggle text into a header.
const HEADER_VALUE = /^[\x21-\x7e]{1,255}$/;

export class SecclClient {
  readonly #deps: AttemptDeps;
  readonly #retry: RetryPolicy;
  readonly #circuit: CircuitBreaker;
  readonly #tokens: TokenCache;

  constructor(options: SecclClientOptions = {}) {
    const now = options.now ?? Date.now;
    this.#retry = {
      retries: Math.max(0, Math.floor(options.readRetries ?? 2)),
      sleep: options.sleep ?? ((ms) => delay(ms)),
      random: options.random ?? Math.random,
    };
    this.#circuit = new CircuitBreaker(
      options.circuit ?? { failureThreshold: 5, openMs: 30_000 },
      now,
    );
    this.#deps = {
      http: {
        fetch: options.fetch ?? ((input, init) => fetch(input, init)),
        timeoutMs: options.timeoutMs ?? 10_000,
        maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      },
      circuit: this.#circuit,
      logger: options.logger,
      now,
    };
    this.#tokens = new TokenCache((conn, requestId) => this.#authenticate(conn, requestId));
  }

  /**
   * Creates a client and answers its Seccl id. Never retried here: on an error for which
   * `isOutcomeUnknown` is true, search for the client before creating it again.
   */
  async createClient(
    conn: SecclConnection,
    body: SecclCreateClientBody,
    opts: { idempotencyKey: string; requestId?: string },
  ): Promise<{ id: string }> {
    if (typeof opts.idempotencyKey !== 'string' || !HEADER_VALUE.test(opts.idempotencyKey)) {
      throw new SecclError('Idempotency key must be 1 to 255 visible ASCII characters');
    }

    const endpoint = ENDPOINTS.createClient;
    const url = secclUrl(conn.baseUrl, endpoint.template);
    const request = {
      url,
      body: JSON.stringify(body),
      headers: { 'Idempotency-Key': opts.idempotencyKey },
    };
    const answer = await this.#call(conn, endpoint, request, opts.requestId, 0);

    const data = envelopeData(answer, endpointLabel(endpoint));
    if (!isRecord(data) || typeof data.id !== 'string' || data.id === '') {
      throw malformed(answer, endpointLabel(endpoint), 'without data.id');
    }
    return { id: data.id };
  }

  /** Reads one client; SecclNotFoundError when Seccl has no such client. */
  async getClient(
    conn: SecclConnection,
    clientId: string,
    opts: { requestId?: string } = {},
  ): Promise<SecclClientRecord> {
    const endpoint = ENDPOINTS.getClient;
    const url = secclUrl(conn.baseUrl, endpoint.template, { firmId: conn.firmId, clientId });
    const answer = await this.#read(conn, endpoint, url, opts.requestId);

    // Another client's record under this id would be linked to the wrong person: refuse it.
    const data = envelopeData(answer, endpointLabel(endpoint));
    if (!isRecord(data) || data.id !== clientId) {
      throw malformed(answer, endpointLabel(endpoint), 'without the client asked for');
    }
    return data as unknown as SecclClientRecord;
  }

  /**
   * Searches the firm's clients. Filters left undefined are not sent; page and page size
   * default to `DEFAULT_SEARCH_PAGE`. `count` is Seccl's `meta.count`, else the items' number.
   */
  async searchClients(
    conn: SecclConnection,
    filters: SecclClientSearch,
    opts: { requestId?: string } = {},
  ): Promise<{ items: SecclClientRecord[]; count: number }> {
    const endpoint = ENDPOINTS.searchClients;
    const query = searchQuery(filters);
    const url = secclUrl(conn.baseUrl, endpoint.template, { firmId: conn.firmId }, query);
    const answer = await this.#read(conn, endpoint, url, opts.requestId);

    const items = records(answer, endpoint) as unknown as SecclClientRecord[];
    const meta = isRecord(answer.json) ? answer.json.meta : undefined;
    const count = isRecord(meta) && typeof meta.count === 'number' ? meta.count : items.length;
    return { items, count };
  }

  /** Lists the firm's nodes (`"0"` is the firm's root). */
  async listNodes(conn: SecclConnection, opts: { requestId?: string } = {}): Promise<SecclNode[]> {
    const endpoint = ENDPOINTS.listNodes;
    const url = secclUrl(conn.baseUrl, endpoint.template, { firmId: conn.firmId });
    const answer = await this.#read(conn, endpoint, url, opts.requestId);
    return records(answer, endpoint) as unknown as SecclNode[];
  }

  /**
   * Drops the cached token of a connection and what the circuit knows of it: call it when a
   * subscription's base URL or credentials change. An authentication in flight is not reused.
   */
  forget(connKey: string): void {
    this.#tokens.forget(connKey);
    this.#circuit.reset(connKey);
  }

  #read(conn: SecclConnection, endpoint: SecclEndpoint, url: URL, requestId?: string) {
    return this.#call(conn, endpoint, { url }, requestId, this.#retry.retries);
  }

  /**
   * Runs an authorised call. A 401/403 drops the token, renews it once and repeats the call
   * once; for a create that is safe, since Seccl refused the first request.
   */
  async #call(
    conn: SecclConnection,
    endpoint: SecclEndpoint,
    request: Pick<AttemptRequest, 'url' | 'body' | 'headers'>,
    requestId: string | undefined,
    retries: number,
  ): Promise<HttpAnswer> {
    const safeRequestId = cleanRequestId(requestId);
    let attempts = 0;
    const run = (token: string) =>
      this.#withRetries(conn, retries, () =>
        attempt(
          {
            ...request,
            connKey: conn.key,
            endpoint,
            headers: { ...request.headers, 'api-token': token },
            requestId: safeRequestId,
            attempt: (attempts += 1),
          },
          this.#deps,
        ),
      );

    const token = await this.#tokens.get(conn, safeRequestId);
    try {
      return await run(token);
    } catch (err) {
      if (!(err instanceof SecclAuthError)) throw err;
      this.#tokens.invalidate(conn, token);
    }
    return run(await this.#tokens.get(conn, safeRequestId));
  }

  async #authenticate(conn: SecclConnection, requestId?: string): Promise<string> {
    const endpoint = ENDPOINTS.authenticate;
    const { id, password } = conn.credentials;
    const body = JSON.stringify({ firmId: conn.firmId, id, password });
    const url = secclUrl(conn.baseUrl, endpoint.template);

    let attempts = 0;
    const answer = await this.#withRetries(conn, this.#retry.retries, () =>
      attempt(
        { connKey: conn.key, endpoint, url, body, requestId, attempt: (attempts += 1) },
        this.#deps,
      ),
    );

    const data = envelopeData(answer, endpointLabel(endpoint));
    const token = isRecord(data) ? data.token : undefined;
    if (typeof token !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(token)) {
      throw malformed(answer, endpointLabel(endpoint), 'without a usable data.token');
    }
    return token;
  }

  #withRetries<T>(conn: SecclConnection, retries: number, run: () => Promise<T>): Promise<T> {
    const policy = { ...this.#retry, retries };
    return withRetries(run, policy, () => !this.#circuit.isOpen(conn.key));
  }
}

function searchQuery(filters: SecclClientSearch): URLSearchParams {
  const query = new URLSearchParams();
  query.set('page', String(filters.page ?? DEFAULT_SEARCH_PAGE.page));
  query.set('pageSize', String(filters.pageSize ?? DEFAULT_SEARCH_PAGE.pageSize));
  for (const key of ['email', 'surname', 'dateOfBirth', 'nodeId'] as const) {
    const value = filters[key];
    if (value !== undefined) query.set(key, value);
  }
  return query;
}

function records(answer: HttpAnswer, endpoint: SecclEndpoint): Record<string, unknown>[] {
  const data = envelopeData(answer, endpointLabel(endpoint));
  if (
    !Array.isArray(data) ||
    !data.every((item) => isRecord(item) && typeof item.id === 'string')
  ) {
    throw malformed(answer, endpointLabel(endpoint), 'without a list of records');
  }
  return data as Record<string, unknown>[];
}

// A request id is only passed on when it is a plain token; a caller's odd one is dropped rather
// than failing the call over a tracing aid.
function cleanRequestId(requestId: string | undefined): string | undefined {
  return requestId !== undefined && HEADER_VALUE.test(requestId) ? requestId : undefined;
}
