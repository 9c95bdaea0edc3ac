import { realSleep, systemClock, type Clock, type Sleep } from './timers';

/** How an upstream error should be handled. */
export type FailureKind = 'throttle' | 'transient' | 'fatal';

export interface BackoffPolicy {
  maxAttempts: number;
  /** Total time allowed for waits between attempts; a retry that would overrun it is not made. */
  budgetMs: number;
  /** Throttling backs off harder, as the AWS SDK does (1000 ms vs 50 ms base; research/aws-apis.md §1). */
  throttleBaseMs: number;
  transientBaseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  maxAttempts: 4,
  budgetMs: 5000,
  throttleBaseMs: 500,
  transientBaseMs: 50,
  capMs: 4000,
};

/** "Full jitter": uniform in [0, min(cap, base·2^attempt)), so retrying callers spread out instead of colliding. */
export function backoffDelayMs(retryIndex: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

export interface RetryDeps {
  classify: (err: unknown) => FailureKind;
  sleep?: Sleep;
  random?: () => number;
  clock?: Clock;
  /** Called before each retry; lets callers count retries. */
  onRetry?: (err: unknown, retryIndex: number, delayMs: number) => void;
}

export class RetryBudgetExhaustedError extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number
  ) {
    super(
      `gave up after ${attempts} attempt(s): ${lastError instanceof Error ? lastError.message : String(lastError)}`
    );
    this.name = 'RetryBudgetExhaustedError';
  }
}

/** Runs `op`, retrying throttling and transient failures with jittered backoff while attempts and budget last. */
export async function retryWithBackoff<T>(op: () => Promise<T>, policy: BackoffPolicy, deps: RetryDeps): Promise<T> {
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  const clock = deps.clock ?? systemClock;
  const deadline = clock.now() + policy.budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      const kind = deps.classify(err);
      if (kind === 'fatal') throw err;
      if (attempt >= policy.maxAttempts) throw new RetryBudgetExhaustedError(err, attempt);
      const base = kind === 'throttle' ? policy.throttleBaseMs : policy.transientBaseMs;
      const delay = backoffDelayMs(attempt - 1, base, policy.capMs, random);
      if (clock.now() + delay > deadline) throw new RetryBudgetExhaustedError(err, attempt);
      deps.onRetry?.(err, attempt - 1, delay);
      await sleep(delay);
    }
  }
}
