/**
 * Which occurrence of a recurring window is mirrored upstream (plain values), and, over random weekly series, that
 * the span is exactly a stretch of time the window suppresses: covered throughout, not extendable at either end,
 * and the first such stretch from now on.
 */
import fc from 'fast-check';
import type { MaintenanceRecurrence } from '@opsdeck/contract';
import { isActiveAt } from '../../src/alerts/maintenance';
import { MIRROR_LOOKAHEAD_MS, spanToMirror, type RecurringSeries } from '../../src/alerts/maintenance/occurrences';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// 2026-11-29 is a Sunday.
const SUNDAY_NOON = Date.parse('2026-11-29T12:00:00Z');
const MONDAY_2AM = Date.parse('2026-11-30T02:00:00Z');
const mondays: MaintenanceRecurrence = { daysOfWeek: [1], startTime: '02:00', durationMinutes: 60 };

describe('spanToMirror', () => {
  const series: RecurringSeries = { startsAt: SUNDAY_NOON, endsAt: SUNDAY_NOON + 30 * DAY, recurrence: mondays };

  it("mirrors Monday's occurrence from Sunday, keeps it while it runs, then moves to the next Monday", () => {
    const monday = { startsAt: MONDAY_2AM, endsAt: MONDAY_2AM + HOUR };
    expect(spanToMirror(series, SUNDAY_NOON)).toEqual(monday);
    expect(spanToMirror(series, MONDAY_2AM + 30 * MINUTE)).toEqual(monday);
    expect(spanToMirror(series, MONDAY_2AM + HOUR)).toEqual({
      startsAt: MONDAY_2AM + 7 * DAY,
      endsAt: MONDAY_2AM + 7 * DAY + HOUR,
    });
  });

  it('clips the occurrence to the series start and end, and has nothing after the series', () => {
    expect(spanToMirror({ ...series, endsAt: MONDAY_2AM + 20 * MINUTE }, SUNDAY_NOON)).toEqual({
      startsAt: MONDAY_2AM,
      endsAt: MONDAY_2AM + 20 * MINUTE,
    });
    expect(spanToMirror({ ...series, startsAt: MONDAY_2AM + 40 * MINUTE }, SUNDAY_NOON)).toEqual({
      startsAt: MONDAY_2AM + 40 * MINUTE,
      endsAt: MONDAY_2AM + HOUR,
    });
    expect(spanToMirror({ ...series, endsAt: MONDAY_2AM + 2 * HOUR }, MONDAY_2AM + HOUR)).toBeUndefined();
    expect(spanToMirror({ ...series, endsAt: MONDAY_2AM }, SUNDAY_NOON)).toBeUndefined();
  });

  it('waits until the first occurrence is within a week', () => {
    const later = { ...series, startsAt: SUNDAY_NOON + 20 * DAY, endsAt: SUNDAY_NOON + 60 * DAY };
    expect(spanToMirror(later, SUNDAY_NOON)).toBeUndefined();
    expect(spanToMirror(later, SUNDAY_NOON + 15 * DAY)?.startsAt).toBe(MONDAY_2AM + 21 * DAY);
  });

  it('joins overlapping and back-to-back occurrences into one span', () => {
    const overlapping = { daysOfWeek: [1, 2], startTime: '02:00', durationMinutes: 30 * 60 };
    expect(spanToMirror({ ...series, recurrence: overlapping }, SUNDAY_NOON)).toEqual({
      startsAt: MONDAY_2AM,
      endsAt: MONDAY_2AM + DAY + 30 * HOUR,
    });
    const everyDay = { daysOfWeek: [0, 1, 2, 3, 4, 5, 6], startTime: '00:00', durationMinutes: 24 * 60 };
    expect(spanToMirror({ ...series, recurrence: everyDay }, SUNDAY_NOON)).toEqual({
      startsAt: SUNDAY_NOON,
      endsAt: series.endsAt,
    });
  });

  it('is exactly the first stretch the window suppresses from now on (random weekly series)', () => {
    const QUARTER = 15 * MINUTE;
    const arbitrary = fc.record({
      daysOfWeek: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
      startQuarter: fc.integer({ min: 0, max: 95 }),
      durationQuarters: fc.integer({ min: 1, max: 4 * 24 * 3 }),
      startOffsetQuarters: fc.integer({ min: 0, max: 4 * 24 * 20 }),
      lengthQuarters: fc.integer({ min: 1, max: 4 * 24 * 25 }),
      nowOffsetQuarters: fc.integer({ min: -4 * 24 * 5, max: 4 * 24 * 30 }),
      laterFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
    });
    fc.assert(
      fc.property(arbitrary, (a) => {
        const startTime = `${String(Math.floor(a.startQuarter / 4)).padStart(2, '0')}:${String((a.startQuarter % 4) * 15).padStart(2, '0')}`;
        const recurrence = { daysOfWeek: a.daysOfWeek, startTime, durationMinutes: a.durationQuarters * 15 };
        const startsAt = SUNDAY_NOON + a.startOffsetQuarters * QUARTER;
        const window: RecurringSeries = { startsAt, endsAt: startsAt + a.lengthQuarters * QUARTER, recurrence };
        const now = startsAt + a.nowOffsetQuarters * QUARTER;
        const active = (t: number) => isActiveAt(window, t);
        const span = spanToMirror(window, now);
        const horizon = span
          ? Math.max(span.startsAt, now)
          : Math.min(now + MIRROR_LOOKAHEAD_MS + QUARTER, window.endsAt);
        for (let t = now; t < horizon; t += QUARTER) expect(active(t)).toBe(false);
        if (!span) return;
        expect(span.startsAt).toBeLessThan(span.endsAt);
        expect(span.endsAt).toBeGreaterThan(now);
        expect(span.startsAt).toBeGreaterThanOrEqual(window.startsAt);
        expect(span.endsAt).toBeLessThanOrEqual(window.endsAt);
        expect(span.startsAt - now).toBeLessThanOrEqual(MIRROR_LOOKAHEAD_MS);
        for (let t = Math.max(span.startsAt, now); t < span.endsAt; t += QUARTER) expect(active(t)).toBe(true);
        expect(active(span.startsAt - 1)).toBe(false);
        expect(active(span.endsAt)).toBe(false);
        // The start keys the mirrored occurrence, so it holds for the whole span.
        const later = now + Math.floor((span.endsAt - now) * a.laterFraction);
        expect(spanToMirror(window, later)).toEqual(span);
      }),
      { numRuns: 200 }
    );
  });
});
