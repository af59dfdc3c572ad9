/** Reading request bodies and writing JSON answers on raw `node:http` objects. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SandboxError, type Reply } from './envelope.js';

/** Bodies larger than this are answered 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

function tooLarge(): SandboxError {
  const message = `The body is larger than ${BODY_LIMIT_BYTES} bytes.`;
  return new SandboxError(413, 'PayloadTooLargeError', message, [], { connection: 'close' });
}

/**
 * Collects the body up to the limit. Past it, the rest is read and thrown away so the caller
 * can still read the 413 instead of seeing its upload cut off.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > BODY_LIMIT_BYTES) {
      req.resume();
      reject(tooLarge());
      return;
    }

    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => (over ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', () => {
      reject(new SandboxError(400, 'BadRequestError', 'The body could not be read.'));
    });
  });
}

/** Lets an unread body flow away, so keep-alive connections stay usable. */
export function discardBody(req: IncomingMessage): void {
  req.resume();
}

/** Parses a JSON body; 415 for a declared non-JSON type, 400 for anything that is not JSON. */
export function parseJson(raw: Buffer, contentType: string | undefined): unknown {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType && mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw new SandboxError(415, 'UnsupportedMediaTypeError', 'The body must be application/json.');
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    // The parser's own message quotes the body, which may hold personal data: say less.
    throw new SandboxError(400, 'BadRequestError', 'The body is not valid JSON.');
  }
  // Later steps walk the body recursively; a megabyte of `[[[[` must not exhaust the stack.
  if (nestsDeeper(value, MAX_DEPTH)) {
    const message = `The body nests deeper than ${MAX_DEPTH} levels.`;
    throw new SandboxError(400, 'BadRequestError', message);
  }
  return value;
}

const MAX_DEPTH = 32;

function nestsDeeper(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  return Object.values(value).some((child) => nestsDeeper(child, levels - 1));
}

/** Writes a reply as JSON, unless the socket is already gone. */
export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;

  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json; charset=utf-8';
  headers['content-length'] = Buffer.byteLength(text);
  res.writeHead(reply.status, headers).end(text);
}
