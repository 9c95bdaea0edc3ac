/**
 * Reliability analytics (GET /api/reliability): MTTA, MTTR and MTBF per service, team or severity over a range,
 * against the range before it. Durations in milliseconds; each figure is a distribution with the count behind it.
 * Definitions: docs/reliability.md.
 */
import type { AlertSeverity } from './alerts';

export const RELIABILITY_PATH = '/api/reliability';
export const RELIABILITY_GROUP_BY = ['service', 'team', 'severity'] as const;
export type ReliabilityGroupBy = (typeof RELIABILITY_GROUP_BY)[number];

export interface ReliabilityQuery {
  groupBy?: ReliabilityGroupBy;
  service?: string;
  team?: string;
  severity?: AlertSeverity;
  /** Epoch ms; default the last 30 days. */
  from?: number;
  to?: number;
  /** `true`: incidents inside maintenance windows count in MTBF too (they always count in MTTA and MTTR). */
  includeMaintenance?: 'true' | 'false';
}

export interface DurationDistribution {
  count: number;
  mean: number;
  median: number;
  p90: number;
}

export interface IncidentFigureSet {
  /** Incidents triggered in the range. */
  incidents: number;
  /** Of those, triggered inside a maintenance window. */
  inMaintenance: number;
  mtta?: DurationDistribution;
  mttr?: DurationDistribution;
  mtbf?: DurationDistribution;
}

/** Mean now minus mean before (positive: longer now), and that as a share of before. */
export interface FigureTrend {
  delta: number;
  ratio?: number;
}

export interface ReliabilityRow {
  /** Service, team or severity; `""` for incidents without one. */
  key: string;
  current: IncidentFigureSet;
  previous: IncidentFigureSet;
  trend: { mtta?: FigureTrend; mttr?: FigureTrend; mtbf?: FigureTrend };
}

export interface ReliabilityResponse {
  groupBy: ReliabilityGroupBy;
  range: { from: number; to: number };
  /** The same length just before `range`. */
  previousRange: { from: number; to: number };
  /** Worst first: longest mean time to resolve. */
  rows: ReliabilityRow[];
  /** Every incident the filters match, as one row (key `""`). */
  fleet: ReliabilityRow;
}
