import { type CatalogService } from '@opsdeck/contract';
import { between, keyHash } from './random';
import { lookup } from '../../upstream/parse/lookup';

/** The fixed character of one demo service: its traffic size, baseline error rate, latency and resource levels. */
export interface ServiceProfile {
  service: string;
  seed: number;
  utcOffsetHours: number;
  /** Requests per second at the busiest weekday hour. */
  peakRps: number;
  /** Share of requests failing outside incidents. */
  baseErrorRate: number;
  /** 1 - availability objective. */
  errorBudget: number;
  /** The p99 objective, or a typical value when the service has none. */
  latencyObjectiveMs: number;
  baseP99Ms: number;
  p95OfP99: number;
  p50OfP95: number;
  cpuFloor: number;
  cpuSpan: number;
  memoryBase: number;
  peakDbConnections: number;
  cacheHitBase: number;
  lambdaP95Ms: number;
  rpsPerInstance: number;
  /** Hashes that key this service's noise, one per signal, so signals wander independently. */
  noise: Record<NoiseSignal, number>;
}

export const NOISE_SIGNALS = [
  'traffic',
  'rps',
  'errors',
  'errorJitter',
  'latency',
  'p99',
  'p95',
  'p50',
  'cpu',
  'cpuJitter',
  'memory',
  'memoryJitter',
  'db',
  'cache',
  'cacheJitter',
  'lambda',
  'lambdaJitter',
] as const;
export type NoiseSignal = (typeof NOISE_SIGNALS)[number];

/** Rough UTC offsets of AWS regions, for where the daily peak falls. Unknown regions peak on UTC. */
const REGION_UTC_OFFSET: Record<string, number> = {
  'us-east-1': -5,
  'us-east-2': -5,
  'us-west-1': -8,
  'us-west-2': -8,
  'eu-west-1': 0,
  'eu-west-2': 0,
  'eu-central-1': 1,
  'ap-southeast-1': 8,
  'ap-southeast-2': 10,
  'ap-northeast-1': 9,
};

const PEAK_RPS_BY_TIER: Record<1 | 2 | 3, [number, number]> = { 1: [600, 2500], 2: [80, 600], 3: [10, 80] };

export function serviceProfile(seed: number, service: CatalogService): ServiceProfile {
  const draw = (field: string, min: number, max: number) => between(min, max, seed, 'profile', service.name, field);
  const [rpsMin, rpsMax] = PEAK_RPS_BY_TIER[service.tier];
  const errorBudget = 1 - (service.slo.availability ?? 0.995);
  const onlyLambda = Boolean(service.aws.lambdaFunction) && !service.aws.loadBalancer;
  const latencyObjectiveMs = service.slo.latencyP99Ms ?? (onlyLambda ? 1200 : 600);
  const peakRps = draw('peakRps', rpsMin, rpsMax);
  const overProvisioned = draw('overProvisioned', 0, 1) < 0.25;
  return {
    service: service.name,
    seed,
    utcOffsetHours: lookup(REGION_UTC_OFFSET, service.aws.region) ?? 0,
    peakRps,
    // A service that meets its SLO fails well inside its error budget; at most ~40% of it with noise on top.
    baseErrorRate: errorBudget * draw('errorShare', 0.1, 0.3),
    errorBudget,
    latencyObjectiveMs,
    // Kept below ~80% of the objective at peak so only incidents breach it.
    baseP99Ms: latencyObjectiveMs * draw('p99Share', 0.4, 0.62),
    p95OfP99: draw('p95OfP99', 0.55, 0.72),
    p50OfP95: draw('p50OfP95', 0.35, 0.5),
    // About one service in four runs on capacity sized for a peak it never sees, so the demo has idle groups to
    // point at (cost efficiency's idle-capacity hints); the others are busy enough.
    cpuFloor: overProvisioned ? draw('cpuFloor', 5, 8) : draw('cpuFloor', 22, 32),
    cpuSpan: overProvisioned ? draw('cpuSpan', 4, 8) : draw('cpuSpan', 20, 40),
    memoryBase: draw('memoryBase', 38, 55),
    peakDbConnections: draw('peakDbConnections', 30, 140),
    cacheHitBase: draw('cacheHitBase', 0.9, 0.97),
    lambdaP95Ms: draw('lambdaP95Ms', 80, 700),
    rpsPerInstance: peakRps / draw('peakInstances', 4, 12),
    noise: Object.fromEntries(NOISE_SIGNALS.map((signal) => [signal, keyHash(seed, service.name, signal)])) as Record<
      NoiseSignal,
      number
    >,
  };
}
