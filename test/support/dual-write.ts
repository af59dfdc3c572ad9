/**
 * What the dual-write tests share: scripted database faults, a clock a test can move, a
 * PostgreSQL database of a test file's own, and reads of what Seccl and the CRM hold.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { auditEvents, externalReferences, onboardingIntents } from '../../src/db/schema.js';
import {
  InjectedFault,
  type FaultPoints,
  type FaultStep,
} from '../../src/onboarding/fault-points.js';
import type { Intent } from '../../src/onboarding/intents.repository.js';
import type { Clock } from '../../src/rules/index.js';
import type { Harness } from './harness.js';
import { freshPostgresDatabase } from './scratch-database.js';

export const createRoute = '/api/v1/addons/seccl/seccl/client';

/** Fails or holds chosen steps, as many times as asked; every other hit goes on. */
export class ScriptedFaults implements FaultPoints {
  readonly hits: FaultStep[] = [];
  readonly #failures = new Map<FaultStep, number>();
  readonly #gates = new Map<FaultStep, { reached: () => void; open: Promise<void> }>();

  /** The next `times` hits of `step` fail. */
  fail(step: FaultStep, times = 1): this {
    this.#failures.set(step, (this.#failures.get(step) ?? 0) + times);
    return this;
  }

  /**
   * The next hit of `step` waits until `release` is called; `reached` resolves when it waits.
   * Only for steps outside a transaction: PGlite has one connection, held by an open one.
   */
  hold(step: FaultStep): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const whenReached = new Promise<void>((resolve) => (reached = resolve));
    const open = new Promise<void>((resolve) => (release = resolve));
    this.#gates.set(step, { reached, open });
    return { reached: whenReached, release };
  }

  clear(): void {
    this.#failures.clear();
  }

  async hit(step: FaultStep): Promise<void> {
    this.hits.push(step);
    const gate = this.#gates.get(step);
    if (gate) {
      this.#gates.delete(step);
      gate.reached();
      await gate.open;
    }
    const left = this.#failures.get(step) ?? 0;
    if (left > 0) {
      this.#failures.set(step, left - 1);
      throw new InjectedFault(step);
    }
  }
}

/** A clock that runs with real time, plus whatever a test has moved it on by. */
export class MovableClock implements Clock {
  #offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}

/**
 * On PostgreSQL, a database for one test file, so its reconciler passes and clock jumps touch no
 * other file's intents; undefined on PGlite, where each harness is already alone.
 */
export async function scratchDatabase(): Promise<{ url?: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (base === undefined) return { drop: async () => undefined };
  return freshPostgresDatabase(base, 'dual');
}

/** The Seccl clients the harness's firm holds with this email. */
export function secclClientsWith(h: Harness, email: string) {
  return h.sandbox
    .clients(h.firm.secclFirmId)
    .filter((c) => c.email?.toLowerCase() === email.toLowerCase());
}

/** The CRM references to one Seccl client, in the harness's firm. */
export async function referencesTo(h: Harness, secclId: string) {
  return h.database.db
    .select()
    .from(externalReferences)
    .where(
      and(eq(externalReferences.firmId, h.firm.id), eq(externalReferences.reference, secclId)),
    );
}

/** Every intent of the harness's firm, oldest first. */
export async function intentsOf(h: Harness): Promise<Intent[]> {
  const rows = await h.database.db
    .select()
    .from(onboardingIntents)
    .where(eq(onboardingIntents.firmId, h.firm.id))
    .orderBy(onboardingIntents.createdAt);
  return rows.map((row) => h.app.intents.fromRow(row));
}

export async function auditRowsOf(h: Harness, action: string) {
  return h.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.firmId, h.firm.id), eq(auditEvents.action, action)));
}

/** The intents route's view of one intent. */
export async function intentView(h: Harness, uuid: string) {
  const res = await h.call('GET', `/api/v1/addons/seccl/seccl/intents/${uuid}`);
  return res.body?.data;
}

/**
 * The Seccl calls the product logged for one request id, in order, as `METHOD /template status`
 * (`-` when no answer came back, `refused` when the circuit stopped the call).
 */
export function secclCalls(h: Harness, requestId: string): string[] {
  const calls: string[] = [];
  for (const text of h.logs) {
    const line = JSON.parse(text) as Record<string, unknown>;
    if (line.requestId !== requestId || typeof line.path !== 'string') continue;
    if (typeof line.msg !== 'string' || !line.msg.startsWith('seccl call')) continue;
    const status = line.msg.includes('circuit open') ? 'refused' : String(line.status ?? '-');
    calls.push(`${String(line.method)} ${line.path} ${status}`);
  }
  return calls;
}

/** A fresh request id for a call, so its Seccl calls can be picked out of the logs. */
export function requestIdFor(name: string): string {
  return `${name}-${randomBytes(4).toString('hex')}`;
}
