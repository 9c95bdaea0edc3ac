/**
 * Everything the gateway needs from AWS, built from one config: the CloudWatch fetcher (service metrics and raw
 * queries), Cost Explorer, Auto Scaling capacity, Lambda cold starts, health, and the shared accounting.
 * Kept out of ./index to avoid an import cycle (the sources import ./index themselves).
 */
import type { SourceHealth } from '@opsdeck/contract';
import { AutoScalingSource } from '../autoscaling';
import {
  CloudWatchFetcher,
  ColdStartSource,
  fetchServiceMetric,
  type FetchedSeries,
  type MetricStatRequest,
  type ServiceMetricRequest,
  type ServiceMetricSeries,
} from '../cloudwatch';
import { CostExplorerSource } from '../costexplorer';
import {
  CircuitBreakers,
  DEFAULT_BREAKER,
  SharedFlight,
  systemClock,
  UpstreamAccounting,
  type BackoffPolicy,
  type Clock,
  type SharedCache,
  type Sleep,
  type Timers,
} from '../../upstream';
import { AwsClients } from './clients';
import type { AwsSourceConfig } from './config';
import { checkAwsHealth } from './health';

export interface AwsSourcesDeps {
  clock?: Clock;
  timers?: Timers;
  sleep?: Sleep;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** The cache shared by the replicas (Redis, docs/HA.md); absent = every cache is this process's own. */
  sharedCache?: SharedCache;
}

export interface AwsSources {
  config: AwsSourceConfig;
  clients: AwsClients;
  /** Per-source counters (cloudwatch, costexplorer, autoscaling, logs): calls, pages, metricsRequested, estimatedUsd. */
  accounting: UpstreamAccounting;
  cloudwatch: CloudWatchFetcher;
  cost: CostExplorerSource;
  autoScaling: AutoScalingSource;
  coldStarts: ColdStartSource;
  /** One of the contract's SERVICE_METRICS for a catalog service. */
  serviceMetric(request: ServiceMetricRequest): Promise<ServiceMetricSeries>;
  /** The raw escape hatch: namespace, metric, dimensions, statistic (period chosen within retention). */
  rawMetric(request: MetricStatRequest): Promise<FetchedSeries>;
  health(): Promise<SourceHealth[]>;
  close(): Promise<void>;
}

export function createAwsSources(config: AwsSourceConfig, deps: AwsSourcesDeps = {}): AwsSources {
  const clock = deps.clock ?? systemClock;
  const clients = new AwsClients(config);
  const accounting = new UpstreamAccounting();
  const breakers = new CircuitBreakers(DEFAULT_BREAKER, () => clock.now());
  const guard = { accounting, breakers, backoff: deps.backoff, sleep: deps.sleep, random: deps.random, clock };
  const shared = (namespace: string) =>
    deps.sharedCache && new SharedFlight({ cache: deps.sharedCache, namespace, clock, timers: deps.timers });
  const home = { account: config.accounts[0].id, region: config.accounts[0].regions[0] };
  const cloudwatch = new CloudWatchFetcher({
    clients,
    accounting,
    clock,
    timers: deps.timers,
    sleep: deps.sleep,
    random: deps.random,
    backoff: deps.backoff,
    refreshWindowMs: config.refreshWindowMs,
    shared: shared('cloudwatch'),
  });
  return {
    config,
    clients,
    accounting,
    cloudwatch,
    cost: new CostExplorerSource({
      ...guard,
      clients,
      account: home.account,
      cacheMs: config.costCacheMs,
      // Its cache keys do not name the account: the namespace does.
      shared: shared(`costexplorer:${home.account}`),
    }),
    autoScaling: new AutoScalingSource({ ...guard, clients, shared: shared('autoscaling') }),
    coldStarts: new ColdStartSource({ ...guard, clients, shared: shared('logs') }),
    serviceMetric: (request) => fetchServiceMetric(cloudwatch, request, home),
    rawMetric: (request) => cloudwatch.fetch(request),
    health: () => checkAwsHealth(config, clients, clock.now()),
    close: async () => {
      await cloudwatch.flush();
      clients.destroy();
    },
  };
}
