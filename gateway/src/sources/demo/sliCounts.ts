import { type SloObjective } from '@opsdeck/contract';
import { sampleMetric, type ServiceTimeline } from './sample';

const MINUTE_MS = 60_000;
/** Samples per bucket are taken at most this far apart: short incidents (8 min and up) still show in hourly buckets. */
const SAMPLE_MS = 5 * MINUTE_MS;

export const DEMO_SLI_DESCRIPTION: Record<SloObjective['sli']['kind'], string> = {
  availability: 'demo fleet requests and 5xx responses (request_rate × error_rate)',
  latency: 'demo fleet requests slower than the threshold (modelled from p99)',
  'latency-percentile': 'demo fleet minutes whose p99 was within the threshold',
};

/**
 * Good/total for one demo bucket, integrating the sampled rates over the bucket. The demo fleet publishes rates, not
 * counts, so requests = rate × seconds; this keeps the SLO figures consistent with the graphs of the same service.
 */
export function demoBucketCounts(
  timeline: ServiceTimeline,
  objective: SloObjective,
  start: number,
  bucketMs: number
): { good: number; total: number } {
  const step = Math.min(bucketMs, SAMPLE_MS);
  let good = 0;
  let total = 0;
  for (let t = start; t < start + bucketMs; t += step) {
    const requests = sampleMetric(timeline, 'request_rate', t) * (step / 1000);
    switch (objective.sli.kind) {
      case 'availability': {
        const failed = requests * sampleMetric(timeline, 'error_rate', t);
        total += requests;
        good += requests - failed;
        break;
      }
      case 'latency': {
        const slowShare = slowRequestShare(sampleMetric(timeline, 'latency_p99', t), objective.sli.thresholdMs);
        total += requests;
        good += requests * (1 - slowShare);
        break;
      }
      case 'latency-percentile': {
        const minutes = step / MINUTE_MS;
        total += minutes;
        if (sampleMetric(timeline, 'latency_p99', t) <= objective.sli.thresholdMs) good += minutes;
        break;
      }
    }
  }
  return { good: Math.round(good), total: Math.round(total) };
}

/**
 * Share of requests slower than the threshold, from the p99 alone: 1% when p99 sits on the threshold, falling off
 * with the cube of the ratio below it and rising above it. A model, said so in the SLI's description.
 */
export function slowRequestShare(p99Ms: number, thresholdMs: number): number {
  return Math.min(1, 0.01 * (p99Ms / thresholdMs) ** 3);
}
