import { type MaintenanceState, type MaintenanceWindow } from '@opsdeck/contract';

/** The two lists the page offers: what applies now or soon, and what finished lately. */
export const LIST_VIEWS = ['current', 'ended'] as const;
export type ListView = (typeof LIST_VIEWS)[number];
/** URL parameter holding the view, so "recently ended" is a link. */
export const VIEW_PARAM = 'show';

export const LIST_VIEW_STATES: Record<ListView, readonly MaintenanceState[]> = {
  current: ['active', 'scheduled'],
  ended: ['expired', 'ended'],
};

/** "Recently" ended: within the last week; older windows stay in the audit log. */
export const RECENT_MS = 7 * 24 * 3_600_000;

export function viewFromSearch(params: URLSearchParams): ListView {
  return params.get(VIEW_PARAM) === 'ended' ? 'ended' : 'current';
}

/** When a window stopped applying: ended by someone, or its planned end. */
function finishedAt(window: MaintenanceWindow): number {
  return window.endedAt ?? window.endsAt;
}

/**
 * The windows of a view in reading order: active ones ending soonest first, then scheduled ones starting soonest;
 * finished ones newest first and only from the last week.
 */
export function windowsForView(windows: MaintenanceWindow[], view: ListView, now: number): MaintenanceWindow[] {
  const states = LIST_VIEW_STATES[view];
  const shown = windows.filter((w) => states.includes(w.state));
  if (view === 'ended') {
    return shown.filter((w) => now - finishedAt(w) <= RECENT_MS).sort((a, b) => finishedAt(b) - finishedAt(a));
  }
  const rank = (w: MaintenanceWindow) => (w.state === 'active' ? 0 : 1);
  return shown.sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? a.endsAt - b.endsAt : a.startsAt - b.startsAt));
}

/** A window as a live event or a write answer reports it: replaced in place, or added when new. */
export function upsertWindow(windows: MaintenanceWindow[], changed: MaintenanceWindow): MaintenanceWindow[] {
  const index = windows.findIndex((w) => w.id === changed.id);
  if (index === -1) {
    return [...windows, changed];
  }
  const next = [...windows];
  next[index] = changed;
  return next;
}
