/**
 * Cost efficiency per service: its cost over the availability objective's window divided by the requests (and the
 * good ones) of that window, against the window before it. Pure: the SLO figures, the counts and cost per tag value
 * come in as plain values.
 */
import {
  IDLE_CPU_P95_PERCENT,
  type CatalogService,
  type CostWindow,
  type IdleCapacityHint,
  type ServiceCostEfficiency,
  type ServiceSlo,
} from '@opsdeck/contract';
import { addDays, isoDay } from '../sources/costexplorer/dates';
import { costTrend } from './costTrend';

export interface CostDays {
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Per 1,000 of `count`; null when either side is missing or nothing was served. */
const per1k = (cost: number | null, count: number | null) =>
  cost === null || count === null || count <= 0 ? null : (cost / count) * 1000;

/** One window's figures; counts with no events at all mean nothing was measured, so no per-request figure. */
export function costWindow(
  days: CostDays,
  cost: number | null,
  counts: { good: number; total: number } | null
): CostWindow {
  const requests = counts && counts.total > 0 ? counts.total : null;
  const good = counts && counts.total > 0 ? counts.good : null;
  return {
    days,
    cost,
    requests,
    goodRequests: good,
    costPer1kRequests: per1k(cost, requests),
    costPer1kGoodRequests: per1k(cost, good),
  };
}

export function serviceCostEfficiency(
  service: CatalogService,
  slo: ServiceSlo | undefined,
  cost: number | null,
  days: CostDays,
  previous: CostWindow | null = null,
  idle: IdleCapacityHint[] = []
): ServiceCostEfficiency {
  const objective = slo?.objectives.find((o) => o.sli.kind === 'availability');
  const current = costWindow(days, cost, objective ?? null);
  const spent = objective?.errorBudget.spent ?? null;
  return {
    service: service.name,
    team: service.team,
    objective: objective?.id ?? null,
    windowDays: objective?.windowDays ?? 30,
    ...current,
    budgetSpent: spent,
    costPerBudgetPoint: cost !== null && spent !== null && spent > 0 ? cost / (spent * 100) : null,
    previous,
    trend: costTrend(current, previous),
    idle,
  };
}

/**
 * The cost days of a window as of `now` and of the one before it. The current window is whole UTC days from
 * `windowDays` ago up to and including today (what the cost query shows); the previous one is the `windowDays` whole
 * days before that, as many days as its SLI counts cover: Cost Explorer has today only in part, so the current
 * window's spend is about `windowDays` days' worth too.
 */
export function costWindowDays(now: number, windowDays: number): { current: CostDays; previous: CostDays } {
  const start = isoDay(now - windowDays * DAY_MS);
  return {
    current: { start, end: addDays(isoDay(now), 1) },
    previous: { start: addDays(start, -windowDays), end: start },
  };
}

/**
 * Where the previous window's SLI counts are read, in hourly buckets: [now − 2w, now − w) with both ends rounded up
 * to the hour, so it meets the SLO evaluator's window (whose first whole hour is the ceiling of now − w) without a
 * gap or overlap. Hourly periods, because CloudWatch keeps only those beyond 63 days.
 */
export function previousCountsRange(now: number, windowDays: number): { from: number; to: number; bucketMs: number } {
  const end = Math.floor(now / 60_000) * 60_000;
  const ceilHour = (t: number) => Math.ceil(t / HOUR_MS) * HOUR_MS;
  return {
    from: ceilHour(end - 2 * windowDays * DAY_MS),
    to: ceilHour(end - windowDays * DAY_MS),
    bucketMs: HOUR_MS,
  };
}

/** Nearest-rank p95 of the samples; null without any. */
export function p95(values: ReadonlyArray<number | null>): number | null {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
}

/** The hint when the resource's p95 CPU stayed under IDLE_CPU_P95_PERCENT; undefined otherwise. */
export function idleHint(
  resource: IdleCapacityHint['resource'],
  name: string,
  cpu: ReadonlyArray<number | null>,
  monthlyCost: number | null,
  costScope: IdleCapacityHint['costScope']
): IdleCapacityHint | undefined {
  const cpuP95 = p95(cpu);
  return cpuP95 !== null && cpuP95 < IDLE_CPU_P95_PERCENT
    ? { resource, name, cpuP95, days: 7, monthlyCost, costScope }
    : undefined;
}

/** The idlest of a service's hints (lowest p95 CPU): the one a single table cell shows. */
export function idlest(hints: readonly IdleCapacityHint[]): IdleCapacityHint | undefined {
  return hints.reduce<IdleCapacityHint | undefined>(
    (best, h) => (!best || h.cpuP95 < best.cpuP95 ? h : best),
    undefined
  );
}

/** Highest cost per 1,000 good requests first; those without the figure last, by name. */
export function byWorstEfficiency(a: ServiceCostEfficiency, b: ServiceCostEfficiency): number {
  const x = a.costPer1kGoodRequests;
  const y = b.costPer1kGoodRequests;
  if (x !== null && y !== null && x !== y) return y - x;
  if ((x === null) !== (y === null)) return x === null ? 1 : -1;
  return a.service.localeCompare(b.service);
}
