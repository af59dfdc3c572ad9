/**
 * Answers a request Node's HTTP parser could not read (bad headers, header overflow, timeout).
 * Fastify's default handler logs the parser's error, and that error carries the raw bytes
 * received: the Authorization header and the start of the body. This one logs only the code.
 */
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';

const answers: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive.'],
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'The request headers are too large.',
  ],
};

/** A `clientErrorHandler` for Fastify that never logs what the client sent. */
export function clientErrorHandler(logger: FastifyBaseLogger) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, reason, message] = answers[error.code ?? ''] ?? [
      400,
      'Bad Request',
      'The request could not be read.',
    ];

    logger.debug({ code: error.code, status }, 'unreadable request');
    if (socket.writable) {
      const body = JSON.stringify({ message });
      socket.write(
        `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}
