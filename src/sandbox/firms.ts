/**
 * The firms the sandbox knows: their users (for `POST /authenticate`) and their node trees.
 * Every firm has the root node `"0"`; nodes given without a parent hang from it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { FieldErrorList, arrayOf, checkObject, object, text } from './fields.js';
import type { SandboxFieldError, SandboxFirm } from './types.js';

/** A node as `GET /node/{firmId}` answers it. */
export interface SandboxNode {
  id: string;
  name: string;
  parentId?: string;
  nodeType: 'Firm' | 'Node';
}

interface Firm {
  users: Map<string, string>;
  nodes: Map<string, SandboxNode>;
}

const ROOT_NODE = '0';

const FIRM_SHAPE = {
  fields: {
    firmId: text(),
    users: arrayOf(
      object({ fields: { id: text(), password: text() }, required: ['id', 'password'] }),
    ),
    nodes: arrayOf(
      object({ fields: { id: text(), name: text(), parentId: text() }, required: ['id', 'name'] }),
    ),
  },
  required: ['firmId', 'users'],
};

/** What is wrong with a firm given to `addFirm` or `POST /__sandbox/firms`; empty when nothing. */
export function firmErrors(value: unknown): SandboxFieldError[] {
  const errors = new FieldErrorList();
  if (!checkObject(value, '', FIRM_SHAPE, errors)) return errors.items;

  if (Array.isArray(value.nodes)) {
    value.nodes.forEach((node: { id?: unknown }, i) => {
      if (node?.id === ROOT_NODE) {
        errors.add(`nodes[${i}].id`, 'notAllowed', 'Node "0" is the firm itself.');
      }
    });
  }
  return errors.items;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export class FirmRegistry {
  readonly #firms = new Map<string, Firm>();

  constructor(private readonly onChange: () => void) {}

  /** Adds a firm or merges into a known one; throws `TypeError` when the firm is malformed. */
  add(firm: SandboxFirm): void {
    const problems = firmErrors(firm);
    if (problems.length > 0) {
      const detail = problems.map((p) => `${p.fieldName}: ${p.errorMessage}`).join('; ');
      throw new TypeError(`Invalid sandbox firm: ${detail}`);
    }

    let known = this.#firms.get(firm.firmId);
    if (!known) {
      const root: SandboxNode = { id: ROOT_NODE, name: firm.firmId, nodeType: 'Firm' };
      known = { users: new Map(), nodes: new Map([[ROOT_NODE, root]]) };
      this.#firms.set(firm.firmId, known);
    }
    for (const user of firm.users) known.users.set(user.id, user.password);
    for (const node of firm.nodes ?? []) {
      const parentId = node.parentId ?? ROOT_NODE;
      known.nodes.set(node.id, { id: node.id, name: node.name, parentId, nodeType: 'Node' });
    }
    this.onChange();
  }

  has(firmId: string): boolean {
    return this.#firms.has(firmId);
  }

  /** Compares in constant time, so the sandbox does not teach a timing attack by example. */
  checkPassword(firmId: string, userId: string, password: string): boolean {
    const stored = this.#firms.get(firmId)?.users.get(userId);
    const matches = timingSafeEqual(digest(stored ?? ''), digest(password));
    return stored !== undefined && matches;
  }

  nodes(firmId: string): SandboxNode[] {
    return [...(this.#firms.get(firmId)?.nodes.values() ?? [])].map((node) => ({ ...node }));
  }

  nodeIds(firmId: string): Set<string> {
    return new Set(this.#firms.get(firmId)?.nodes.keys());
  }

  /** The firms in the shape `add` takes, for the state file. */
  snapshot(): SandboxFirm[] {
    return [...this.#firms].map(([firmId, firm]) => ({
      firmId,
      users: [...firm.users].map(([id, password]) => ({ id, password })),
      nodes: [...firm.nodes.values()]
        .filter((node) => node.id !== ROOT_NODE)
        .map(({ id, name, parentId }) => ({ id, name, parentId })),
    }));
  }
}
