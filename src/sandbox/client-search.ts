/**
 * Reads the query of `GET /client/{firmId}`. Unknown, repeated or empty parameters are refused
 * rather than ignored: a filter the sandbox silently dropped would hand the product every client
 * of the firm when it looks for one whose create answer was lost.
 */
import { validationError } from './envelope.js';
import { FieldErrorList } from './fields.js';
import type { ClientFilters } from './clients.js';

export const MAX_PAGE_SIZE = 100;

const FILTERS = ['email', 'surname', 'dateOfBirth', 'nodeId', 'clientType'] as const;
const PAGING = ['page', 'pageSize'] as const;

export interface ClientQuery {
  filters: ClientFilters;
  page: number;
  pageSize: number;
}

/** Parses the search query; throws a 400 listing every bad parameter. */
export function parseClientQuery(query: URLSearchParams): ClientQuery {
  const errors = new FieldErrorList();
  const known: readonly string[] = [...FILTERS, ...PAGING];

  for (const name of new Set(query.keys())) {
    const values = query.getAll(name);
    if (!known.includes(name)) errors.add(name, 'unknownField', 'Is not a search parameter.');
    else if (values.length > 1) errors.add(name, 'duplicate', 'Must be given once.');
    else if (values[0]?.trim() === '') errors.add(name, 'empty', 'Must not be empty.');
  }

  const filters: ClientFilters = {};
  for (const name of FILTERS) {
    const value = query.get(name);
    if (value !== null) filters[name] = value;
  }
  const page = readPositive(query, 'page', 1, Number.MAX_SAFE_INTEGER, errors);
  const pageSize = readPositive(query, 'pageSize', MAX_PAGE_SIZE, MAX_PAGE_SIZE, errors);

  if (errors.items.length > 0) throw validationError(errors.items);
  return { filters, page, pageSize };
}

function readPositive(
  query: URLSearchParams,
  name: string,
  fallback: number,
  max: number,
  errors: FieldErrorList,
): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return fallback;

  const value = /^[0-9]{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    errors.add(name, 'range', `Must be a whole number from 1 to ${max}.`);
  }
  return value;
}
