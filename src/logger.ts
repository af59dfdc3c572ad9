/**
 * The service's logger: pino JSON. Redaction is the second line of defence; the first is that no
 * code logs bodies, headers, tokens or personal values at all. The third is here too: errors are
 * logged by class, code and stack frames only, because an error's message can quote what the
 * caller sent (a JSON parse error quotes the body; a database error quotes the bad value).
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const redactPaths = [
  'req.headers',
  'headers',
  '*.headers',
  'body',
  '*.body',
  'req.body',
  'req.headers.authorization',
  '*.authorization',
  '*.password',
  '*.token',
  '*.secret',
  '*.api-token',
  '*.email',
  '*.first_name',
  '*.surname',
  '*.national_insurance_no',
  '*.date_of_birth',
  '*.bank_details',
  '*.account_number',
  '*.sort_code',
];

/** What a log line keeps of an error: never its message, never its own properties. */
export interface LoggedError {
  type: string;
  code?: string;
  frames: string[];
  cause?: LoggedError;
}

const MAX_FRAMES = 8;

/** An Error as a log line may show it; anything else passes unchanged. */
export function safeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const code = (value as { code?: unknown }).code;
  // Frame lines start with "at"; every other stack line belongs to the message.
  const frames = (value.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, MAX_FRAMES);
  const logged: LoggedError = { type: value.name, frames };
  if (typeof code === 'string' || typeof code === 'number') logged.code = String(code);
  if (value.cause instanceof Error && depth < 3) {
    logged.cause = safeError(value.cause, depth + 1) as LoggedError;
  }
  return logged;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      base: { service: 'seccl-addon' },
      serializers: {
        err: safeError,
        error: safeError,
        // A request or reply object logged whole would carry headers and the body.
        req: (req: { id?: unknown; method?: unknown; routeOptions?: { url?: unknown } }) => ({
          id: req?.id,
          method: req?.method,
          route: req?.routeOptions?.url,
        }),
        res: (res: { statusCode?: unknown }) => ({ statusCode: res?.statusCode }),
      },
      hooks: {
        // `log.error(err)` would make the error's message the line's message.
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          if (first instanceof Error) {
            const message = typeof rest[0] === 'string' ? rest[0] : first.name;
            return method.apply(this, [{ err: first }, message] as never);
          }
          return method.apply(this, args);
        },
      },
    },
    destination,
  );
}
