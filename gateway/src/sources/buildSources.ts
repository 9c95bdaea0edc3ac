import { type Catalog } from '../catalog';
import { createAwsSources, type AwsSourcesDeps } from './aws/awsSources';
import { type AwsSourceConfig } from './aws/config';
import { CloudWatchSource } from './cloudwatch/cloudwatchSource';
import { DemoSource } from './demo';
import { type Source } from './types';

export interface SourceSettings {
  demoSeed: number;
  /** LoadedConfig.aws: the AWS accounts and regions to read; absent = no AWS source. */
  aws?: AwsSourceConfig;
  /** Clock, sleeps and backoff for the AWS clients; tests shorten them. */
  awsDeps?: AwsSourcesDeps;
}

/**
 * Every source the settings configure: the AWS source (CloudWatch, Cost Explorer, Auto Scaling, Logs) when accounts
 * are configured, and the demo fleet, which `activeSources` retires as soon as a real source exists.
 */
export function buildSources(settings: SourceSettings, catalog: Catalog): Source[] {
  const real: Source[] = [];
  if (settings.aws) real.push(new CloudWatchSource(createAwsSources(settings.aws, settings.awsDeps)));
  return [...real, new DemoSource(settings.demoSeed, catalog.services)];
}

/** The demo fleet answers only while no real source is configured, so real and made-up data never mix. */
export function activeSources(sources: readonly Source[]): Source[] {
  const real = sources.filter((source) => !source.demo);
  return real.length > 0 ? real : [...sources];
}
