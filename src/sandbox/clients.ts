/**
 * The clients the sandbox holds: creating one (after the rules in `client-rules.ts`), reading one
 * back, and the exact-match search the product uses to find a client whose create answer was lost.
 */
import { randomInt } from 'node:crypto';
import { checkCreateClient, type CreateClientInput } from './client-rules.js';
import type { SandboxClient, SandboxFieldError } from './types.js';

/** Exact filters of `GET /client/{firmId}`; email and surname ignore case. */
export interface ClientFilters {
  email?: string;
  surname?: string;
  dateOfBirth?: string;
  nodeId?: string;
  clientType?: string;
}

export type CreateOutcome =
  { ok: true; client: SandboxClient } | { ok: false; fieldErrors: SandboxFieldError[] };

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function sameText(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

export class ClientStore {
  readonly #clients = new Map<string, SandboxClient>();

  constructor(
    private readonly now: () => number,
    private readonly onChange: () => void,
  ) {}

  /** Checks and stores a new client of `firmId`, whose nodes are `nodeIds`. */
  create(
    firmId: string,
    nodeIds: ReadonlySet<string>,
    body: Record<string, unknown>,
  ): CreateOutcome {
    const check = checkCreateClient(body, {
      nodeIds,
      findClient: (id) => this.get(firmId, id),
      emailInUse: (email) => this.#ofFirm(firmId).some((client) => sameText(client.email, email)),
    });
    if (!check.ok) return check;

    const client = this.#toRecord(this.#newId(), check.input);
    this.#clients.set(client.id, client);
    this.onChange();
    return { ok: true, client: structuredClone(client) };
  }

  get(firmId: string, id: string): SandboxClient | undefined {
    const client = this.#clients.get(id);
    return client?.firmId === firmId ? structuredClone(client) : undefined;
  }

  /** Copies, in creation order; every firm's when no firm is named. */
  all(firmId?: string): SandboxClient[] {
    const held = firmId === undefined ? [...this.#clients.values()] : this.#ofFirm(firmId);
    return held.map((client) => structuredClone(client));
  }

  search(firmId: string, filters: ClientFilters): SandboxClient[] {
    const { email, surname, dateOfBirth, nodeId, clientType } = filters;
    return this.all(firmId).filter(
      (client) =>
        (email === undefined || sameText(client.email, email)) &&
        (surname === undefined || sameText(client.surname, surname)) &&
        (dateOfBirth === undefined || client.dateOfBirth === dateOfBirth) &&
        (nodeId === undefined || client.nodeId.includes(nodeId)) &&
        (clientType === undefined || client.clientType === clientType),
    );
  }

  load(clients: SandboxClient[]): void {
    for (const client of clients) this.#clients.set(client.id, client);
  }

  #ofFirm(firmId: string): SandboxClient[] {
    return [...this.#clients.values()].filter((client) => client.firmId === firmId);
  }

  #newId(): string {
    let id: string;
    do {
      id = Array.from({ length: 7 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
    } while (this.#clients.has(id));
    return id;
  }

  #toRecord(id: string, input: CreateClientInput): SandboxClient {
    const { firmId, clientType, parentId, nodeId, bankDetails, vulnerability, amlData, ...rest } =
      structuredClone(input);
    const at = new Date(this.now()).toISOString();
    const parent = parentId === undefined ? undefined : this.#clients.get(parentId);

    const client: SandboxClient = {
      id,
      firmId,
      nodeId: nodeId ?? [...(parent?.nodeId ?? [])],
      clientType,
      ...rest,
      status: 'Pending',
      termsAccepted: rest.termsAccepted ?? false,
      auditDetails: { version: 1, updateDate: at },
    };
    if (parentId !== undefined) client.parentId = [parentId];
    if (bankDetails) {
      client.bankDetails = {
        ...bankDetails,
        debitPaymentMandate: input.requiresDebitMandate === true,
      };
    }
    if (vulnerability) {
      const setDate = vulnerability.isVulnerable ? { isVulnerableSetDate: at.slice(0, 10) } : {};
      client.vulnerability = { ...vulnerability, ...setDate };
    }
    if (amlData) client.amlData = { amlEvidenceSeen: amlData.evidenceSeen, checkResult: 'Pending' };
    return client;
  }
}
