import fc from 'fast-check';
import {
  backoffDelayMs,
  DEFAULT_BACKOFF,
  retryWithBackoff,
  RetryBudgetExhaustedError,
  type FailureKind,
} from './backoff';

function fakeTime() {
  let now = 0;
  const slept: number[] = [];
  return {
    clock: { now: () => now },
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
  };
}

const classifyByMessage = (err: unknown): FailureKind => (err as Error).message as FailureKind;

describe('backoffDelayMs', () => {
  it('stays within [0, min(cap, base·2^n))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 30_000 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (n, base, cap, r) => {
          const d = backoffDelayMs(n, base, cap, () => r);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThan(Math.max(1, Math.min(cap, base * 2 ** n)));
        }
      )
    );
  });
});

describe('retryWithBackoff', () => {
  it('retries throttling until it succeeds', async () => {
    const t = fakeTime();
    let attempts = 0;
    const result = await retryWithBackoff(
      async () => {
        if (++attempts < 3) throw new Error('throttle');
        return 'ok';
      },
      DEFAULT_BACKOFF,
      { classify: classifyByMessage, sleep: t.sleep, clock: t.clock, random: () => 0.5 }
    );
    expect(result).toBe('ok');
    expect(attempts).toBe(3);
    expect(t.slept).toEqual([250, 500]);
  });

  it('does not retry fatal errors', async () => {
    let attempts = 0;
    await expect(
      retryWithBackoff(
        async () => {
          attempts++;
          throw new Error('fatal');
        },
        DEFAULT_BACKOFF,
        { classify: classifyByMessage, sleep: async () => undefined }
      )
    ).rejects.toThrow('fatal');
    expect(attempts).toBe(1);
  });

  it('never waits longer than the budget nor tries more than maxAttempts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        async (maxAttempts, budgetMs, r) => {
          const t = fakeTime();
          let attempts = 0;
          const policy = { ...DEFAULT_BACKOFF, maxAttempts, budgetMs };
          await expect(
            retryWithBackoff(
              async () => {
                attempts++;
                throw new Error('transient');
              },
              policy,
              { classify: classifyByMessage, sleep: t.sleep, clock: t.clock, random: () => r }
            )
          ).rejects.toBeInstanceOf(RetryBudgetExhaustedError);
          expect(attempts).toBeLessThanOrEqual(maxAttempts);
          expect(t.slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(budgetMs);
        }
      )
    );
  });
});
