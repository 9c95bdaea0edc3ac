/**
 * Which CloudWatch period to ask for. CloudWatch only answers periods that its retention still holds for the
 * requested StartTime (1-minute data for 15 days, 5-minute for 63 days, 1-hour for 455 days); a finer period
 * silently returns no data. Source: GetMetricData API reference, MetricStat.Period (see research/aws-apis.md §2).
 */
const DAY_MS = 86_400_000;

/** Periods panels are offered, all multiples of 60; each one a multiple of the coarser retention steps above it. */
export const PERIOD_LADDER_S = [60, 300, 900, 3600, 21_600, 86_400] as const;

/** Enough points for a wide panel; keeps a single series far below the 100,800-point GetMetricData limit. */
export const DEFAULT_MAX_POINTS_PER_SERIES = 1440;

export interface PeriodRequest {
  startMs: number;
  endMs: number;
  nowMs: number;
  /** Cap on points per series; the period grows until the range fits. */
  maxPointsPerSeries?: number;
  /** The caller's wish (e.g. Grafana's interval); a floor, never honoured below what retention allows. */
  minPeriodS?: number;
}

/** The finest period CloudWatch still keeps for data starting `startMs`, seen at `nowMs`. */
export function retentionPeriodS(startMs: number, nowMs: number): number {
  const ageMs = nowMs - startMs;
  if (ageMs <= 15 * DAY_MS) return 60;
  if (ageMs <= 63 * DAY_MS) return 300;
  return 3600;
}

export function choosePeriodS(request: PeriodRequest): number {
  const maxPoints = Math.max(1, Math.floor(request.maxPointsPerSeries ?? DEFAULT_MAX_POINTS_PER_SERIES));
  const retention = retentionPeriodS(request.startMs, request.nowMs);
  const rangeS = Math.max(0, (request.endMs - request.startMs) / 1000);
  const floor = Math.max(retention, rangeS / maxPoints, request.minPeriodS ?? 0);
  const step = PERIOD_LADDER_S.find((p) => p >= floor && p % retention === 0);
  if (step !== undefined) return step;
  // Beyond a day per point: whole days, which are multiples of every retention step.
  return Math.ceil(floor / 86_400) * 86_400;
}

export interface AlignedRange {
  startMs: number;
  endMs: number;
}

/**
 * Snaps a range outwards to period boundaries: CloudWatch answers aligned ranges faster, and every viewer asking
 * "last hour" during the same period gets the same range — hence the same cache key.
 */
export function alignRange(startMs: number, endMs: number, periodS: number): AlignedRange {
  const p = periodS * 1000;
  const start = Math.floor(startMs / p) * p;
  const end = Math.max(start + p, Math.ceil(endMs / p) * p);
  return { startMs: start, endMs: end };
}

export function pointsInRange(range: AlignedRange, periodS: number): number {
  return Math.ceil((range.endMs - range.startMs) / (periodS * 1000));
}
