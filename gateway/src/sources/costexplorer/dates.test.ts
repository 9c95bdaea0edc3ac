import fc from 'fast-check';
import { addDays, dayStartMs, monthToDateWindows } from './dates';

describe('monthToDateWindows', () => {
  it('compares the first N days of this month with the first N days of last month', () => {
    expect(monthToDateWindows(Date.UTC(2026, 10, 27, 15))).toEqual({
      current: { start: '2026-11-01', end: '2026-11-28' },
      previous: { start: '2026-10-01', end: '2026-10-28' },
    });
  });

  it('clamps to a shorter last month', () => {
    expect(monthToDateWindows(Date.UTC(2026, 2, 31)).previous).toEqual({ start: '2026-02-01', end: '2026-03-01' });
  });

  it('always gives windows of equal length unless last month was shorter', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (now) => {
        const { current, previous } = monthToDateWindows(now);
        const len = (r: { start: string; end: string }) => (dayStartMs(r.end) - dayStartMs(r.start)) / 86_400_000;
        expect(len(current)).toBeGreaterThanOrEqual(1);
        expect(len(previous)).toBeLessThanOrEqual(len(current));
        expect(previous.end <= current.start).toBe(true);
        if (len(previous) < len(current)) expect(previous.end).toBe(current.start);
        expect(addDays(current.start, len(current))).toBe(current.end);
      })
    );
  });
});
