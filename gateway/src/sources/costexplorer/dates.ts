/** Calendar arithmetic in UTC, the way Cost Explorer dates its data ("YYYY-MM-DD", End exclusive). */
const DAY_MS = 86_400_000;

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(day: string, n: number): string {
  return isoDay(dayStartMs(day) + n * DAY_MS);
}

export function monthStart(ms: number): string {
  const d = new Date(ms);
  return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

export function nextMonthStart(ms: number): string {
  const d = new Date(ms);
  return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

export function previousMonthStart(ms: number): string {
  const d = new Date(ms);
  return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
}

export interface DayRange {
  /** Inclusive. */
  start: string;
  /** Exclusive. */
  end: string;
}

/**
 * Month to date (including today) and the same number of days at the start of last month, clamped to last
 * month's length (on 31 March, last month's window is the whole of February).
 */
export function monthToDateWindows(nowMs: number): { current: DayRange; previous: DayRange } {
  const current = { start: monthStart(nowMs), end: addDays(isoDay(nowMs), 1) };
  const days = Math.round((dayStartMs(current.end) - dayStartMs(current.start)) / DAY_MS);
  const prevStart = previousMonthStart(nowMs);
  const prevEnd = addDays(prevStart, days);
  return { current, previous: { start: prevStart, end: prevEnd < current.start ? prevEnd : current.start } };
}
