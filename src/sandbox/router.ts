/** Matches a method and path to a route, or throws the 404 or 405 Seccl would answer. */
import type { IncomingHttpHeaders } from 'node:http';
import { SandboxError, type Reply } from './envelope.js';

/** What a handler gets to see of one request. */
export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body of a POST; `undefined` for other methods. */
  body: unknown;
}

export type Handler = (ctx: RequestContext) => Reply;

export interface Route {
  method: string;
  /** Segments joined by `/`; a segment starting with `:` captures, as in `/client/:firmId`. */
  path: string;
  handler: Handler;
  /** Control routes skip faults and need no token. */
  control?: boolean;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function segments(path: string): string[] {
  return path.split('/').slice(1);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new SandboxError(400, 'BadRequestError', 'The path is not valid percent-encoding.');
  }
}

export class Router {
  readonly #routes: { route: Route; parts: string[] }[];

  constructor(routes: Route[]) {
    this.#routes = routes.map((route) => ({ route, parts: segments(route.path) }));
  }

  match(method: string, path: string): RouteMatch {
    const given = segments(path);
    const allowed: string[] = [];

    for (const { route, parts } of this.#routes) {
      const params = capture(parts, given);
      if (!params) continue;
      if (route.method === method) return { route, params };
      allowed.push(route.method);
    }

    if (allowed.length === 0) {
      throw new SandboxError(404, 'NotFoundError', 'No such resource.');
    }
    const message = `Method ${method} is not allowed here.`;
    throw new SandboxError(405, 'MethodNotAllowedError', message, [], {
      allow: allowed.join(', '),
    });
  }
}

function capture(parts: string[], given: string[]): Record<string, string> | undefined {
  if (parts.length !== given.length) return undefined;

  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = given[i] ?? '';
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      params[part.slice(1)] = decode(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}
