/** Gateway answers of GET /api/reliability for unit tests. */
import {
  type DurationDistribution,
  type IncidentFigureSet,
  type ReliabilityGroupBy,
  type ReliabilityResponse,
  type ReliabilityRow,
} from '@opsdeck/contract';

export const RELIABILITY_NOW = Date.UTC(2026, 2, 1, 12);
const MINUTE = 60_000;
const DAY = 86_400_000;

/** A distribution whose mean, median and p90 are the minutes given. */
export function minutes(mean: number, count = 4, median = mean, p90 = mean * 2): DurationDistribution {
  return { count, mean: mean * MINUTE, median: median * MINUTE, p90: p90 * MINUTE };
}

export function figureSet(overrides: Partial<IncidentFigureSet> = {}): IncidentFigureSet {
  return { incidents: 4, inMaintenance: 0, ...overrides };
}

export function reliabilityRow(
  key: string,
  current: Partial<IncidentFigureSet>,
  previous: Partial<IncidentFigureSet> = {},
  trend: ReliabilityRow['trend'] = {}
): ReliabilityRow {
  return { key, current: figureSet(current), previous: figureSet(previous), trend };
}

export function reliabilityResponse(
  rows: ReliabilityRow[],
  fleet: ReliabilityRow = reliabilityRow('', {}),
  groupBy: ReliabilityGroupBy = 'service',
  days = 30
): ReliabilityResponse {
  const range = { from: RELIABILITY_NOW - days * DAY, to: RELIABILITY_NOW };
  return { groupBy, range, previousRange: { from: range.from - days * DAY, to: range.from }, rows, fleet };
}
