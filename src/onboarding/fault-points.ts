/**
 * Named places on the create path where a test can make the product's own storage fail, so each
 * half-finished state of the dual write can be reached on purpose. Production runs `noFaults`,
 * which does nothing; `randomFaults` is the opt-in testing mode of the fault campaign
 * (`TESTING_DB_FAULT_RATE`), and tests script their own (test/support/fault-script.ts).
 */

/**
 * - `before-intent`: inside the transaction that records the intent, before its insert;
 * - `after-seccl-create`: Seccl has answered the create (or the lookup found the client), before
 *   its id is stored;
 * - `before-sync-commit`: inside the CRM sync transaction, after all its writes, before commit;
 * - `before-release`: before an unfinished intent is handed to the reconciler.
 */
export type FaultStep =
  'before-intent' | 'after-seccl-create' | 'before-sync-commit' | 'before-release';

export const faultSteps: readonly FaultStep[] = [
  'before-intent',
  'after-seccl-create',
  'before-sync-commit',
  'before-release',
];

export interface FaultPoints {
  /** Resolves to let the step go on; rejects (with InjectedFault) to make it fail there. */
  hit(step: FaultStep): Promise<void>;
}

/** What a failing step throws: it stands for the database refusing the write. */
export class InjectedFault extends Error {
  constructor(readonly step: FaultStep) {
    super(`injected database failure at ${step}`);
    this.name = 'InjectedFault';
  }
}

/** Production: every step goes on. */
export const noFaults: FaultPoints = { hit: () => Promise.resolve() };

/**
 * Fails each hit of the given steps with probability `rate`, from a seeded sequence so that a
 * campaign can be repeated. For tests and the fault campaign only; never on in production.
 */
export function randomFaults(
  rate: number,
  seed: number,
  steps: readonly FaultStep[] = faultSteps,
): FaultPoints {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    // xorshift32: small and repeatable, which is all a fault campaign needs.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  return {
    hit(step) {
      if (steps.includes(step) && next() < rate) return Promise.reject(new InjectedFault(step));
      return Promise.resolve();
    },
  };
}
