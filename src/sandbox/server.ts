/**
 * The HTTP side of the sandbox: one pipeline for every request (route, body, faults, handler,
 * answer, log line), and listening that can be switched off and on to refuse connections.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { TokenStore } from './auth.js';
import { SandboxError, errorReply, type Reply } from './envelope.js';
import type { FaultEffect, FaultTable } from './faults.js';
import { isRecord } from './fields.js';
import { discardBody, parseJson, readBody, send } from './http-io.js';
import type { RouteMatch, Router } from './router.js';

export interface ServerParts {
  router: Router;
  faults: FaultTable;
  tokens: TokenStore;
  logger?: (line: object) => void;
}

/** The request was answered by destroying its socket. */
const DROPPED = Symbol('dropped');

function injected(effect: FaultEffect): Reply {
  const status = effect.status ?? 500;
  const type = status === 429 ? 'TooManyRequestsError' : 'InjectedFault';
  const headers: Record<string, string> = {};
  if ((status === 429 || status === 503) && effect.retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(effect.retryAfterSeconds);
  }
  return errorReply(new SandboxError(status, type, `Injected fault: ${status}.`, [], headers));
}

export class SandboxServer {
  readonly #server: Server;
  readonly #timers = new Set<NodeJS.Timeout>();
  #host = '127.0.0.1';
  #port = 0;
  #listening = false;
  #closed = false;

  constructor(private readonly parts: ServerParts) {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  get port(): number {
    return this.#port;
  }

  /** Listens on `host:port`; later calls reuse the port first bound, so the URL stays valid. */
  listen(host: string, port: number): Promise<number> {
    if (this.#closed) return Promise.reject(new Error('The sandbox is closed.'));
    if (this.#listening) return Promise.resolve(this.#port);
    this.#host = host;
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.#server.once('error', onError);
      this.#server.listen(port, host, () => {
        this.#server.off('error', onError);
        this.#listening = true;
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve(this.#port);
      });
    });
  }

  relisten(): Promise<number> {
    return this.listen(this.#host, this.#port);
  }

  /** Stops listening and drops every open connection, so new connections are refused. */
  async stopListening(): Promise<void> {
    if (!this.#listening) return;
    this.#listening = false;
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
    // A client in this process needs a couple of event-loop turns to retire its dropped
    // keep-alive sockets (undici: two); until then it would reuse one and see a reset instead of
    // the refused connection a test expects.
    for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Stops for good: also forgets requests that are waiting out an injected delay. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.stopListening();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const cut = url.indexOf('?');
    const path = cut === -1 ? url : url.slice(0, cut);
    const query = new URLSearchParams(cut === -1 ? '' : url.slice(cut + 1));
    res.on('error', () => undefined);

    let reply: Reply | typeof DROPPED;
    try {
      reply = await this.#answer(req, method, path, query);
    } catch (error) {
      reply = this.#errorReply(error, method, path);
    }

    try {
      if (reply === DROPPED) req.socket.destroy();
      else send(res, reply);
    } catch {
      req.socket.destroy();
    }

    this.#log({
      event: 'sandbox.request',
      method,
      path,
      query: [...new Set(query.keys())],
      status: reply === DROPPED ? null : reply.status,
      dropped: reply === DROPPED,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  }

  async #answer(
    req: IncomingMessage,
    method: string,
    path: string,
    query: URLSearchParams,
  ): Promise<Reply | typeof DROPPED> {
    let match: RouteMatch;
    try {
      match = this.parts.router.match(method, path);
    } catch (error) {
      discardBody(req);
      throw error;
    }

    let body: unknown;
    if (method === 'POST') body = parseJson(await readBody(req), req.headers['content-type']);
    else discardBody(req);
    const { route, params } = match;
    const ctx = { method, path, params, query, headers: req.headers, body };
    if (route.control) return route.handler(ctx);

    const bodyFirm = isRecord(body) && typeof body.firmId === 'string' ? body.firmId : undefined;
    const effect = this.parts.faults.decide({ method, path, firmId: params.firmId ?? bodyFirm });
    if (effect.delayMs > 0) await this.#sleep(effect.delayMs);
    if (effect.dropBeforeStore) return DROPPED;
    if (effect.status !== undefined) return injected(effect);
    if (effect.expireTokens) this.parts.tokens.expireAll();

    let reply: Reply;
    try {
      reply = route.handler(ctx);
    } catch (error) {
      reply = this.#errorReply(error, method, path);
    }
    return effect.dropAfterStore ? DROPPED : reply;
  }

  #errorReply(error: unknown, method: string, path: string): Reply {
    if (error instanceof SandboxError) return errorReply(error);

    // Name and code location only: a message may quote the data that tripped the bug.
    const name = error instanceof Error ? error.name : typeof error;
    const at = error instanceof Error ? error.stack?.split('\n')[1]?.trim() : undefined;
    this.#log({ event: 'sandbox.bug', method, path, error: name, at });
    return errorReply(new SandboxError(500, 'InternalError', 'The sandbox failed unexpectedly.'));
  }

  // The logger is the caller's code: its failure must not take the server down with it.
  #log(line: object): void {
    try {
      this.parts.logger?.(line);
    } catch {
      return;
    }
  }

  // A request whose caller gave up during the delay is still handled afterwards, as a real
  // server would be: that is how a create lands although its answer was lost.
  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }
}
