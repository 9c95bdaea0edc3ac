/**
 * DORA figures (pure): deployment frequency, lead time for changes, change failure rate and failed-deployment
 * recovery time, over a time range, for any set of deployments (one service, or all of a team's).
 */
import type { Deployment, DoraFigures } from '@opsdeck/contract';
import { isFailedChange } from './model';

export interface IncidentSpan {
  service: string;
  startedAt: number;
  resolvedAt?: number;
}

export interface DoraOptions {
  range: { from: number; to: number };
  /** A deployment followed by a rollback or an incident on its service within this window counts as failed. */
  failureWindowMs: number;
}

const DAY_MS = 86_400_000;

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Changes that reached (or tried to reach) production: finished, in range, and not themselves a rollback. */
function changesInRange(deployments: readonly Deployment[], range: DoraOptions['range']): Deployment[] {
  return deployments.filter(
    (d) =>
      d.finishedAt !== undefined &&
      d.finishedAt >= range.from &&
      d.finishedAt <= range.to &&
      d.status !== 'started' &&
      d.status !== 'in_progress' &&
      !d.rollbackOf
  );
}

/**
 * What the failure and recovery rules look up, indexed once per figure: with a year of deploys and incidents the
 * plain scans (every rollback, every incident, for every change) took seconds.
 */
class History {
  private readonly rolledBack: Set<string>;
  /** Per service, incidents sorted by start. */
  private readonly incidents = new Map<string, IncidentSpan[]>();
  /** Per service, succeeded deployments sorted by finish. */
  private readonly fixes = new Map<string, Deployment[]>();

  constructor(all: readonly Deployment[], incidents: readonly IncidentSpan[]) {
    this.rolledBack = new Set(all.flatMap((r) => (r.rollbackOf ? [r.rollbackOf] : [])));
    for (const i of incidents) push(this.incidents, i.service, i);
    for (const list of this.incidents.values()) list.sort((a, b) => a.startedAt - b.startedAt);
    for (const x of all) if (x.status === 'succeeded' && x.finishedAt !== undefined) push(this.fixes, x.service, x);
    for (const list of this.fixes.values()) list.sort((a, b) => a.finishedAt! - b.finishedAt!);
  }

  isRolledBack(d: Deployment): boolean {
    return this.rolledBack.has(d.id);
  }

  /** The service's incidents that started in [from, to], in start order. */
  incidentsStarting(service: string, from: number, to: number): IncidentSpan[] {
    const list = this.incidents.get(service) ?? [];
    const found: IncidentSpan[] = [];
    for (let i = firstAtOrAfter(list, from, (x) => x.startedAt); i < list.length && list[i]!.startedAt <= to; i++) {
      found.push(list[i]!);
    }
    return found;
  }

  /** The first finish of another succeeded deployment of the service after `t`. */
  firstFixAfter(d: Deployment, t: number): number | undefined {
    const list = this.fixes.get(d.service) ?? [];
    for (let i = firstAtOrAfter(list, t, (x) => x.finishedAt!); i < list.length; i++) {
      if (list[i]!.id !== d.id && list[i]!.finishedAt! > t) return list[i]!.finishedAt;
    }
    return undefined;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Index of the first item whose key is at least `t` (items sorted by key). */
function firstAtOrAfter<T>(items: readonly T[], t: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (key(items[mid]!) < t) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A change failed if it ended badly, or a rollback of it or an incident on its service followed within the window. */
function isFailedDeployment(d: Deployment, history: History, windowMs: number): boolean {
  if (isFailedChange(d) || history.isRolledBack(d)) return true;
  const end = d.finishedAt ?? d.startedAt;
  return history.incidentsStarting(d.service, end, end + windowMs).length > 0;
}

/** Time from a failed change to the next successful deployment of the service (a rollback counts) or the incident's end. */
function recoveryTimeMs(d: Deployment, history: History, windowMs: number): number | undefined {
  const failedAt = d.finishedAt ?? d.startedAt;
  const fix = history.firstFixAfter(d, failedAt);
  const resolved = history
    .incidentsStarting(d.service, failedAt, failedAt + windowMs)
    .flatMap((i) => (i.resolvedAt === undefined ? [] : [i.resolvedAt]));
  const fixes = fix === undefined ? [] : [fix];
  const candidates = isFailedChange(d) || history.isRolledBack(d) ? fixes : resolved.length > 0 ? resolved : fixes;
  if (candidates.length === 0) return undefined;
  return Math.min(...candidates) - failedAt;
}

export function doraFigures(
  deployments: readonly Deployment[],
  incidents: readonly IncidentSpan[],
  options: DoraOptions
): DoraFigures {
  const changes = changesInRange(deployments, options.range);
  const days = Math.max(options.range.to - options.range.from, 1) / DAY_MS;
  const succeeded = changes.filter((d) => d.status === 'succeeded');
  const leadTimes = succeeded
    .filter((d) => d.commitTime !== undefined && d.commitTime <= d.finishedAt!)
    .map((d) => d.finishedAt! - d.commitTime!);
  const history = new History(deployments, incidents);
  const failed = changes.filter((d) => isFailedDeployment(d, history, options.failureWindowMs));
  const recoveries = failed
    .map((d) => recoveryTimeMs(d, history, options.failureWindowMs))
    .filter((t): t is number => t !== undefined);
  return {
    deployments: succeeded.length,
    deploymentsPerDay: succeeded.length / days,
    leadTimeMs: median(leadTimes),
    changeFailureRate: changes.length > 0 ? failed.length / changes.length : undefined,
    recoveryTimeMs: median(recoveries),
  };
}

/** Figures per key (a service name, or a team via `keyOf`); deployments of services without a key are left out. */
export function doraBy(
  deployments: readonly Deployment[],
  incidents: readonly IncidentSpan[],
  keyOf: (service: string) => string | undefined,
  options: DoraOptions
): Map<string, DoraFigures> {
  const groups = new Map<string, { deployments: Deployment[]; incidents: IncidentSpan[] }>();
  const group = (key: string) => groups.get(key) ?? groups.set(key, { deployments: [], incidents: [] }).get(key)!;
  for (const d of deployments) {
    const key = keyOf(d.service);
    if (key !== undefined) group(key).deployments.push(d);
  }
  for (const i of incidents) {
    const key = keyOf(i.service);
    if (key !== undefined) group(key).incidents.push(i);
  }
  return new Map([...groups].map(([key, g]) => [key, doraFigures(g.deployments, g.incidents, options)]));
}
