import { type TimeRangeMs } from '@/contract';
import { randomStream, unitRandom } from './random';

export const DEPLOY_BUCKET_MS = 6 * 3_600_000;
const MAX_ROLLOUT_MS = 12 * 60_000;

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

/** Deploys of one service whose rollout overlaps [from, to], sorted by start. */
export function deploysOverlapping(seed: number, service: string, range: TimeRangeMs): DemoDeploy[] {
  const found: DemoDeploy[] = [];
  const first = Math.floor((range.from - MAX_ROLLOUT_MS) / DEPLOY_BUCKET_MS);
  for (let bucket = first; bucket <= Math.floor(range.to / DEPLOY_BUCKET_MS); bucket++) {
    for (const deploy of deploysInBucket(seed, service, bucket)) {
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
