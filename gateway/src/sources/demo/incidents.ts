import { type TimeRangeMs } from '@opsdeck/contract';
import { LONGEST_RANGE_MS } from '../../time/rangeLimits';
import { bucketSpan } from '../../time/steps';
import { randomStream, unitRandom } from './random';
import { firstStartedAfter } from './sorted';

/** Three hours: any six-hour window then contains a whole bucket, hence at least one incident. */
export const INCIDENT_BUCKET_MS = 3 * 3_600_000;
const MIN_DURATION_MS = 8 * 60_000;
/** Exclusive: every incident is shorter, so only those started in the last 50 minutes can be open. */
const MAX_DURATION_MS = 50 * 60_000;
/** The longest range anything asks the demo fleet for, plus a week of look-back and margin around it. */
const MAX_BUCKETS = Math.ceil((LONGEST_RANGE_MS + 7 * 86_400_000) / INCIDENT_BUCKET_MS);

export interface DemoIncident {
  id: string;
  service: string;
  start: number;
  /** Exclusive. */
  end: number;
  severity: 'degraded' | 'down';
  /** Share of requests failing while it lasts. */
  errorRate: number;
  /** How many times slower responses get. */
  latencyFactor: number;
  cause: string;
}

const CAUSES = [
  'Elevated 5xx after a dependency started timing out',
  'Database connection pool exhausted',
  'Bad configuration pushed; rolled back',
  'Cache stampede after a mass eviction',
  'Throttled by an AWS API rate limit',
  'Memory pressure causing long GC pauses',
  'Unhealthy targets behind the load balancer',
] as const;

/**
 * Fleet-wide incident schedule: every 3-hour bucket has one incident (sometimes two), so any dashboard window of six
 * hours or more shows at least one. Which service it hits is decided by rendezvous hashing over the service names: adding
 * a service to the catalog only moves the incidents that the new service wins, the rest stay where they were.
 */
export function incidentsInBucket(seed: number, serviceNames: readonly string[], bucket: number): DemoIncident[] {
  if (serviceNames.length === 0) {
    return [];
  }
  const next = randomStream(seed, 'incidents', bucket);
  const count = next() < 0.2 ? 2 : 1;
  const incidents: DemoIncident[] = [];
  for (let index = 0; index < count; index++) {
    const start = bucket * INCIDENT_BUCKET_MS + Math.floor(next() * INCIDENT_BUCKET_MS);
    const duration = MIN_DURATION_MS + Math.floor(next() * (MAX_DURATION_MS - MIN_DURATION_MS));
    // Rare enough that a 99.9% service stays inside its budget in most months: a demo fleet that is all red teaches nothing.
    const down = next() < 0.05;
    const severityDraw = next();
    const cause = CAUSES[Math.floor(next() * CAUSES.length)];
    incidents.push({
      // Short, stable ids that read like an incident tracker's: unique for decades of 3-hour buckets.
      id: `INC-${(bucket * 2 + index) % 100_000}`,
      service: pickService(seed, serviceNames, bucket, index),
      start,
      end: start + duration,
      severity: down ? 'down' : 'degraded',
      errorRate: down ? 0.25 + 0.35 * severityDraw : 0.004 + 0.012 * severityDraw,
      latencyFactor: down ? 3 + 3 * severityDraw : 1.1 + 0.4 * severityDraw,
      cause,
    });
  }
  return incidents;
}

function pickService(seed: number, names: readonly string[], bucket: number, index: number): string {
  let best = names[0];
  let bestScore = -1;
  for (const name of names) {
    const score = unitRandom(seed, 'incident-service', bucket, index, name);
    if (score > bestScore) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Incidents of the whole fleet overlapping [from, to], sorted by start. `inBucket` lets a caller hand in buckets it
 * already drew (incidentSchedule.ts); the answer is the same either way. Refuses a range longer than any caller asks.
 */
export function incidentsOverlapping(
  seed: number,
  serviceNames: readonly string[],
  range: TimeRangeMs,
  inBucket: (bucket: number) => readonly DemoIncident[] = (bucket) => incidentsInBucket(seed, serviceNames, bucket)
): DemoIncident[] {
  // An incident can start in the bucket before the range and still be open in it.
  const { first, last } = bucketSpan(
    { from: range.from - MAX_DURATION_MS, to: range.to },
    INCIDENT_BUCKET_MS,
    MAX_BUCKETS
  );
  const found: DemoIncident[] = [];
  for (let bucket = first; bucket <= last; bucket++) {
    for (const incident of inBucket(bucket)) {
      if (incident.start <= range.to && incident.end > range.from) {
        found.push(incident);
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The worst incident open at `t`, if any; `incidents` sorted by start (as incidentsOverlapping gives them). Only the
 * ones started in the last MAX_DURATION_MS can be open, so the scan starts there: one sample costs O(log n).
 */
export function worstOpenIncident(incidents: readonly DemoIncident[], t: number): DemoIncident | undefined {
  let worst: DemoIncident | undefined;
  for (let i = firstStartedAfter(incidents, t - MAX_DURATION_MS); i < incidents.length; i++) {
    const incident = incidents[i]!;
    if (incident.start > t) break;
    if (t < incident.end && (!worst || incident.errorRate > worst.errorRate)) {
      worst = incident;
    }
  }
  return worst;
}
