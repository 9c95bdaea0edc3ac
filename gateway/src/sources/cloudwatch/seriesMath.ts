/** Arithmetic on grid-aligned series, point by point; null wherever an input has no data. */
import type { MetricSeries } from './types';

type Values = Array<number | null>;

export function mapValues(values: Values, fn: (v: number) => number): Values {
  return values.map((v) => (v === null ? null : fn(v)));
}

/**
 * part / whole. CloudWatch emits no data point for a count that stayed at zero (e.g. HTTPCode_Target_5XX_Count in
 * a minute without errors), so a missing numerator with traffic present is 0, not unknown.
 */
export function ratio(part: Values, whole: Values): Values {
  return whole.map((w, i) => (w === null || w === 0 ? null : (part[i] ?? 0) / w));
}

/** hits / (hits + misses), with the same zero-count rule as `ratio`. */
export function hitRate(hits: Values, misses: Values): Values {
  return hits.map((h, i) => {
    const m = misses[i];
    if (h === null && m === null) return null;
    const total = (h ?? 0) + (m ?? 0);
    return total === 0 ? null : (h ?? 0) / total;
  });
}

export function hasData(series: MetricSeries): boolean {
  return series.values.some((v) => v !== null);
}
