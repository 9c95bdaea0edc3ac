import fc from 'fast-check';
import { alignedTimes, bucketSpan, gridTimes, MAX_GRID_TIMES, TimeStepError } from './steps';

/** Either a clear TimeStepError or a bounded grid: nothing else may come out of alignedTimes. */
function gridOrRefusal(range: { from: number; to: number }, step: number): number[] | TimeStepError {
  try {
    return alignedTimes(range, step);
  } catch (error) {
    if (error instanceof TimeStepError) return error;
    throw error;
  }
}

describe('alignedTimes limits', () => {
  it('refuses the ranges that used to spin forever, at once', () => {
    const started = Date.now();
    expect(() => alignedTimes({ from: 1e22, to: 1.0000000000000002e22 }, 60_000)).toThrow(TimeStepError);
    expect(() => alignedTimes({ from: 0, to: 10 * 365 * 86_400_000 }, 60_000)).toThrow(
      /makes 5256001 points; at most 11001 allowed/
    );
    expect(() => alignedTimes({ from: 0, to: 1 }, 0)).toThrow(/positive number of milliseconds/);
    expect(() => alignedTimes({ from: 0, to: 1 }, NaN)).toThrow(TimeStepError);
    expect(() => alignedTimes({ from: 0, to: Infinity }, 60_000)).toThrow(/finite/);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('gives at most MAX_GRID_TIMES times, and exactly what gridTimes counts', () => {
    const range = { from: 0, to: 11_000 * 60_000 };
    expect(alignedTimes(range, 60_000)).toHaveLength(MAX_GRID_TIMES);
    expect(gridTimes(range, 60_000)).toBe(MAX_GRID_TIMES);
    expect(() => alignedTimes({ from: 0, to: 11_001 * 60_000 }, 60_000)).toThrow(TimeStepError);
  });

  it('any finite from, to and step: a clear error, or a bounded, strictly increasing list inside the range (property)', () => {
    const anyNumber = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -1e13, max: 1e13 }),
      fc.constantFrom(1e22, 1.0000000000000002e22, 8.64e15, 2 ** 53, -(2 ** 53), 5e-324, 1e300)
    );
    const anyStep = fc.oneof(anyNumber, fc.integer({ min: 1, max: 86_400_000 }), fc.double({ min: 1e-9, max: 1e12 }));
    fc.assert(
      fc.property(anyNumber, anyNumber, anyStep, (a, b, step) => {
        const range = { from: Math.min(a, b), to: Math.max(a, b) };
        const answer = gridOrRefusal(range, step);
        if (answer instanceof TimeStepError) {
          expect(answer.message.length).toBeGreaterThan(10);
          return;
        }
        expect(answer.length).toBeLessThanOrEqual(MAX_GRID_TIMES);
        expect(answer.every((t, i) => t >= range.from && t <= range.to && (i === 0 || t > answer[i - 1]))).toBe(true);
      }),
      { numRuns: 5000 }
    );
  });
});

describe('bucketSpan', () => {
  it('counts the buckets a range touches and refuses more than allowed', () => {
    expect(bucketSpan({ from: 0, to: 3 * 3_600_000 }, 3_600_000, 4)).toEqual({ first: 0, last: 3 });
    expect(() => bucketSpan({ from: 0, to: 3 * 3_600_000 }, 3_600_000, 3)).toThrow(/4 buckets .* at most 3/);
    expect(() => bucketSpan({ from: 1e30, to: 1e30 }, 3_600_000, 10)).toThrow(TimeStepError);
    expect(() => bucketSpan({ from: 0, to: NaN }, 3_600_000, 10)).toThrow(TimeStepError);
  });
});
