/**
 * DORA figures (pure): deployment frequency, lead time for changes, change failure rate and failed-deployment
 * recovery time, over a time range, for any set of deployments (one service, or all of a team's).
 */
import type { Deployment, DoraFigures } from '@/contract';
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

/** A change failed if it ended badly, or a rollback of it or an incident on its service followed within the window. */
export function isFailedDeployment(
  d: Deployment,
  all: readonly Deployment[],
  incidents: readonly IncidentSpan[],
  windowMs: number
): boolean {
  if (isFailedChange(d)) return true;
  const end = d.finishedAt ?? d.startedAt;
  if (all.some((r) => r.rollbackOf === d.id)) return true;
  return incidents.some((i) => i.service === d.service && i.startedAt >= end && i.startedAt <= end + windowMs);
}

/** Time from a failed change to the next successful deployment of the service (a rollback counts) or the incident's end. */
export function recoveryTimeMs(
  d: Deployment,
  all: readonly Deployment[],
  incidents: readonly IncidentSpan[],
  windowMs: number
): number | undefined {
  const failedAt = d.finishedAt ?? d.startedAt;
  const fixes = all
    .filter(
      (x) =>
        x.service === d.service &&
        x.id !== d.id &&
        x.status === 'succeeded' &&
        x.finishedAt !== undefined &&
        x.finishedAt > failedAt
    )
    .map((x) => x.finishedAt!);
  const resolved = incidents
    .filter(
      (i) =>
        i.service === d.service &&
        i.startedAt >= failedAt &&
        i.startedAt <= failedAt + windowMs &&
        i.resolvedAt !== undefined
    )
    .map((i) => i.resolvedAt!);
  const candidates =
    isFailedChange(d) || all.some((r) => r.rollbackOf === d.id) ? fixes : resolved.length > 0 ? resolved : fixes;
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
  const failed = changes.filter((d) => isFailedDeployment(d, deployments, incidents, options.failureWindowMs));
  const recoveries = failed
    .map((d) => recoveryTimeMs(d, deployments, incidents, options.failureWindowMs))
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
