/** Wiring for the AWS integration tests: fakes on loopback, real SDK clients pointed at them, simulated clock. */
import './fakeCredentials';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { CatalogService } from '@opsdeck/contract';
import { type AwsClients, awsSourceConfigSchema, type AwsSourceConfig } from '../../src/sources/aws';
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
