/**
 * A circuit breaker per connection: after enough consecutive failures that say Seccl is unwell,
 * calls fail at once for a while instead of piling up behind timeouts.
 */
import { SecclCircuitOpenError } from './errors.js';

export interface CircuitOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long it stays open before one trial call is let through. */
  openMs: number;
}

/** Given to each call let through; settle it with `succeeded` or `failed`. */
export interface CircuitPermit {
  readonly trial: boolean;
}

interface State {
  failures: number;
  openUntil?: number;
  trial?: CircuitPermit;
  trialSince?: number;
}

export class CircuitBreaker {
  readonly #states = new Map<string, State>();

  constructor(
    private readonly options: CircuitOptions,
    private readonly now: () => number,
  ) {}

  /** Lets a call through or throws SecclCircuitOpenError. */
  enter(key: string, endpoint?: string): CircuitPermit {
    const state = this.#states.get(key);
    if (state?.openUntil === undefined) return { trial: false };

    const now = this.now();
    const left = state.openUntil - now;
    if (left > 0) throw this.#openError(left, endpoint);

    // A trial that never settled (a caller's bug) must not keep the circuit shut for good.
    const trialStuck =
      state.trialSince !== undefined && now - state.trialSince > this.options.openMs;
    if (state.trial && !trialStuck) throw this.#openError(1000, endpoint);

    const permit = { trial: true };
    state.trial = permit;
    state.trialSince = now;
    return permit;
  }

  /** Seccl answered (any status below 500): the circuit closes. */
  succeeded(key: string): void {
    this.#states.delete(key);
  }

  /** Seccl looked unwell. Returns true when this failure opened the circuit. */
  failed(key: string, permit: CircuitPermit): boolean {
    const state = this.#states.get(key) ?? { failures: 0 };
    this.#states.set(key, state);
    state.failures += 1;

    const reopen = permit.trial && state.trial === permit;
    const open = state.openUntil === undefined && state.failures >= this.options.failureThreshold;
    if (!reopen && !open) return false;

    state.openUntil = this.now() + this.options.openMs;
    state.trial = undefined;
    state.trialSince = undefined;
    return true;
  }

  /** True while calls would be refused without a trial (open and not yet due). */
  isOpen(key: string): boolean {
    const until = this.#states.get(key)?.openUntil;
    return until !== undefined && until > this.now();
  }

  /** Forgets what is known of a connection (its settings changed). */
  reset(key: string): void {
    this.#states.delete(key);
  }

  #openError(leftMs: number, endpoint?: string): SecclCircuitOpenError {
    const seconds = Math.max(1, Math.ceil(leftMs / 1000));
    return new SecclCircuitOpenError(
      `Seccl circuit is open after repeated failures; retry in ${seconds} s`,
      seconds,
      { endpoint },
    );
  }
}
