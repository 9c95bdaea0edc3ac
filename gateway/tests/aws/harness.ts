/** Wiring for the AWS integration tests: fakes on loopback, real SDK clients pointed at them, simulated clock. */
import './fakeCredentials';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { CatalogService } from '@opsdeck/contract';
import { type AwsClients, awsSourceConfigSchema, type AwsSourceConfig } from '../../src/sources/aws';
import { loadConfig } from '../../src/config';
import { CloudWatchFetcher } from '../../src/sources/cloudwatch';
import { DEFAULT_BACKOFF, type BreakerPolicy } from '../../src/upstream';
import { AutoScalingFake, CloudWatchFake, CostExplorerFake, LogsFake } from '../fakes/aws';
import { TEST_ACCOUNT, TEST_ACCOUNT_2 } from './fakeCredentials';

/** The real catalog file: the mappings are tested against the services Opsdeck ships with. */
export function loadCatalogServices(): CatalogService[] {
  const file = path.resolve(__dirname, '../../../provisioning/opsdeck/services.yaml');
  return (parse(fs.readFileSync(file, 'utf8')) as { services: CatalogService[] }).services;
}

export class SimulatedClock {
  constructor(public nowMs: number) {}
  now = (): number => this.nowMs;
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

export interface AwsFakes {
  cloudwatch: CloudWatchFake;
  costExplorer: CostExplorerFake;
  autoScaling: AutoScalingFake;
  logs: LogsFake;
  config: AwsSourceConfig;
  stop(): Promise<void>;
}

export async function startAwsFakes(clock: SimulatedClock): Promise<AwsFakes> {
  const cloudwatch = new CloudWatchFake({ now: clock.now });
  const costExplorer = new CostExplorerFake();
  const autoScaling = new AutoScalingFake();
  const logs = new LogsFake();
  await Promise.all([cloudwatch.start(), costExplorer.start(), autoScaling.start(), logs.start()]);
  const config = awsSourceConfigSchema.parse({
    accounts: [
      { id: TEST_ACCOUNT, regions: ['eu-west-1'] },
      { id: TEST_ACCOUNT_2, regions: ['us-east-1'] },
      { id: '333333333333', regions: ['eu-west-1'] },
    ],
    endpoints: {
      cloudwatch: cloudwatch.endpoint,
      costExplorer: costExplorer.endpoint,
      autoScaling: autoScaling.endpoint,
      logs: logs.endpoint,
    },
    refreshWindowMs: 5,
  });
  return {
    cloudwatch,
    costExplorer,
    autoScaling,
    logs,
    config,
    stop: async () => {
      await Promise.all([cloudwatch.stop(), costExplorer.stop(), autoScaling.stop(), logs.stop()]);
    },
  };
}

/** The gateway's AWS settings for the fakes, read by the real config loader from the env an operator would set. */
export function awsConfigFor(fakes: AwsFakes, dataDir: string): AwsSourceConfig {
  const { endpoints } = fakes.config;
  const config = loadConfig({
    OPSDECK_DATA_DIR: dataDir,
    OPSDECK_AWS_ACCOUNTS: JSON.stringify(fakes.config.accounts),
    OPSDECK_AWS_ENDPOINT_CLOUDWATCH: endpoints.cloudwatch!,
    OPSDECK_AWS_ENDPOINT_COSTEXPLORER: endpoints.costExplorer!,
    OPSDECK_AWS_ENDPOINT_AUTOSCALING: endpoints.autoScaling!,
    OPSDECK_AWS_ENDPOINT_LOGS: endpoints.logs!,
  });
  return config.aws!;
}

/** 1,000 requests per datapoint; for the last `minutes` 40 of them fail (4%), otherwise no errors at all. */
export function burnLastMinutes(fakes: AwsFakes, clock: SimulatedClock, minutes: number): void {
  const defaultValue = fakes.cloudwatch.metricValue;
  fakes.cloudwatch.metricValue = (m, t) => {
    if (m.metricName === 'RequestCount') return 1000;
    if (m.metricName === 'HTTPCode_Target_5XX_Count') return t * 1000 >= clock.nowMs - minutes * 60_000 ? 40 : 0;
    if (/5XX|Error/.test(m.metricName)) return 0;
    return defaultValue(m, t);
  };
}

/** A fetcher on simulated time; backoff sleeps are recorded instead of waited. */
export function buildFetcher(clients: AwsClients, clock: SimulatedClock, breaker?: BreakerPolicy) {
  const sleeps: number[] = [];
  const fetcher = new CloudWatchFetcher({
    clients,
    clock,
    refreshWindowMs: 5,
    backoff: { ...DEFAULT_BACKOFF, budgetMs: 60_000 },
    breaker,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { fetcher, sleeps };
}
