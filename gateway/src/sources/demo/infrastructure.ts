/**
 * Demo answers for the infrastructure query: derived from the same seeded golden signals as everything else, so an
 * incident that raises latency also raises RDS latency, Lambda errors and ASG capacity on the same minutes.
 */
import type { CatalogService, InfraMetric, InfraResource, ServiceMetric, TimeRangeMs } from '@opsdeck/contract';
import type { InfraSeries } from '../capabilities';
import type { MetricSeries } from '../types';
import { serviceProfile } from './profile';
import { between, keyHash, unitAt } from './random';
import { clamp, smoothNoise } from './signals';

type Values = Array<number | null>;
type BaseMetric = (metric: ServiceMetric) => Promise<MetricSeries | null>;

export interface DemoInfraRequest {
  seed: number;
  service: CatalogService;
  resource: InfraResource;
  metric: InfraMetric;
  range: TimeRangeMs;
  stepMs: number;
  base: BaseMetric;
}

const HOUR_MS = 3_600_000;

export function resourceApplies(service: CatalogService, resource: InfraResource): boolean {
  const aws = service.aws;
  switch (resource) {
    case 'ec2':
    case 'asg':
      return Boolean(aws.autoScalingGroup);
    case 'rds':
      return Boolean(aws.rdsInstance);
    case 'elasticache':
      return Boolean(aws.cacheCluster);
    case 'lambda':
      return Boolean(aws.lambdaFunction);
    case 'service':
      return true;
  }
}

export async function demoInfrastructure(request: DemoInfraRequest): Promise<InfraSeries | null> {
  const { service, resource, metric, base } = request;
  if (!resourceApplies(service, resource)) return null;
  const stepS = request.stepMs / 1000;
  const series = async (m: ServiceMetric) => (await base(m)) ?? { times: [], values: [] };
  const scaled = async (m: ServiceMetric, fn: (v: number, i: number, t: number) => number) => {
    const s = await series(m);
    return { times: s.times, values: s.values.map((v, i) => (v === null ? null : fn(v, i, s.times[i]))) };
  };
  const one = (s: { times: number[]; values: Values }, name = 'value'): InfraSeries => ({
    times: s.times,
    columns: [{ name, values: s.values }],
    describe: `demo ${resource} ${metric}`,
    meta: {},
  });
  const hash = keyHash(request.seed, service.name, resource, metric);
  const wander = (t: number) => smoothNoise(hash, t, 2 * HOUR_MS);

  switch (`${resource}.${metric}`) {
    case 'ec2.cpu':
      return one(await series('cpu_utilization'));
    case 'ec2.memory':
      return one(await series('memory_utilization'));
    case 'ec2.network_in':
      return one(await scaled('request_rate', (r, _i, t) => r * (14_000 + 2_000 * wander(t))));
    case 'ec2.network_out':
      return one(await scaled('request_rate', (r, _i, t) => r * (52_000 + 6_000 * wander(t))));
    case 'ec2.disk_read':
      return one(await scaled('request_rate', (r, _i, t) => r * (3_000 + 800 * wander(t))));
    case 'ec2.disk_write':
      return one(await scaled('request_rate', (r, _i, t) => r * (6_500 + 1_500 * wander(t))));
    case 'ec2.disk_used':
      return one(await scaled('request_rate', (_r, _i, t) => 45 + 15 * unitAt(hash, 0) + 3 * wander(t)));
    case 'rds.read_latency':
      return one(await scaled('latency_p99', (l) => 1.5 + l * 0.012));
    case 'rds.write_latency':
      return one(await scaled('latency_p99', (l) => 3 + l * 0.025));
    case 'rds.connections':
      return rdsConnections(service, await series('db_connections'));
    case 'rds.cpu': {
      const { floor, span } = rdsCpuSizing(request.seed, service);
      const peak = serviceProfile(request.seed, service).peakDbConnections;
      // The instance works as hard as its connections say: an incident's pile-up shows on its CPU too.
      return one(await scaled('db_connections', (c, _i, t) => clamp(floor + span * (c / peak) + 2 * wander(t), 1, 97)));
    }
    case 'elasticache.hit_rate':
      return one(await series('cache_hit_rate'));
    case 'elasticache.evictions':
      return one(await evictions(series, stepS));
    case 'elasticache.memory':
      return one(await scaled('cache_hit_rate', (h, _i, t) => 50 + 30 * h + 4 * wander(t)));
    case 'lambda.duration_p50':
      return one(await scaled('lambda_duration_p95', (d) => d * 0.45));
    case 'lambda.duration_p95':
      return one(await series('lambda_duration_p95'));
    case 'lambda.duration_p99':
      return one(await scaled('lambda_duration_p95', (d) => d * 1.6));
    case 'lambda.errors':
      return one(await lambdaErrors(series, stepS, 1));
    case 'lambda.throttles':
      return one(await lambdaErrors(series, stepS, 0.1));
    case 'lambda.concurrency': {
      const p95 = await series('lambda_duration_p95');
      return one(await scaled('request_rate', (r, i) => Math.ceil((r * 0.45 * (p95.values[i] ?? 0)) / 1000)));
    }
    case 'lambda.cold_starts':
      return coldStarts(request, await series('request_rate'));
    case 'asg.capacity':
      return capacity(request.seed, service, await series('asg_in_service'));
    case 'service.error_rate':
      return { ...one(await series('error_rate')), describe: `demo: ${frontOf(service)}` };
    default:
      return null;
  }
}

