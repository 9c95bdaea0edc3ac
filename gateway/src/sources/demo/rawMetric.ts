/** Demo answer for the raw CloudWatch query: any namespace/metric/dimensions gets its own stable, daily-shaped series. */
import type { TimeRangeMs } from '@opsdeck/contract';
import { alignedTimes } from '../../time/steps';
import type { RawMetricRequest, RawMetricSeries } from '../capabilities';
import { keyHash, unitAt } from './random';
import { dailyLoad, jitter, smoothNoise } from './signals';

const HOUR_MS = 3_600_000;

export function demoRawMetric(
  seed: number,
  request: RawMetricRequest,
  range: TimeRangeMs,
  stepMs: number
): RawMetricSeries {
  const periodMs = Math.max(stepMs, (request.periodS ?? 60) * 1000);
  const dims = Object.entries(request.dimensions).sort(([a], [b]) => a.localeCompare(b));
  const hash = keyHash(seed, request.namespace, request.metricName, JSON.stringify(dims), request.stat);
  const level = 5 + 95 * unitAt(hash, 0);
  const times = alignedTimes(range, periodMs);
  const values = times.map((t) => {
    const v = level * dailyLoad(t, 0) * (1 + 0.15 * smoothNoise(hash, t, 3 * HOUR_MS) + 0.03 * jitter(hash, t));
    return Math.round(v * 100) / 100;
  });
  return { times, values, periodS: periodMs / 1000, meta: {} };
}
