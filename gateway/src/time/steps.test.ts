import fc from 'fast-check';
import { alignedTimes, MIN_STEP_MS, stepFor } from './steps';

describe('stepFor', () => {
  const sixHours = { from: 0, to: 6 * 3_600_000 };

  it('is the largest of the panel interval, range / maxDataPoints and one minute', () => {
    expect(stepFor(sixHours, 15_000, 1000)).toBe(MIN_STEP_MS);
    expect(stepFor(sixHours, 300_000, 1000)).toBe(300_000);
    expect(stepFor(sixHours, 15_000, 100)).toBe(216_000);
    expect(stepFor({ from: 0, to: 1000 }, undefined, undefined)).toBe(MIN_STEP_MS);
  });

  it('never yields more points than maxDataPoints (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e12 }),
        fc.integer({ min: 1, max: 90 * 86_400_000 }),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.integer({ min: 1, max: 11_000 }),
        (from, length, intervalMs, maxDataPoints) => {
          const range = { from, to: from + length };
          const step = stepFor(range, intervalMs, maxDataPoints);
          expect(step).toBeGreaterThanOrEqual(Math.max(intervalMs, MIN_STEP_MS));
          expect(Number.isInteger(step)).toBe(true);
          expect(alignedTimes(range, step).length).toBeLessThanOrEqual(maxDataPoints + 1);
        }
      )
    );
  });
});

describe('alignedTimes', () => {
  it('puts samples on multiples of the step inside the range', () => {
    expect(alignedTimes({ from: 90_000, to: 300_000 }, 60_000)).toEqual([120_000, 180_000, 240_000, 300_000]);
    expect(alignedTimes({ from: 61_000, to: 119_000 }, 60_000)).toEqual([]);
  });

  it('gives every time on the step grid inside [from, to], in order, and the same grid for shifted ranges (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e12 }),
        fc.integer({ min: 0, max: 3 * 86_400_000 }),
        fc.integer({ min: 60_000, max: 3_600_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        (from, length, step, shift) => {
          const range = { from, to: from + length };
          const times = alignedTimes(range, step);
          // One expect per property run, not per sample: thousands of expects per run would dominate the time.
          const onGrid = times.every(
            (t, i) => t % step === 0 && t >= range.from && t <= range.to && (i === 0 || t - times[i - 1] === step)
          );
          expect(onGrid).toBe(true);
          expect(times.length).toBe(Math.floor(range.to / step) - Math.ceil(range.from / step) + 1);
          // A refresh a little later samples the same instants where the two ranges overlap.
          const later = new Set(alignedTimes({ from: range.from + shift, to: range.to + shift }, step));
          expect(times.filter((t) => t >= range.from + shift).every((t) => later.has(t))).toBe(true);
        }
      ),
      { numRuns: 200 }
    );
  });
});
