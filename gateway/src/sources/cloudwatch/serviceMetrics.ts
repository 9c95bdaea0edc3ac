/**
 * Which CloudWatch metrics answer each of the contract's SERVICE_METRICS for a catalog service, and how they
 * combine. Ratios are computed here rather than with metric math so their inputs are plain series: RequestCount
 * fetched for error_rate is the same cached, single-flighted series request_rate and availability use.
 */
import type { CatalogService, ServiceMetric } from '@opsdeck/contract';
import type { MetricIdentity } from '../../upstream';
import { hasData, hitRate, mapValues, ratio } from './seriesMath';
import type { MetricSeries } from './types';

type MetricInput = Omit<MetricIdentity, 'account' | 'region'>;

export interface ServiceMetricPlan {
  inputs: MetricInput[];
  /** Combines the fetched inputs (same order, same grid) into the metric's values. */
  combine: (inputs: MetricSeries[], periodS: number) => Array<number | null>;
  /** Where the number comes from, shown to users. */
  describe: string;
  /** Said when every input came back empty, when emptiness has a known cause. */
  emptyNotice?: string;
}

const alb = (lb: string, metricName: string, stat: string): MetricInput => ({
  namespace: 'AWS/ApplicationELB',
  metricName,
  dimensions: { LoadBalancer: lb },
  stat,
});
const apiGateway = (api: string, metricName: string): MetricInput => ({
  namespace: 'AWS/ApiGateway',
  metricName,
  dimensions: { ApiName: api },
  stat: 'Sum',
});
const lambda = (fn: string, metricName: string, stat: string): MetricInput => ({
  namespace: 'AWS/Lambda',
  metricName,
  dimensions: { FunctionName: fn },
  stat,
});

const first = (inputs: MetricSeries[]) => inputs[0].values;
const perSecond = (inputs: MetricSeries[], periodS: number) => mapValues(inputs[0].values, (v) => v / periodS);
const errorRatio = (inputs: MetricSeries[]) => ratio(inputs[0].values, inputs[1].values);
const secondsToMs = (inputs: MetricSeries[]) => mapValues(inputs[0].values, (v) => v * 1000);

const PERCENTILE: Partial<Record<ServiceMetric, string>> = {
  latency_p50: 'p50',
  latency_p95: 'p95',
  latency_p99: 'p99',
};

/** The plan for one service and metric; undefined when the service has nothing in AWS that measures it. */
export function planServiceMetric(service: CatalogService, metric: ServiceMetric): ServiceMetricPlan | undefined {
  const aws = service.aws;
  const lb = aws.loadBalancer;
  const fn = aws.lambdaFunction;
  const asg = aws.autoScalingGroup;
  switch (metric) {
    case 'request_rate':
      if (lb)
        return { inputs: [alb(lb, 'RequestCount', 'Sum')], combine: perSecond, describe: 'ALB RequestCount / period' };
      if (aws.apiGateway)
        return {
          inputs: [apiGateway(aws.apiGateway, 'Count')],
          combine: perSecond,
          describe: 'API Gateway Count / period',
        };
      if (fn)
        return {
          inputs: [lambda(fn, 'Invocations', 'Sum')],
          combine: perSecond,
          describe: 'Lambda Invocations / period',
        };
      return undefined;
    case 'error_rate':
    case 'availability': {
      // Measured at whatever a request meets first: the load balancer, else API Gateway, else the function.
      const api = aws.apiGateway;
      const inputs = lb
        ? [alb(lb, 'HTTPCode_Target_5XX_Count', 'Sum'), alb(lb, 'RequestCount', 'Sum')]
        : api
          ? [apiGateway(api, '5XXError'), apiGateway(api, 'Count')]
          : fn
            ? [lambda(fn, 'Errors', 'Sum'), lambda(fn, 'Invocations', 'Sum')]
            : undefined;
      if (!inputs) return undefined;
      const what = lb
        ? 'ALB HTTPCode_Target_5XX_Count / RequestCount'
        : api
          ? 'API Gateway 5XXError / Count'
          : 'Lambda Errors / Invocations';
      if (metric === 'error_rate') return { inputs, combine: errorRatio, describe: what };
      return { inputs, combine: (i) => mapValues(errorRatio(i), (e) => 1 - e), describe: `1 − ${what}` };
    }
    case 'latency_p50':
    case 'latency_p95':
    case 'latency_p99': {
      const p = PERCENTILE[metric]!;
      if (lb)
        return {
          inputs: [alb(lb, 'TargetResponseTime', p)],
          combine: secondsToMs,
          describe: `ALB TargetResponseTime ${p}`,
        };
      if (fn) return { inputs: [lambda(fn, 'Duration', p)], combine: first, describe: `Lambda Duration ${p}` };
      return undefined;
    }
    case 'cpu_utilization':
      if (!asg) return undefined;
      return {
        inputs: [
          {
            namespace: 'AWS/EC2',
            metricName: 'CPUUtilization',
            dimensions: { AutoScalingGroupName: asg },
            stat: 'Average',
          },
        ],
        combine: first,
        describe: 'EC2 CPUUtilization by AutoScalingGroupName',
      };
    case 'memory_utilization':
      if (!asg) return undefined;
      return {
        inputs: [
          {
            namespace: 'CWAgent',
            metricName: 'mem_used_percent',
            dimensions: { AutoScalingGroupName: asg },
            stat: 'Average',
          },
        ],
        combine: first,
        describe: 'CloudWatch agent mem_used_percent by AutoScalingGroupName',
        emptyNotice:
          'No memory data: EC2 does not report memory; install the CloudWatch agent (CWAgent mem_used_percent, aggregated by AutoScalingGroupName).',
      };
    case 'db_connections':
      if (!aws.rdsInstance) return undefined;
      return {
        inputs: [
          {
            namespace: 'AWS/RDS',
            metricName: 'DatabaseConnections',
            dimensions: { DBInstanceIdentifier: aws.rdsInstance },
            stat: 'Average',
          },
        ],
        combine: first,
        describe: 'RDS DatabaseConnections',
      };
    case 'cache_hit_rate': {
      const cluster = aws.cacheCluster;
      if (!cluster) return undefined;
      const ec = (metricName: string): MetricInput => ({
        namespace: 'AWS/ElastiCache',
        metricName,
        dimensions: { CacheClusterId: cluster },
        stat: 'Sum',
      });
      return {
        inputs: [ec('CacheHits'), ec('CacheMisses')],
        combine: (i) => hitRate(i[0].values, i[1].values),
        describe: 'ElastiCache CacheHits / (CacheHits + CacheMisses)',
      };
    }
    case 'lambda_duration_p95':
      if (!fn) return undefined;
      return { inputs: [lambda(fn, 'Duration', 'p95')], combine: first, describe: 'Lambda Duration p95' };
    case 'asg_in_service':
      if (!asg) return undefined;
      return {
        inputs: [
          {
            namespace: 'AWS/AutoScaling',
            metricName: 'GroupInServiceInstances',
            dimensions: { AutoScalingGroupName: asg },
            stat: 'Average',
          },
        ],
        combine: first,
        describe: 'Auto Scaling GroupInServiceInstances',
        emptyNotice:
          'No group metrics: Auto Scaling publishes Group* metrics only after EnableMetricsCollection on the group.',
      };
  }
}

/** True when every fetched input is empty, i.e. the emptiness notice applies. */
export function allEmpty(inputs: MetricSeries[]): boolean {
  return inputs.every((s) => !hasData(s));
}
