/**
 * Which stretch of a recurring window to mirror upstream. Alertmanager silences and PagerDuty maintenance windows
 * have a fixed start and end, so a weekly series is mirrored one occurrence at a time: the one running now, else the
 * next one. Occurrences that overlap or touch form one span, so a back-to-back series (every day, 24 hours) is one
 * mirror instead of a chain with a gap at each boundary; a span is clipped to the series' start and end.
 */
import type { MaintenanceRecurrence } from '@opsdeck/contract';
import { bucketSpan } from '../../time/steps';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * How far ahead an occurrence is mirrored. A week: every weekday comes round within 7 days, so inside a live series
 * the next occurrence is mirrored as soon as the previous one ends (the tick that rolls forward has the whole gap
 * between occurrences to succeed, and a gateway outage shorter than that gap costs nothing), while a series starting
 * months away does not fill Alertmanager and PagerDuty with far-future entries.
 */
export const MIRROR_LOOKAHEAD_MS = WEEK_MS;

export interface Span {
  startsAt: number;
  endsAt: number;
}

export interface RecurringSeries {
  startsAt: number;
  endsAt: number;
  recurrence: MaintenanceRecurrence;
}

/** The span to mirror at `now`: running, or starting within MIRROR_LOOKAHEAD_MS; undefined when there is none. */
export function spanToMirror(series: RecurringSeries, now: number): Span | undefined {
  const from = Math.max(now, series.startsAt);
  if (from >= series.endsAt) return undefined;
  const durationMs = series.recurrence.durationMinutes * MINUTE_MS;
  const first = startsBetween(series.recurrence, from - durationMs, from + WEEK_MS).find(
    (start) => start + durationMs > from
  );
  if (first === undefined || first >= series.endsAt || Math.max(first, series.startsAt) > now + MIRROR_LOOKAHEAD_MS)
    return undefined;
  // The span's start is its key on the window (occurrenceMirrors.ts), so it must not move while the span runs: walk
  // back to the first occurrence of the chain, not just the earliest one still running.
  let startsAt = first;
  for (const start of startsBetween(series.recurrence, first - WEEK_MS, first).reverse()) {
    if (start + durationMs < startsAt || startsAt <= series.startsAt) break;
    // The same weekday a week earlier is in the chain, so every week is: it runs from the series' start.
    startsAt = start <= first - WEEK_MS ? series.startsAt : start;
  }
  let endsAt = first + durationMs;
  for (const start of startsBetween(series.recurrence, first + 1, first + WEEK_MS + 1)) {
    if (start > endsAt || endsAt >= series.endsAt) break;
    // Likewise forward: the same weekday a week later joined, so the span runs to the series' end.
    endsAt = start >= first + WEEK_MS ? series.endsAt : Math.max(endsAt, start + durationMs);
  }
  return { startsAt: Math.max(startsAt, series.startsAt), endsAt: Math.min(endsAt, series.endsAt) };
}

/**
 * Callers look at most a week plus one occurrence (≤ 7 days) around a time; more days than that is a bug or a
 * corrupt window, refused rather than walked.
 */
const MAX_DAYS_WALKED = 16;

/** Occurrence starts in [from, until), ascending (UTC). */
function startsBetween(recurrence: MaintenanceRecurrence, from: number, until: number): number[] {
  const [hours, minutes] = recurrence.startTime.split(':').map(Number);
  const offset = (hours * 60 + minutes) * MINUTE_MS;
  const { first, last } = bucketSpan({ from: from - offset, to: until - offset }, DAY_MS, MAX_DAYS_WALKED);
  const starts: number[] = [];
  for (let day = first; day <= last; day++) {
    const start = day * DAY_MS + offset;
    if (start >= until) break;
    if (start >= from && recurrence.daysOfWeek.includes(new Date(day * DAY_MS).getUTCDay())) starts.push(start);
  }
  return starts;
}
