/**
 * Per account/region: do the credentials work, and which permissions are missing? Each probe is the cheapest call
 * of an API Opsdeck uses (one metric over one minute costs $0.00001; DescribeAutoScalingGroups is free). An
 * AccessDenied is reported by the IAM action it names, never swallowed. Cost Explorer is not probed: every call
 * costs $0.01; its failures show on the cost panels instead.
 */
import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { SourceHealth } from '@opsdeck/contract';
import type { AwsClients } from './clients';
import type { AwsSourceConfig } from './config';
import { describeAwsError, isAccessDenied } from './errors';

interface Probe {
  action: string;
  run: (clients: AwsClients, account: string, region: string, nowMs: number) => Promise<unknown>;
}

const PROBES: Probe[] = [
  {
    action: 'cloudwatch:GetMetricData',
    run: (clients, account, region, nowMs) => {
      const end = Math.floor(nowMs / 60_000) * 60_000;
      return clients.cloudwatch(account, region).send(
        new GetMetricDataCommand({
          MetricDataQueries: [
            {
              Id: 'probe',
              MetricStat: {
                Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization' },
                Period: 60,
                Stat: 'Average',
              },
            },
          ],
          StartTime: new Date(end - 60_000),
          EndTime: new Date(end),
        })
      );
    },
  },
  {
    action: 'autoscaling:DescribeAutoScalingGroups',
    run: (clients, account, region) =>
      clients.autoScaling(account, region).send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 1 })),
  },
];

export async function checkAwsHealth(
  config: AwsSourceConfig,
  clients: AwsClients,
  nowMs: number
): Promise<SourceHealth[]> {
  const targets = config.accounts.flatMap((a) => a.regions.map((region) => ({ account: a.id, region })));
  return Promise.all(
    targets.map(async ({ account, region }): Promise<SourceHealth> => {
      const outcomes = await Promise.all(
        PROBES.map((p) =>
          p.run(clients, account, region, nowMs).then(
            () => undefined,
            (err: unknown) => ({ action: p.action, err })
          )
        )
      );
      const failures = outcomes.filter((o): o is { action: string; err: unknown } => o !== undefined);
      const id = `aws:${account}/${region}`;
      if (failures.length === 0) return { id, kind: 'cloudwatch', state: 'ok' };
      const denied = failures.filter((f) => isAccessDenied(f.err)).map((f) => f.action);
      const other = failures
        .filter((f) => !isAccessDenied(f.err))
        .map((f) => `${f.action}: ${describeAwsError(f.err)}`);
      const parts = [...(denied.length ? [`missing permissions: ${denied.join(', ')}`] : []), ...other];
      return { id, kind: 'cloudwatch', state: 'error', message: parts.join('; ') };
    })
  );
}
