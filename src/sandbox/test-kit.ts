/**
 * Helpers for the sandbox's own tests: a started sandbox with two firms, a signed-in token, and
 * valid create bodies for invented people. Not part of the sandbox's API.
 */
import { startSandbox } from './index.js';
import type { Sandbox, SandboxOptions } from './types.js';

export const FIRM = 'TESTF';
export const OTHER_FIRM = 'OTHRF';
export const USER = { id: 'tester1', password: 'secret-one' };

export interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any shape
}

/** A sandbox on a free port with firm TESTF (nodes 0, N1, N2) and firm OTHRF. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({
    firms: [
      {
        firmId: FIRM,
        users: [USER],
        nodes: [
          { id: 'N1', name: 'North' },
          { id: 'N2', name: 'North West', parentId: 'N1' },
        ],
      },
      { firmId: OTHER_FIRM, users: [{ id: 'other1', password: 'secret-two' }] },
    ],
    ...options,
  });
}

/** Sends JSON (or a raw string) and reads the answer, whatever its status. */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['api-token'] = options.token;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';

  const res = await fetch(`${sandbox.url}${path}`, { method, headers, body });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

export async function signIn(sandbox: Sandbox, firmId = FIRM, user = USER): Promise<string> {
  const answer = await call(sandbox, 'POST', '/authenticate', {
    body: { firmId, id: user.id, password: user.password },
  });
  if (answer.status !== 200) throw new Error(`sign-in failed with ${answer.status}`);
  return answer.body.data.token as string;
}

/** A complete, valid adult create body, as the product would send it. */
export function adultBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firmId: FIRM,
    nodeId: ['N1'],
    clientType: 'Individual',
    title: 'Ms',
    firstName: 'Ciara',
    surname: "O'Neill",
    email: 'ciara.oneill+isa@example.co.uk',
    nationality: 'GB',
    nationalities: [
      { code: 'GB', identifiers: [{ name: 'NINO', available: true, value: 'AB123456C' }] },
    ],
    nationalInsuranceNo: 'AB123456C',
    dateOfBirth: '1987-05-15',
    addressDetail: {
      buildingNumber: '12',
      address1: 'Harbour Row',
      country: 'GB',
      postCode: 'PO7 7YH',
    },
    taxDomicile: 'GB',
    maritalStatus: 'Single',
    retirementAge: 67,
    bankDetails: { sortCode: '108800', accountNumber: '00733445' },
    requiresDebitMandate: true,
    employmentStatus: 'Employed',
    amlData: { evidenceSeen: true },
    termsAccepted: false,
    currency: 'GBP',
    language: 'en',
    ...overrides,
  };
}

/** A valid minor create body for the given parent. */
export function minorBody(parentId: string, overrides: Record<string, unknown> = {}) {
  return {
    firmId: FIRM,
    clientType: 'Individual Minor',
    parentId,
    firstName: 'Zoë',
    surname: "O'Neill",
    nationality: 'GB',
    dateOfBirth: '2015-02-01',
    termsAccepted: false,
    currency: 'GBP',
    language: 'en',
    ...overrides,
  };
}

/** Creates a client and answers its id; fails the test on any other answer. */
export async function createClient(
  sandbox: Sandbox,
  token: string,
  body: Record<string, unknown>,
): Promise<string> {
  const answer = await call(sandbox, 'POST', '/client', { token, body });
  if (answer.status !== 201) throw new Error(`create failed: ${JSON.stringify(answer.body)}`);
  return answer.body.data.id as string;
}
