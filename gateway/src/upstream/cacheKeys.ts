/** Cache identity and lifetime of upstream results. */

export interface MetricIdentity {
  account: string;
  region: string;
  namespace: string;
  metricName: string;
  dimensions: Readonly<Record<string, string>>;
  stat: string;
}

/** Order-independent for dimensions, so `{a,b}` and `{b,a}` share one cache entry and one upstream query. */
export function metricIdentityKey(m: MetricIdentity): string {
  const dims = Object.keys(m.dimensions)
    .sort()
    .map((k) => [k, m.dimensions[k]]);
  return JSON.stringify([m.account, m.region, m.namespace, m.metricName, dims, m.stat]);
}

export function seriesCacheKey(m: MetricIdentity, periodS: number, startMs: number, endMs: number): string {
  return `${metricIdentityKey(m)}|${periodS}|${startMs}|${endMs}`;
}

/**
 * A result for period P cannot change before the next period boundary (no new data point can complete earlier),
 * so it stays fresh until then. Every viewer refreshing within the period is served from cache.
 */
export function periodAlignedExpiry(nowMs: number, periodS: number): number {
  const p = periodS * 1000;
  return Math.floor(nowMs / p) * p + p;
}