/**
 * About one DB instance in three is sized for a load it never sees (at seed 42: identity-db), so the demo has an
 * idle RDS instance for cost efficiency to point at; the others stay above 20% CPU even at night.
 */
function rdsCpuSizing(seed: number, service: CatalogService): { floor: number; span: number } {
  const draw = (field: string, min: number, max: number) => between(min, max, seed, 'rds', service.name, field);
  return draw('overProvisioned', 0, 1) < 0.34
    ? { floor: draw('cpuFloor', 3, 6), span: draw('cpuSpan', 4, 7) }
    : { floor: draw('cpuFloor', 24, 32), span: draw('cpuSpan', 20, 35) };
}

function rdsConnections(service: CatalogService, connections: MetricSeries): InfraSeries {
  const pool = service.aws.dbPoolSize;
  return {
    times: connections.times,
    columns: [
      { name: 'connections', values: connections.values },
      ...(pool ? [{ name: 'pool_size', values: connections.times.map(() => pool) }] : []),
    ],
    describe: 'demo RDS DatabaseConnections against the catalog dbPoolSize',
    meta: pool ? {} : { notices: [`No pool size for ${service.name}: set aws.dbPoolSize in the service catalog.`] },
  };
}

async function evictions(series: (m: ServiceMetric) => Promise<MetricSeries>, stepS: number) {
  const [hits, requests] = await Promise.all([series('cache_hit_rate'), series('request_rate')]);
  return {
    times: hits.times,
    values: hits.values.map((h, i) =>
      h === null ? null : Math.round((1 - h) * (requests.values[i] ?? 0) * stepS * 0.02)
    ),
  };
}

async function lambdaErrors(series: (m: ServiceMetric) => Promise<MetricSeries>, stepS: number, share: number) {
  const [rate, errors] = await Promise.all([series('request_rate'), series('error_rate')]);
  return {
    times: rate.times,
    values: rate.values.map((r, i) => (r === null ? null : Math.round(r * stepS * (errors.values[i] ?? 0) * share))),
  };
}

/** One row at the end of the range: cold starts over the whole range, like the Logs Insights count. */
function coldStarts(request: DemoInfraRequest, rate: MetricSeries): InfraSeries {
  const stepS = request.stepMs / 1000;
  const invocations = Math.round(rate.values.reduce<number>((s, r) => s + (r ?? 0) * stepS, 0));
  const share = 0.004 + 0.02 * unitAt(keyHash(request.seed, request.service.name, 'cold'), 0);
  const cold = Math.round(invocations * share);
  return {
    times: [Math.min(request.range.to, rate.times[rate.times.length - 1] ?? request.range.to)],
    columns: [
      { name: 'cold_starts', values: [cold] },
      { name: 'invocations', values: [invocations] },
    ],
    describe: 'demo: cold starts are counted from REPORT lines carrying "Init Duration" (Logs Insights)',
    meta: {},
  };
}

function capacity(seed: number, service: CatalogService, inService: MetricSeries): InfraSeries {
  const hash = keyHash(seed, service.name, 'asg');
  const min = 2 + Math.floor(3 * unitAt(hash, 1));
  const peak = Math.max(min, ...inService.values.map((v) => v ?? 0));
  const max = Math.max(12, Math.ceil(peak * 1.8));
  const desired = inService.values.map((v) => (v === null ? null : Math.max(min, Math.ceil(v))));
  return {
    times: inService.times,
    columns: [
      { name: 'desired', values: desired },
      { name: 'in_service', values: inService.values.map((v) => (v === null ? null : Math.floor(v))) },
      { name: 'min', values: inService.times.map(() => min) },
      { name: 'max', values: inService.times.map(() => max) },
    ],
    describe: 'demo Auto Scaling group capacity',
    meta: {},
  };
}

/** What the error rate is measured at, in the order a request meets it. */
export function frontOf(service: CatalogService): string {
  if (service.aws.loadBalancer) return 'ALB HTTPCode_Target_5XX_Count / RequestCount';
  if (service.aws.apiGateway) return 'API Gateway 5XXError / Count';
  if (service.aws.lambdaFunction) return 'Lambda Errors / Invocations';
  return 'service error rate';
}
