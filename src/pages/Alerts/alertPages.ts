import {
  type Alert,
  type AlertDelta,
  type AlertListQuery,
  type AlertListResponse,
  type ListFacets,
  NO_VALUE,
  OPEN_ALERT_STATUSES,
  STATUS_ALL,
} from '@opsdeck/contract';

/** Alerts per request of a list; more come with `nextCursor` as the user scrolls. */
export const PAGE_SIZE = 100;

/** The loaded part of one alert list: its pages one after another, and where the next one starts. */
export interface AlertPages {
  alerts: Alert[];
  /** How many of `alerts` came with the first page: a live reload replaces those and keeps the deeper ones. */
  firstPageSize: number;
  total: number;
  nextCursor?: string;
  facets?: ListFacets;
}

/**
 * A (re)loaded first page. Deeper pages already loaded are kept as they are (reloading them would cost a request per
 * page in a storm); an alert that the new first page holds is dropped from them, so no row shows twice. Their cursor
 * stays the one to continue from.
 */
export function withFirstPage(previous: AlertPages | undefined, answer: AlertListResponse): AlertPages {
  const fresh = dedupe(answer.alerts);
  const ids = new Set(fresh.map((a) => a.id));
  const deeperLoaded = previous !== undefined && previous.alerts.length > previous.firstPageSize;
  const deeper = deeperLoaded ? previous.alerts.slice(previous.firstPageSize).filter((a) => !ids.has(a.id)) : [];
  return {
    alerts: deeper.length > 0 ? [...fresh, ...deeper] : fresh,
    firstPageSize: fresh.length,
    total: answer.total,
    nextCursor: deeperLoaded ? previous.nextCursor : answer.nextCursor,
    facets: answer.facets ?? previous?.facets,
  };
}

/** The next page appended; an alert already listed (it moved while paging) is not listed twice. */
export function withNextPage(previous: AlertPages, answer: AlertListResponse): AlertPages {
  const ids = new Set(previous.alerts.map((a) => a.id));
  const added = dedupe(answer.alerts).filter((a) => !ids.has(a.id));
  return {
    ...previous,
    alerts: added.length > 0 ? [...previous.alerts, ...added] : previous.alerts,
    total: answer.total,
    nextCursor: answer.nextCursor,
  };
}

function dedupe(alerts: Alert[]): Alert[] {
  const seen = new Set<string>();
  return alerts.filter((a) => !seen.has(a.id) && (seen.add(a.id), true));
}

/** The loaded rows with the live changes applied by id; the same array when none of them is loaded. */
export function applyDeltas(alerts: Alert[], deltas: readonly AlertDelta[]): Alert[] {
  if (deltas.length === 0) {
    return alerts;
  }
  const byId = new Map(deltas.map((d) => [d.id, d]));
  let changed = false;
  const next = alerts.map((alert) => {
    const delta = byId.get(alert.id);
    if (
      !delta ||
      (delta.status === alert.status && delta.severity === alert.severity && delta.updatedAt === alert.updatedAt)
    ) {
      return alert;
    }
    changed = true;
    return { ...alert, status: delta.status, severity: delta.severity, updatedAt: delta.updatedAt };
  });
  return changed ? next : alerts;
}

/** Applies a changed alert (an action's answer) to the rows: replaced in place; not loaded, nothing changes. */
export function applyAlertChange(alerts: Alert[], changed: Alert): Alert[] {
  const index = alerts.findIndex((a) => a.id === changed.id);
  if (index === -1) {
    return alerts;
  }
  const next = [...alerts];
  next[index] = changed;
  return next;
}

const values = (filter: string | undefined) => (filter ? filter.split(',') : undefined);

/**
 * Whether a change may concern a list with these filters. A delta carries status, severity, service and alert name
 * only: filters on anything else (team, source, labels, group key) cannot rule it out, so they answer yes.
 * `ignoreStatus`: for counts (groups), where an alert that leaves the open statuses still changes a number.
 */
export function deltaMayMatch(delta: AlertDelta, query: AlertListQuery, { ignoreStatus = false } = {}): boolean {
  if (!ignoreStatus) {
    const statuses = values(query.status);
    const open = statuses === undefined ? OPEN_ALERT_STATUSES : statuses.includes(STATUS_ALL) ? undefined : statuses;
    if (open && !open.includes(delta.status)) {
      return false;
    }
  }
  const severities = values(query.severity);
  if (severities && !severities.includes(delta.severity)) {
    return false;
  }
  const services = values(query.service);
  if (services && !services.includes(delta.service ?? NO_VALUE)) {
    return false;
  }
  // One name, never a list: names may hold commas. NO_VALUE stands for the empty name.
  if (query.alertname && query.alertname !== (delta.alertName || NO_VALUE)) {
    return false;
  }
  return true;
}

/**
 * Runs `run` with every key asked for since its last run, at most once per `minMs`: a storm's deltas arrive once a
 * second each, and a reload of what is shown must not follow each one with a request. The first request after a
 * quiet spell runs at once, so a single new alert shows without delay.
 */
export class ReloadThrottle {
  private pending = new Set<string>();
  private last = Number.NEGATIVE_INFINITY;
  private timer: unknown;
  private scheduled = false;

  constructor(
    private readonly clock: {
      now(): number;
      setTimeout(run: () => void, ms: number): unknown;
      clearTimeout(t: unknown): void;
    },
    private readonly run: (keys: ReadonlySet<string>) => void,
    private readonly minMs = 1000
  ) {}

  request(keys: Iterable<string>): void {
    for (const key of keys) {
      this.pending.add(key);
    }
    if (this.pending.size === 0 || this.scheduled) {
      return;
    }
    const wait = this.last + this.minMs - this.clock.now();
    if (wait <= 0) {
      this.flush();
    } else {
      this.scheduled = true;
      this.timer = this.clock.setTimeout(() => this.flush(), wait);
    }
  }

  cancel(): void {
    this.clock.clearTimeout(this.timer);
    this.scheduled = false;
    this.pending = new Set();
  }

  private flush(): void {
    this.scheduled = false;
    this.last = this.clock.now();
    const keys = this.pending;
    this.pending = new Set();
    this.run(keys);
  }
}
