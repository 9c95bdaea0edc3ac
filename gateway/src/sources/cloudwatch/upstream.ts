/**
 * AWS through CloudWatch: the query source (metrics, Cost Explorer, Auto Scaling, Logs) when accounts are
 * configured, and DescribeAlarms polling as the safety net for missed SNS deliveries.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Upstream } from '../../upstream/descriptor';
import { createAwsSources } from '../aws/awsSources';
import { CloudWatchAlarmPoller } from './alarmPoller';
import { CloudWatchSource } from './cloudwatchSource';

export const cloudwatch: Upstream<CloudWatchClient[]> = {
  id: 'cloudwatch',
  source: (settings) =>
    settings.aws ? new CloudWatchSource(createAwsSources(settings.aws, settings.awsDeps)) : undefined,
  connect: (context) => (context.cloudwatch.length > 0 ? context.cloudwatch : undefined),
  poll(clients, deps) {
    const poller = new CloudWatchAlarmPoller(clients, deps);
    return () => poller.poll();
  },
};
