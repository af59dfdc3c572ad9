/**
 * Is this error our database being unreachable or shedding load, rather than a bug? Then the
 * caller should hear 503 and try again, wherever in the code the query failed.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

export function isStorageOutage(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as Error).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      // PostgreSQL classes 08 (connection), 53 (insufficient resources), 57P (operator
      // intervention: shutdown, terminated sessions).
      if (/^(08|53)[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return true;
      if (NETWORK_CODES.has(code)) return true;
    }
    const message = (e as Error).message;
    if (
      typeof message === 'string' &&
      /^Connection terminated|^timeout exceeded when trying to connect/.test(message)
    ) {
      return true;
    }
  }
  return false;
}
