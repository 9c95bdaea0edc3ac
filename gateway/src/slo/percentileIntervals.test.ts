import { errorBudget } from './errorBudget';
import { countsInWindow, MINUTE_MS } from './counts';
import { intervalsWithinThreshold } from './percentileIntervals';

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);

describe('intervalsWithinThreshold', () => {
  it('counts each measured interval once, good when its p99 is within the threshold (inclusive)', () => {
    const points = [120, 300, 301, undefined, 950].map((p99Ms, i) => ({ start: NOW - (i + 1) * MINUTE_MS, p99Ms }));
    const buckets = intervalsWithinThreshold(points, 300);
    expect(buckets.map(({ good, total }) => [good, total])).toEqual([
      [1, 1],
      [1, 1],
      [0, 1],
      [0, 0],
      [0, 1],
    ]);
    // 2 bad minutes of 4 measured against a 95% target: a budget of 0.2 minutes, spent 10 times over.
    expect(errorBudget(countsInWindow(buckets, NOW, 5 * MINUTE_MS), 0.95).spent).toBeCloseTo(10, 9);
  });
});
