/**
 * A request with exactly the bytes and headers a test gives, for what `fetch` would change: it
 * adds `Accept: *\/*` and a text/plain Content-Type to a string body, and cannot send bytes
 * that are not UTF-8 as a string.
 */
import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  contentType: string | undefined;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Sends `body` as is to `url` (a full URL on 127.0.0.1) with only `headers`. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<RawAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'POST',
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            text,
            json,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
