/**
 * Alert fatigue per first-level on-call shift (issue 13), free of I/O: what each shift of a team carried, with the
 * definitions of fatigueFigures (an alert is an episode, an interruption one that paged a person, hours classed in the
 * team's time zone). An episode belongs to the shift in which it started; a team's overlapping shifts (two schedules
 * on level 1) each count it, since each of those people was paged.
 */
import type { HourClass, OnCallShiftLoad, ShiftLoadSummary, TimeRangeMs } from '@opsdeck/contract';
import type { TeamShift } from '../alerts/oncall/shiftHistory';
import type { AlertEpisode } from './alertFatigue';
import { hourClass } from './hourClass';

export type ShiftSpan = Omit<TeamShift, 'team'>;

export interface ShiftLoads {
  shifts: OnCallShiftLoad[];
  perShift: ShiftLoadSummary | null;
}

/** The shifts overlapping the range, clipped to it, oldest first, with the episodes that started in each. */
export function shiftLoads(
  episodes: readonly AlertEpisode[],
  shifts: readonly ShiftSpan[],
  range: TimeRangeMs,
  timeZone: string
): ShiftLoads {
  const clipped = shifts
    .map((s) => ({ ...s, start: Math.max(s.start, range.from), end: Math.min(s.end, range.to) }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start || a.schedule.localeCompare(b.schedule) || a.person.localeCompare(b.person));
  // Classed once per episode (not once per shift it falls in) and in firing order, so a shift finds its first
  // episode by bisection: a quarter of hourly shifts against a storm's alerts stays cheap.
  const classed = episodes
    .map((e) => ({ at: e.firedAt, hours: e.paged ? hourClass(e.firedAt, timeZone) : undefined }))
    .sort((a, b) => a.at - b.at);
  const loads = clipped.map((shift): OnCallShiftLoad => {
    const byHours: Record<HourClass, number> = { business: 0, off: 0, sleep: 0 };
    let alerts = 0;
    let interruptions = 0;
    for (let i = firstAtOrAfter(classed, shift.start); i < classed.length && classed[i].at < shift.end; i++) {
      alerts++;
      const hours = classed[i].hours;
      if (hours) {
        interruptions++;
        byHours[hours]++;
      }
    }
    return {
      person: shift.person,
      ...(shift.email ? { email: shift.email } : {}),
      schedule: shift.schedule,
      start: shift.start,
      end: shift.end,
      alerts,
      interruptions,
      interruptionsByHours: byHours,
    };
  });
  return { shifts: loads, perShift: summaryOf(loads) };
}

export function summaryOf(loads: readonly OnCallShiftLoad[]): ShiftLoadSummary | null {
  if (loads.length === 0) return null;
  const stats = (values: number[]) => ({
    mean: round(values.reduce((sum, v) => sum + v, 0) / values.length),
    max: Math.max(...values),
  });
  return {
    shifts: loads.length,
    interruptions: stats(loads.map((l) => l.interruptions)),
    sleepInterruptions: stats(loads.map((l) => l.interruptionsByHours.sleep)),
  };
}

function firstAtOrAfter(sorted: ReadonlyArray<{ at: number }>, t: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].at < t) low = mid + 1;
    else high = mid;
  }
  return low;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
