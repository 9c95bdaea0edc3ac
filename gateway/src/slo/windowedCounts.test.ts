import fc from 'fast-check';
import { countsInWindow } from './counts';
import { windowedCounts } from './windowedCounts';

describe('windowedCounts', () => {
  it('agrees with countsInWindow at every time (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ good: fc.nat(100), bad: fc.nat(100) }), { maxLength: 60 }),
        fc.array(fc.integer({ min: -10, max: 70 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 30 }),
        (raw, minutes, windowMinutes) => {
          const buckets = raw.map((b, i) => ({ start: i * 60_000, good: b.good, total: b.good + b.bad }));
          const times = minutes.map((m) => m * 60_000);
          const fast = windowedCounts(buckets, times, windowMinutes * 60_000);
          times.forEach((t, i) => expect(fast[i]).toEqual(countsInWindow(buckets, t, windowMinutes * 60_000)));
        }
      )
    );
  });
});
