/**
 * Seccl's answer envelope: `{ data }` for a thing, `{ data, meta }` for a list, and
 * `{ error: { errorMessage, type, fieldErrors } }` for every failure.
 */
import type { SandboxFieldError } from './types.js';

/** What a handler answers; the server writes it as JSON. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The one error type of the sandbox: thrown anywhere, answered as an error envelope. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly fieldErrors: SandboxFieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

export function dataReply(status: number, data: unknown): Reply {
  return { status, body: { data } };
}

export function listReply(items: unknown[], count: number, page: number, pageSize: number): Reply {
  return { status: 200, body: { data: items, meta: { count, page, pageSize } } };
}

export function errorReply(error: SandboxError): Reply {
  return {
    status: error.status,
    body: {
      error: { errorMessage: error.message, type: error.type, fieldErrors: error.fieldErrors },
    },
    headers: error.headers,
  };
}

/** A 400 carrying every field error at once, the way Seccl reports an invalid body. */
export function validationError(fieldErrors: SandboxFieldError[]): SandboxError {
  const n = fieldErrors.length;
  const message = `The request is invalid: ${n} field error${n === 1 ? '' : 's'}.`;
  return new SandboxError(400, 'ValidationError', message, fieldErrors);
}
