/**
 * Packs metric queries into GetMetricData calls. One call takes at most 500 MetricDataQuery entries and at most
 * 100,800 data points (API reference; research/aws-apis.md §2), so a batch is closed when either would overflow.
 */
export const GET_METRIC_DATA_MAX_QUERIES = 500;
export const GET_METRIC_DATA_MAX_POINTS = 100_800;

export interface PackLimits {
  maxQueries: number;
  maxPoints: number;
}

export const GET_METRIC_DATA_LIMITS: PackLimits = {
  maxQueries: GET_METRIC_DATA_MAX_QUERIES,
  maxPoints: GET_METRIC_DATA_MAX_POINTS,
};

export interface Packable {
  /** Data points this query can return for the call's time range. */
  points: number;
}

export class QueryTooLargeError extends Error {
  constructor(points: number, maxPoints: number) {
    super(`one metric query needs ${points} data points; GetMetricData allows ${maxPoints} per call`);
    this.name = 'QueryTooLargeError';
  }
}

/**
 * Next-fit packing in input order: callers pass series grouped by time range already, and keeping order keeps the
 * batches stable between refreshes (same series → same call). With uniform point counts it is optimal.
 */
export function packQueries<T extends Packable>(
  items: readonly T[],
  limits: PackLimits = GET_METRIC_DATA_LIMITS
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let currentPoints = 0;
  for (const item of items) {
    if (item.points > limits.maxPoints) throw new QueryTooLargeError(item.points, limits.maxPoints);
    if (current.length >= limits.maxQueries || currentPoints + item.points > limits.maxPoints) {
      batches.push(current);
      current = [];
      currentPoints = 0;
    }
    current.push(item);
    currentPoints += item.points;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
