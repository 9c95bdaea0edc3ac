/** One CloudWatch client per configured account and region: where the alarm poller calls DescribeAlarms. */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { AwsClients } from './clients';
import type { AwsSourceConfig } from './config';

export function cloudwatchClientsFor(config: AwsSourceConfig | undefined): CloudWatchClient[] {
  if (!config) return [];
  const clients = new AwsClients(config);
  return config.accounts.flatMap((account) => account.regions.map((region) => clients.cloudwatch(account.id, region)));
}
