import { type PlaybookId, type TimeRangeMs } from '@opsdeck/contract';
import { LONGEST_RANGE_MS } from '../../time/rangeLimits';
import { bucketSpan } from '../../time/steps';
import { DEPLOY_BUCKET_MS, deploysInBucket, type DemoDeploy } from './deploys';
import { randomStream, unitRandom } from './random';
import { firstStartedAfter } from './sorted';

/** Three hours: any six-hour window then contains a whole bucket, hence at least one incident. */
export const INCIDENT_BUCKET_MS = 3 * 3_600_000;
const MIN_DURATION_MS = 8 * 60_000;
/** Exclusive: every incident is shorter, so only those started in the last 50 minutes can be open. */
const MAX_DURATION_MS = 50 * 60_000;
/** The longest range anything asks the demo fleet for, plus a week of look-back and margin around it. */
const MAX_BUCKETS = Math.ceil((LONGEST_RANGE_MS + 7 * 86_400_000) / INCIDENT_BUCKET_MS);
/**
 * Share of incidents drawn to follow a deploy of their service. About half find a deploy ending in their bucket, so
 * one incident in seven is deploy-caused: enough for a week's suspect rankings and failed changes.
 */
const DEPLOY_CAUSED_SHARE = 0.25;
/** A bad deploy shows within minutes of its rollout ending: inside the suspect ranking's closest quarter of lookback. */
const MIN_DEPLOY_DELAY_MS = 2 * 60_000;
const MAX_DEPLOY_DELAY_MS = 8 * 60_000;

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
  /** The demo deploy (DemoDeploy.id) whose rollout this incident followed, when a deploy caused it. */
  causedBy?: string;
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
export const DEMO_INCIDENT_CAUSES: readonly string[] = CAUSES;

/** The playbook (docs/playbooks/) each cause calls for: demo alerts carry it as their `playbook` label. */
const CAUSE_PLAYBOOKS: Record<(typeof CAUSES)[number], PlaybookId> = {
  'Elevated 5xx after a dependency started timing out': 'dependency-timeouts',
  'Database connection pool exhausted': 'rds-connection-pool',
  'Bad configuration pushed; rolled back': 'http-5xx-spike',
  'Cache stampede after a mass eviction': 'elasticache-evictions',
  'Throttled by an AWS API rate limit': 'aws-api-throttling',
  'Memory pressure causing long GC pauses': 'memory-pressure',
  'Unhealthy targets behind the load balancer': 'unhealthy-targets',
};

/** A deploy-caused incident is a 5xx spike after a deploy; the others follow their cause. */
export function demoIncidentPlaybook(incident: Pick<DemoIncident, 'cause' | 'causedBy' | 'severity'>): PlaybookId {
  if (incident.causedBy) return 'http-5xx-spike';
  const known = Object.hasOwn(CAUSE_PLAYBOOKS, incident.cause)
    ? CAUSE_PLAYBOOKS[incident.cause as (typeof CAUSES)[number]]
    : undefined;
  return known ?? (incident.severity === 'down' ? 'service-down' : 'service-degraded');
}

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
    const service = pickService(seed, serviceNames, bucket, index);
    // Drawn outside the bucket's stream, so the incidents that no deploy caused stay as they were.
    const deploy =
      unitRandom(seed, 'incident-after-deploy', bucket, index) < DEPLOY_CAUSED_SHARE
        ? causingDeploy(seed, service, bucket, index)
        : undefined;
    incidents.push({
      // Short, stable ids that read like an incident tracker's: unique for decades of 3-hour buckets.
      id: `INC-${(bucket * 2 + index) % 100_000}`,
      service,
      ...(deploy
        ? { start: deploy.start, end: deploy.start + duration, cause: deploy.cause, causedBy: deploy.id }
        : { start, end: start + duration, cause }),
      severity: down ? 'down' : 'degraded',
      // A bad deploy's errors are what get it noticed: at least 0.8%, a jump the suspect ranking sees over the baseline.
      errorRate: down ? 0.25 + 0.35 * severityDraw : Math.max(0.004 + 0.012 * severityDraw, deploy ? 0.008 : 0),
      latencyFactor: down ? 3 + 3 * severityDraw : 1.1 + 0.4 * severityDraw,
    });
  }
  return incidents;
}

/**
 * The deploy of `service` that this incident follows, a few minutes after its rollout ends, when one ends in the
 * bucket early enough for the incident to start there too (incidentsOverlapping finds incidents by their start's
 * bucket). Incident buckets are half a deploy bucket, so only the deploy bucket around this one is looked at.
 */
function causingDeploy(
  seed: number,
  service: string,
  bucket: number,
  index: number
): { id: string; start: number; cause: string } | undefined {
  const from = bucket * INCIDENT_BUCKET_MS;
  const to = from + INCIDENT_BUCKET_MS;
  const delay =
    MIN_DEPLOY_DELAY_MS +
    Math.floor(unitRandom(seed, 'incident-deploy-delay', bucket, index) * (MAX_DEPLOY_DELAY_MS - MIN_DEPLOY_DELAY_MS));
  const deployBucket = Math.floor(from / DEPLOY_BUCKET_MS);
  const deploys = deploysInBucket(seed, service, deployBucket);
  const deploy: DemoDeploy | undefined = deploys.findLast((d) => d.end + delay >= from && d.end + delay < to);
  if (!deploy) return undefined;
  // Blame only the last rollout before the spike: when another deploy of the service finished in between, an SRE
  // (and the suspect ranking) would suspect that one, so the demo does not pretend otherwise.
  const nearby = [...deploys, ...deploysInBucket(seed, service, deployBucket + 1)];
  if (nearby.some((d) => d !== deploy && d.end > deploy.end && d.end <= deploy.end + delay)) return undefined;
  return { id: deploy.id, start: deploy.end + delay, cause: `Error spike after deploying ${deploy.version}` };
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
