/**
 * The service's logger: pino JSON. Redaction is the second line of defence; the first is that no
 * code logs bodies, headers, tokens or personal values at all.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const redactPaths = [
  'req.headers.authorization',
  'headers.authorization',
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

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      base: { service: 'seccl-addon' },
    },
    destination,
  );
}
