/**
 * Circuit breaker as a pure state machine, one per account/region/API: after repeated failures it stops calling
 * an upstream that is down or throttling us (each call would only deepen the throttle and the bill) and serves
 * stale data instead; after a cool-down one probe call decides whether to close again.
 */
export type BreakerState =
  { status: 'closed'; consecutiveFailures: number } | { status: 'open'; openedAtMs: number } | { status: 'half_open' };

export interface BreakerPolicy {
  failureThreshold: number;
  coolDownMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { failureThreshold: 5, coolDownMs: 30_000 };

export const CLOSED: BreakerState = { status: 'closed', consecutiveFailures: 0 };

export interface BreakerDecision {
  allowed: boolean;
  state: BreakerState;
}

/** May a call go out now? An open breaker whose cool-down has passed lets exactly one probe through. */
export function breakerAllows(state: BreakerState, nowMs: number, policy: BreakerPolicy): BreakerDecision {
  switch (state.status) {
    case 'closed':
      return { allowed: true, state };
    case 'half_open':
      // A probe is already out; everyone else waits for its verdict.
      return { allowed: false, state };
    case 'open':
      if (nowMs - state.openedAtMs >= policy.coolDownMs) return { allowed: true, state: { status: 'half_open' } };
      return { allowed: false, state };
  }
}

export function breakerOnSuccess(): BreakerState {
  return CLOSED;
}

export function breakerOnFailure(state: BreakerState, nowMs: number, policy: BreakerPolicy): BreakerState {
  if (state.status === 'half_open') return { status: 'open', openedAtMs: nowMs };
  if (state.status === 'open') return state;
  const failures = state.consecutiveFailures + 1;
  return failures >= policy.failureThreshold
    ? { status: 'open', openedAtMs: nowMs }
    : { status: 'closed', consecutiveFailures: failures };
}

export class CircuitOpenError extends Error {
  constructor(readonly breakerKey: string) {
    super(`circuit open for ${breakerKey}: upstream failed repeatedly, waiting before trying again`);
    this.name = 'CircuitOpenError';
  }
}

/** Holds one breaker state per key (e.g. "111111111111/eu-west-1/GetMetricData"). */
export class CircuitBreakers {
  private readonly states = new Map<string, BreakerState>();

  constructor(
    private readonly policy: BreakerPolicy = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now
  ) {}

  /** Throws CircuitOpenError unless a call may go out; records the transition to half-open. */
  acquire(key: string): void {
    const decision = breakerAllows(this.get(key), this.now(), this.policy);
    this.states.set(key, decision.state);
    if (!decision.allowed) throw new CircuitOpenError(key);
  }

  success(key: string): void {
    this.states.set(key, breakerOnSuccess());
  }

  failure(key: string): void {
    this.states.set(key, breakerOnFailure(this.get(key), this.now(), this.policy));
  }

  get(key: string): BreakerState {
    return this.states.get(key) ?? CLOSED;
  }

  /** Runs `op` under the breaker for `key`. */
  async call<T>(key: string, op: () => Promise<T>): Promise<T> {
    this.acquire(key);
    try {
      const result = await op();
      this.success(key);
      return result;
    } catch (err) {
      this.failure(key);
      throw err;
    }
  }
}
