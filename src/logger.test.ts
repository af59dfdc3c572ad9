import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from './logger.js';

function capture(): {
  lines: () => Record<string, unknown>[];
  text: () => string;
  sink: { write(s: string): void };
} {
  const out: string[] = [];
  return {
    sink: { write: (s: string) => void out.push(s) },
    lines: () => out.map((line) => JSON.parse(line)),
    text: () => out.join(''),
  };
}

test('logs an error by class, code and frames, never by its message', () => {
  const log = capture();
  const logger = createLogger('debug', log.sink);
  const error = Object.assign(new Error('invalid input syntax: "ada@example.com"\nsecond line'), {
    code: '22P02',
    detail: 'Key (email)=(ada@example.com)',
  });

  logger.error({ err: error }, 'unhandled error');
  logger.warn(error);
  logger.info({ err: new TypeError('x', { cause: new SyntaxError('{"first_name":"Ada"') }) }, 'x');

  assert.ok(!log.text().includes('ada@example.com'));
  assert.ok(!log.text().includes('Ada'));
  const [first, second, third] = log.lines();
  assert.deepEqual(Object.keys(first!.err as object).sort(), ['code', 'frames', 'type']);
  assert.equal((first!.err as { code: string }).code, '22P02');
  assert.ok(((first!.err as { frames: string[] }).frames[0] ?? '').startsWith('at '));
  assert.equal(second!.msg, 'Error');
  assert.equal((third!.err as { cause: { type: string } }).cause.type, 'SyntaxError');
});

test('logs a request or reply object without its headers or body', () => {
  const log = capture();
  const logger = createLogger('debug', log.sink);
  const req = {
    id: 'r1',
    method: 'POST',
    routeOptions: { url: '/api/v1/account' },
    headers: { authorization: 'Bearer 1|secret' },
    body: { email: 'ada@example.com' },
  };

  logger.info({ req, res: { statusCode: 400, headers: { 'set-cookie': 'sid=1' } } }, 'line');

  assert.ok(!log.text().includes('secret'));
  assert.ok(!log.text().includes('ada@example.com'));
  assert.ok(!log.text().includes('sid=1'));
  assert.deepEqual(log.lines()[0]!.req, { id: 'r1', method: 'POST', route: '/api/v1/account' });
});

test('redacts known personal keys one level down, and any headers or body', () => {
  const log = capture();
  const logger = createLogger('debug', log.sink);

  logger.info(
    {
      client: { email: 'ada@example.com', sort_code: '108800' },
      headers: { authorization: 'Bearer t' },
      body: { anything: 'at all' },
    },
    'line',
  );

  assert.ok(!/ada@example\.com|108800|Bearer t|at all/.test(log.text()));
});
