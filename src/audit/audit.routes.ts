/**
 * `GET /api/v1/audit-events`: the acting firm's audit trail, for its admins. Takes `audit:read`
 * and a login with `is_admin`; query `page` (from 1), `per_page` (1 to 100, default 25) and
 * `action` (one of the recorded actions).
 */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { Db } from '../db/database.js';
import { ForbiddenError, ValidationError, type FieldErrors } from '../errors.js';
import { requireAbility } from '../http/authenticate.js';
import { auditActions } from './audit.js';
import { listAuditEvents } from './audit-events.js';

const PER_PAGE_DEFAULT = 25;
const PER_PAGE_MAX = 100;

export function auditRoutes(
  app: FastifyInstance,
  deps: { db: Db; authenticate: preHandlerHookHandler },
): void {
  app.get('/api/v1/audit-events', { preHandler: deps.authenticate }, async (request) => {
    const principal = requireAbility(request, 'audit:read');
    if (!principal.login.isAdmin) throw new ForbiddenError();
    const query = parseQuery(request.query);

    return listAuditEvents(deps.db, { firmId: principal.login.firmId, ...query });
  });
}

function parseQuery(raw: unknown): { page: number; perPage: number; action?: string } {
  const query = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const errors: FieldErrors = {};

  const page = wholeNumber(query.page, 1, 1, 1_000_000, 'page', errors);
  const perPage = wholeNumber(
    query.per_page,
    PER_PAGE_DEFAULT,
    1,
    PER_PAGE_MAX,
    'per_page',
    errors,
  );
  let action: string | undefined;
  if (query.action !== undefined && query.action !== '') {
    if (
      typeof query.action !== 'string' ||
      !(auditActions as readonly string[]).includes(query.action)
    ) {
      errors.action = ['The selected action is invalid.'];
    } else {
      action = query.action;
    }
  }

  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { page, perPage, action };
}

function wholeNumber(
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  key: string,
  errors: FieldErrors,
): number {
  if (value === undefined || value === '') return fallback;
  const text = typeof value === 'string' ? value : '';
  const number = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(number) || number < min || number > max) {
    const attribute = key.replace(/_/g, ' ');
    errors[key] = [`The ${attribute} field must be a whole number between ${min} and ${max}.`];
    return fallback;
  }
  return number;
}
