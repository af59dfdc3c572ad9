/**
 * How request bodies are read. Only `application/json` in UTF-8 is read; every other media type
 * (text/plain, forms, XML, `application/jsonx`, `+json` types) is refused with 415, never
 * half-understood, unless a route's own plugin reads it. A body that cannot be read as JSON is a 400 that says why, before any field
 * rule runs, so a caller never gets a wall of "field is required" for a typo in the JSON.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadRequestError, UnsupportedMediaTypeError } from '../errors.js';

/** Charsets that name UTF-8 (RFC 8259 says JSON between systems is UTF-8). */
const UTF8 = new Set(['utf-8', 'utf8']);

/** The `charset` parameter of a Content-Type header, lower case, or undefined when absent. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  if (!match) return undefined;
  return (match[1] ?? match[2] ?? '').toLowerCase();
}

// `fatal` refuses bytes that are not UTF-8 instead of turning them into U+FFFD, which would
// otherwise reach Seccl and the CRM inside a name. A leading BOM is dropped (RFC 8259 §8.1).
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The name of a key that could change an object's prototype if the body were ever merged into
 * another object (`__proto__`, or `constructor` holding `prototype`), or undefined when there is
 * none. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function forbiddenKeyIn(value: unknown): string | undefined {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Object.hasOwn(node, '__proto__')) return '__proto__';
    if (Object.hasOwn(node, 'constructor')) {
      const ctor: unknown = (node as Record<string, unknown>).constructor;
      if (typeof ctor === 'object' && ctor !== null && Object.hasOwn(ctor, 'prototype')) {
        return 'constructor.prototype';
      }
    }
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) pending.push(child);
    }
  }
  return undefined;
}

/**
 * Reads a JSON body. Duplicate keys follow JSON.parse (the last one wins); what the rules check
 * is the parsed object, and only its normalised form is sent on, so no other reader can see a
 * different value.
 */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  const charset = charsetOf(contentType);
  if (charset !== undefined && !UTF8.has(charset)) {
    throw new UnsupportedMediaTypeError('The request body must be JSON in UTF-8.');
  }

  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    throw new BadRequestError('The request body is not valid UTF-8.');
  }
  if (text.trim() === '') {
    throw new BadRequestError('The request body is empty; send a JSON object.');
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError('The request body is malformed JSON.');
  }
  const forbidden = forbiddenKeyIn(value);
  if (forbidden !== undefined) {
    throw new BadRequestError(`The request body must not hold a key named ${forbidden}.`);
  }
  return value;
}

/**
 * Replaces Fastify's JSON and plain-text parsers with {@link parseJsonBody} for
 * `application/json`. Parsers other parts add for their own routes (a form-encoded OAuth2 token
 * endpoint) are left alone.
 */
export function installJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer' },
    (request: FastifyRequest, raw: Buffer | string, done) => {
      try {
        const buffer = typeof raw === 'string' ? Buffer.from(raw) : raw;
        done(null, parseJsonBody(buffer, request.headers['content-type']));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}
