import { type TimeRangeMs } from '@opsdeck/contract';
import { LONGEST_RANGE_MS } from '../../time/rangeLimits';
import { bucketSpan } from '../../time/steps';
import { randomStream, unitRandom } from './random';
import { lastStartedBy } from './sorted';

export const DEPLOY_BUCKET_MS = 6 * 3_600_000;
/** Exclusive: every rollout is shorter, so only deploys started in the last 12 minutes can still be rolling out. */
const MAX_ROLLOUT_MS = 12 * 60_000;
/** The longest range anything asks the demo fleet for, plus a week of look-back and margin around it. */
const MAX_BUCKETS = Math.ceil((LONGEST_RANGE_MS + 7 * 86_400_000) / DEPLOY_BUCKET_MS);

export interface DemoDeploy {
  id: string;
  service: string;
  /** Rollout start. */
  start: number;
  /** Rollout end. */
  end: number;
  version: string;
}

/** One or two deploys per service every 6 hours, i.e. four to eight a day. */
export function deploysInBucket(seed: number, service: string, bucket: number): DemoDeploy[] {
  const next = randomStream(seed, 'deploys', service, bucket);
  const count = next() < 0.4 ? 2 : 1;
  const major = 1 + Math.floor(unitRandom(seed, 'major', service) * 4);
  const deploys: DemoDeploy[] = [];
  for (let index = 0; index < count; index++) {
    const start = bucket * DEPLOY_BUCKET_MS + Math.floor(next() * (DEPLOY_BUCKET_MS - MAX_ROLLOUT_MS));
    const rollout = 3 * 60_000 + Math.floor(next() * (MAX_ROLLOUT_MS - 3 * 60_000));
    deploys.push({
      id: `${service}-${bucket}-${index + 1}`,
      service,
      start,
      end: start + rollout,
      version: `${major}.${bucket % 200}.${index}`,
    });
  }
  return deploys.sort((a, b) => a.start - b.start);
}

/**
 * Deploys of one service whose rollout overlaps [from, to], sorted by start (a bucket's deploys all start before
 * the next bucket's). `inBucket` lets a caller hand in buckets it already drew; the answer is the same either way.
 * Refuses a range longer than any caller asks.
 */
export function deploysOverlapping(
  seed: number,
  service: string,
  range: TimeRangeMs,
  inBucket: (bucket: number) => readonly DemoDeploy[] = (bucket) => deploysInBucket(seed, service, bucket)
): DemoDeploy[] {
  const found: DemoDeploy[] = [];
  const { first, last } = bucketSpan(
    { from: range.from - MAX_ROLLOUT_MS, to: range.to },
    DEPLOY_BUCKET_MS,
    MAX_BUCKETS
  );
  for (let bucket = first; bucket <= last; bucket++) {
    for (const deploy of inBucket(bucket)) {
      if (deploy.start <= range.to && deploy.end > range.from) {
        found.push(deploy);
      }
    }
  }
  return found;
}

/** The latest deploy started at or before `t` (every bucket has one, so the previous bucket always holds it). */
export function lastDeployBefore(seed: number, service: string, t: number): DemoDeploy | undefined {
  const bucket = Math.floor(t / DEPLOY_BUCKET_MS);
  for (let b = bucket; b >= bucket - 1; b--) {
    const started = deploysInBucket(seed, service, b).filter((d) => d.start <= t);
    if (started.length > 0) {
      return started[started.length - 1];
    }
  }
  return undefined;
}

/** The latest of `deploys` (sorted by start) started at or before `t`. */
export function latestStartedBy(deploys: readonly DemoDeploy[], t: number): DemoDeploy | undefined {
  return deploys[lastStartedBy(deploys, t)];
}

/** Whether one of `deploys` (sorted by start) is rolling out at `t`. */
export function rollingOutAt(deploys: readonly DemoDeploy[], t: number): boolean {
  for (let i = lastStartedBy(deploys, t); i >= 0 && deploys[i]!.start > t - MAX_ROLLOUT_MS; i--) {
    if (t < deploys[i]!.end) return true;
  }
  return false;
}
