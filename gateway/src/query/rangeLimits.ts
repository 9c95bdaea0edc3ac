import { type QueryType, type TimeRangeMs } from '@opsdeck/contract';
import { DORA_MAX_RANGE_DAYS, SUSPECTS_MAX_RANGE_DAYS } from '../deployments/analysis';
import { LONGEST_RANGE_DAYS, rangeTooLong } from '../time/rangeLimits';

/**
 * The longest range each query type answers. Types whose work grows with the range (series, event lists, daily
 * bills, scans for jumps, incident lists) have one; the others read a snapshot or a capped table and take any.
 */
export const MAX_RANGE_DAYS: Partial<Record<QueryType, number>> = {
  service_metric: LONGEST_RANGE_DAYS,
  infrastructure: LONGEST_RANGE_DAYS,
  raw_metric: LONGEST_RANGE_DAYS,
  alert_rate: LONGEST_RANGE_DAYS,
  mtta: LONGEST_RANGE_DAYS,
  incident_stats: LONGEST_RANGE_DAYS,
  alert_fatigue: 92,
  events: LONGEST_RANGE_DAYS,
  cost: LONGEST_RANGE_DAYS,
  dora: DORA_MAX_RANGE_DAYS,
  suspect_deploys: SUSPECTS_MAX_RANGE_DAYS,
  // Each point looks back a whole SLO window (up to 30 days) or 3 days of burn: the counts grow with both.
  burn_rate: 90,
  error_budget: 90,
};

/** "range is 3652.5 days; suspect_deploys allows at most 7 days", or undefined when the type takes the range. */
export function queryRangeProblem(queryType: QueryType, range: TimeRangeMs): string | undefined {
  const maxDays = MAX_RANGE_DAYS[queryType];
  return maxDays === undefined ? undefined : rangeTooLong(range, maxDays, queryType);
}
