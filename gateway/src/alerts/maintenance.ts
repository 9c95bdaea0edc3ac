/**
 * Maintenance-window suppression: which windows are active when, and the transform the alert store applies to every
 * incoming alert (AlertStore.addAlertTransform) so that a firing alert covered by an active window is stored as
 * `suppressed` — kept and visible behind the status filter, never dropped. Windows live in the database
 * (maintenance/maintenanceStore.ts); this registry holds the current set in memory because the transform is
 * synchronous, and is refreshed on every change.
 */
import type { Alert, MaintenanceRecurrence, MaintenanceState, MaintenanceWindow } from '@opsdeck/contract';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The fields that decide coverage and activity. */
export type WindowTiming = Pick<MaintenanceWindow, 'startsAt' | 'endsAt' | 'endedAt' | 'recurrence'>;

/** The series' own state: not started, live, past its end, or ended early by someone. */
export function windowState(window: WindowTiming, now: number): MaintenanceState {
  if (window.endedAt !== undefined && window.endedAt <= now) return 'ended';
  if (now < window.startsAt) return 'scheduled';
  return now < window.endsAt ? 'active' : 'expired';
}

/** True when the window suppresses at `t`: the series is live and, for a recurring one, an occurrence is running. */
export function isActiveAt(window: WindowTiming, t: number): boolean {
  if (windowState(window, t) !== 'active') return false;
  return window.recurrence ? occurrenceAt(window.recurrence, t) !== undefined : true;
}

/** Start of the weekly occurrence running at `t`, if any (UTC). */
export function occurrenceAt(recurrence: MaintenanceRecurrence, t: number): number | undefined {
  const [hours, minutes] = recurrence.startTime.split(':').map(Number);
  const durationMs = recurrence.durationMinutes * MINUTE_MS;
  // An occurrence can run past midnight, so look back as many days as the duration spans.
  for (let back = 0; back <= Math.ceil(durationMs / DAY_MS); back++) {
    const day = Math.floor(t / DAY_MS) - back;
    const start = day * DAY_MS + (hours * 60 + minutes) * MINUTE_MS;
    const weekday = new Date(day * DAY_MS).getUTCDay();
    if (recurrence.daysOfWeek.includes(weekday) && start <= t && t < start + durationMs) return start;
  }
  return undefined;
}

export function covers(
  window: Pick<MaintenanceWindow, 'services' | 'teams'>,
  alert: Pick<Alert, 'service' | 'team'>
): boolean {
  return (
    (alert.service !== undefined && window.services.includes(alert.service)) ||
    (alert.team !== undefined && window.teams.includes(alert.team))
  );
}

/** The live set of windows that can still suppress something (scheduled or active), for the synchronous transform. */
export class MaintenanceRegistry {
  private windows: MaintenanceWindow[] = [];

  constructor(private readonly clock: () => number) {}

  replace(windows: MaintenanceWindow[]): void {
    this.windows = windows;
  }

  /** The active window covering the alert now, if any. */
  coveringWindow(alert: Pick<Alert, 'service' | 'team'>): MaintenanceWindow | undefined {
    const now = this.clock();
    return this.windows.find((w) => covers(w, alert) && isActiveAt(w, now));
  }

  /** AlertTransform: firing alerts covered by an active window are stored as suppressed. */
  readonly suppress = (alert: Alert): Alert => {
    if (alert.status !== 'firing') return alert;
    // Labels stay untouched: they are the alert's identity upstream (Alertmanager silences match on them).
    return this.coveringWindow(alert) ? { ...alert, status: 'suppressed' } : alert;
  };
}
