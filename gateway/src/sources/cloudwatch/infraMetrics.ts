/**
 * Which CloudWatch metrics answer each infrastructure metric (contract INFRA_METRICS) for a catalog service, and
 * how the fetched inputs become value columns. Cold starts (Logs Insights), ASG capacity (DescribeAutoScalingGroups)
 * and the per-service error rate (serviceMetrics.ts) are answered elsewhere: see infrastructure.ts.
 */
import type { CatalogService, InfraMetric, InfraResource } from '@opsdeck/contract';
import type { MetricIdentity } from '../../upstream';
import { hitRate, mapValues } from './seriesMath';
import type { MetricSeries } from './types';

type MetricInput = Omit<MetricIdentity, 'account' | 'region'>;
type Column = { name: string; values: Array<number | null> };

export interface InfraMetricPlan {
  inputs: MetricInput[];
  columns: (inputs: MetricSeries[], periodS: number) => Column[];
  describe: string;
  /** Said when every input came back empty and the emptiness has a known cause. */
  emptyNotice?: string;
}

const AGENT_NOTICE =
  'No data: the CloudWatch agent is not installed or does not aggregate by AutoScalingGroupName (CWAgent namespace). EC2 itself does not report memory or disk space.';

const value = (values: Array<number | null>): Column[] => [{ name: 'value', values }];
const asIs = (inputs: MetricSeries[]) => value(inputs[0].values);
const perSecond = (inputs: MetricSeries[], periodS: number) => value(mapValues(inputs[0].values, (v) => v / periodS));
const secondsToMs = (inputs: MetricSeries[]) => value(mapValues(inputs[0].values, (v) => v * 1000));

function single(namespace: string, dimensions: Record<string, string>, metricName: string, stat: string) {
  return { namespace, metricName, dimensions, stat };
}

export function planInfraMetric(
  service: CatalogService,
  resource: InfraResource,
  metric: InfraMetric
): InfraMetricPlan | undefined {
  const aws = service.aws;
  switch (resource) {
    case 'ec2': {
      if (!aws.autoScalingGroup) return undefined;
      const dims = { AutoScalingGroupName: aws.autoScalingGroup };
      const ec2 = (name: string, stat: string) => single('AWS/EC2', dims, name, stat);
      const plans: Partial<Record<InfraMetric, InfraMetricPlan>> = {
        cpu: { inputs: [ec2('CPUUtilization', 'Average')], columns: asIs, describe: 'AWS/EC2 CPUUtilization' },
        network_in: { inputs: [ec2('NetworkIn', 'Sum')], columns: perSecond, describe: 'AWS/EC2 NetworkIn / period' },
        network_out: {
          inputs: [ec2('NetworkOut', 'Sum')],
          columns: perSecond,
          describe: 'AWS/EC2 NetworkOut / period',
        },
        disk_read: {
          inputs: [ec2('EBSReadBytes', 'Sum')],
          columns: perSecond,
          describe: 'AWS/EC2 EBSReadBytes / period (Nitro instances)',
        },
        disk_write: {
          inputs: [ec2('EBSWriteBytes', 'Sum')],
          columns: perSecond,
          describe: 'AWS/EC2 EBSWriteBytes / period (Nitro instances)',
        },
        memory: {
          inputs: [single('CWAgent', dims, 'mem_used_percent', 'Average')],
          columns: asIs,
          describe: 'CWAgent mem_used_percent by AutoScalingGroupName',
          emptyNotice: AGENT_NOTICE,
        },
        disk_used: {
          inputs: [single('CWAgent', dims, 'disk_used_percent', 'Average')],
          columns: asIs,
          describe: 'CWAgent disk_used_percent by AutoScalingGroupName',
          emptyNotice: AGENT_NOTICE,
        },
      };
      return plans[metric];
    }
    case 'rds': {
      if (!aws.rdsInstance) return undefined;
      const rds = (name: string) => single('AWS/RDS', { DBInstanceIdentifier: aws.rdsInstance! }, name, 'Average');
      const pool = aws.dbPoolSize;
      const plans: Partial<Record<InfraMetric, InfraMetricPlan>> = {
        read_latency: { inputs: [rds('ReadLatency')], columns: secondsToMs, describe: 'AWS/RDS ReadLatency' },
        write_latency: { inputs: [rds('WriteLatency')], columns: secondsToMs, describe: 'AWS/RDS WriteLatency' },
        connections: {
          inputs: [rds('DatabaseConnections')],
          columns: (inputs) => [
            { name: 'connections', values: inputs[0].values },
            ...(pool ? [{ name: 'pool_size', values: inputs[0].values.map(() => pool) }] : []),
          ],
          describe: 'AWS/RDS DatabaseConnections against the catalog dbPoolSize',
        },
        cpu: { inputs: [rds('CPUUtilization')], columns: asIs, describe: 'AWS/RDS CPUUtilization' },
      };
      return plans[metric];
    }
    case 'elasticache': {
      if (!aws.cacheCluster) return undefined;
      const ec = (name: string, stat: string) =>
        single('AWS/ElastiCache', { CacheClusterId: aws.cacheCluster! }, name, stat);
      const plans: Partial<Record<InfraMetric, InfraMetricPlan>> = {
        hit_rate: {
          inputs: [ec('CacheHits', 'Sum'), ec('CacheMisses', 'Sum')],
          columns: (i) => value(hitRate(i[0].values, i[1].values)),
          describe: 'ElastiCache CacheHits / (CacheHits + CacheMisses)',
        },
        evictions: { inputs: [ec('Evictions', 'Sum')], columns: asIs, describe: 'AWS/ElastiCache Evictions' },
        memory: {
          inputs: [ec('DatabaseMemoryUsagePercentage', 'Average')],
          columns: asIs,
          describe: 'AWS/ElastiCache DatabaseMemoryUsagePercentage',
        },
      };
      return plans[metric];
    }
    case 'lambda': {
      if (!aws.lambdaFunction) return undefined;
      const fn = (name: string, stat: string) =>
        single('AWS/Lambda', { FunctionName: aws.lambdaFunction! }, name, stat);
      const plans: Partial<Record<InfraMetric, InfraMetricPlan>> = {
        duration_p50: { inputs: [fn('Duration', 'p50')], columns: asIs, describe: 'AWS/Lambda Duration p50' },
        duration_p95: { inputs: [fn('Duration', 'p95')], columns: asIs, describe: 'AWS/Lambda Duration p95' },
        duration_p99: { inputs: [fn('Duration', 'p99')], columns: asIs, describe: 'AWS/Lambda Duration p99' },
        errors: { inputs: [fn('Errors', 'Sum')], columns: asIs, describe: 'AWS/Lambda Errors' },
        throttles: { inputs: [fn('Throttles', 'Sum')], columns: asIs, describe: 'AWS/Lambda Throttles' },
        concurrency: {
          inputs: [fn('ConcurrentExecutions', 'Maximum')],
          columns: asIs,
          describe: 'AWS/Lambda ConcurrentExecutions, maximum',
        },
      };
      return plans[metric];
    }
    default:
      return undefined;
  }
}
