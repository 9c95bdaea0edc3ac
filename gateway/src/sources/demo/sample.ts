import { type CatalogService, type ServiceMetric } from '@opsdeck/contract';
import { imposedBurnRate, type BurnRole } from './budgetBurn';
import { latestStartedBy, rollingOutAt, type DemoDeploy } from './deploys';
import { worstOpenIncident, type DemoIncident } from './incidents';
import { type ServiceProfile } from './profile';
import { clamp, dailyLoad, jitter, loadShare, smoothNoise } from './signals';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Everything a sample of one service depends on besides the time: its profile, incidents and deploys. */
export interface ServiceTimeline {
  profile: ServiceProfile;
  /** This service's incidents around the sampled range, sorted by start. */
  incidents: readonly DemoIncident[];
  /** This service's deploys from before the sampled range (memory resets at each one) to its end, sorted by start. */
  deploys: readonly DemoDeploy[];
  /** Whether this service is the fleet's fast or slow budget burner (budgetBurn.ts); absent for healthy ones. */
  burn?: BurnRole;
}

/** Resource metrics exist only where the catalog lists the resource; golden signals exist for every service. */
export function metricApplies(service: CatalogService, metric: ServiceMetric): boolean {
  switch (metric) {
    case 'db_connections':
      return Boolean(service.aws.rdsInstance);
    case 'cache_hit_rate':
      return Boolean(service.aws.cacheCluster);
    case 'lambda_duration_p95':
      return Boolean(service.aws.lambdaFunction);
    case 'asg_in_service':
      return Boolean(service.aws.autoScalingGroup);
    default:
      return true;
  }
}

/** The value of `metric` at time `t`: a pure function of the timeline and `t`. */
export function sampleMetric(timeline: ServiceTimeline, metric: ServiceMetric, t: number): number {
  const { profile: p } = timeline;
  const n = p.noise;
  const share = loadShare(dailyLoad(t, p.utcOffsetHours));
  const incident = worstOpenIncident(timeline.incidents, t);
  const down = incident?.severity === 'down';

  switch (metric) {
    case 'request_rate': {
      const wander = 1 + 0.08 * smoothNoise(n.traffic, t, 30 * MINUTE_MS);
      return p.peakRps * dailyLoad(t, p.utcOffsetHours) * wander * (1 + 0.03 * jitter(n.rps, t)) * (down ? 0.75 : 1);
    }
    case 'error_rate':
      if (incident) {
        return incident.errorRate * (1 + 0.1 * jitter(n.errorJitter, t));
      }
      {
        const imposed = imposedBurnRate(timeline.burn, p.seed, p.service, t);
        // A burner's baseline sits at its burn rate times the allowed error rate; the noise averages out to 1.
        const baseline = imposed === undefined ? p.baseErrorRate : imposed * p.errorBudget;
        return baseline * (1 + 0.3 * smoothNoise(n.errors, t, 20 * MINUTE_MS)) * (1 + 0.1 * jitter(n.errorJitter, t));
      }
    case 'availability':
      return 1 - sampleMetric(timeline, 'error_rate', t);
    case 'latency_p99': {
      const base = p.baseP99Ms * (0.85 + 0.25 * share) * (1 + 0.08 * smoothNoise(n.latency, t, 30 * MINUTE_MS));
      return base * (1 + 0.04 * jitter(n.p99, t)) * (incident?.latencyFactor ?? 1);
    }
    // Each percentile is a fraction (< 1) of the one above it, so p50 < p95 < p99 holds for every sample.
    case 'latency_p95':
      return sampleMetric(timeline, 'latency_p99', t) * p.p95OfP99 * (1 + 0.03 * jitter(n.p95, t));
    case 'latency_p50':
      return sampleMetric(timeline, 'latency_p95', t) * p.p50OfP95 * (1 + 0.03 * jitter(n.p50, t));
    case 'cpu_utilization': {
      const rollout = rollingOutAt(timeline.deploys, t) ? 8 : 0;
      const steady =
        p.cpuFloor + p.cpuSpan * share + 4 * smoothNoise(n.cpu, t, 45 * MINUTE_MS) + 1.5 * jitter(n.cpuJitter, t);
      // An over-provisioned service (profile.ts) idles below 20%; the others never show less.
      const usual = clamp(steady + rollout, p.cpuFloor < 20 ? 3 : 20, 80);
      return incident ? clamp(usual + (down ? 25 : 12), 20, 97) : usual;
    }
    case 'memory_utilization': {
      // Memory creeps up between deploys and drops back when the new version starts.
      const last = latestStartedBy(timeline.deploys, t);
      const hoursSince = last ? (t - last.start) / HOUR_MS : 6;
      const value = p.memoryBase + Math.min(15, 1.5 * hoursSince) + 3 * smoothNoise(n.memory, t, 2 * HOUR_MS);
      return clamp(value + 0.5 * jitter(n.memoryJitter, t), 20, 95);
    }
    case 'db_connections': {
      const pileUp = down ? 1.8 : incident ? 1.3 : 1;
      const wander = 1 + 0.08 * smoothNoise(n.db, t, 30 * MINUTE_MS);
      return Math.round(p.peakDbConnections * (0.3 + 0.7 * share) * wander * pileUp);
    }
    case 'cache_hit_rate': {
      const dip = down ? 0.25 : incident ? 0.08 : 0;
      const value = p.cacheHitBase - 0.03 * share + 0.01 * smoothNoise(n.cache, t, HOUR_MS) - dip;
      return clamp(value + 0.003 * jitter(n.cacheJitter, t), 0, 0.999);
    }
    case 'lambda_duration_p95': {
      const base = p.lambdaP95Ms * (0.9 + 0.2 * share) * (1 + 0.1 * smoothNoise(n.lambda, t, 30 * MINUTE_MS));
      return base * (1 + 0.04 * jitter(n.lambdaJitter, t)) * (incident?.latencyFactor ?? 1);
    }
    case 'asg_in_service': {
      const needed = Math.max(2, Math.ceil(sampleMetric(timeline, 'request_rate', t) / p.rpsPerInstance));
      return down ? needed - 1 : needed;
    }
  }
}
