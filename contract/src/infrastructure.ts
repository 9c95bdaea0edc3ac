/**
 * The infrastructure, cost, raw CloudWatch and upstream-spend parts of the query model (issue 3). Few query types,
 * each narrowed by a field: `infrastructure` by `resource` + `infraMetric`, `cost` by `costView`. Saved dashboards
 * depend on these names: add values, never rename them.
 */

/** The AWS resource kinds a catalog service may list (its `aws:` entry), plus `service` for per-service figures. */
export const INFRA_RESOURCES = ['ec2', 'rds', 'elasticache', 'lambda', 'asg', 'service'] as const;
export type InfraResource = (typeof INFRA_RESOURCES)[number];

/** Metrics per resource; `infraMetric` must be one of its resource's. */
export const INFRA_METRICS = {
  ec2: ['cpu', 'network_in', 'network_out', 'disk_read', 'disk_write', 'memory', 'disk_used'],
  rds: ['read_latency', 'write_latency', 'connections', 'cpu'],
  elasticache: ['hit_rate', 'evictions', 'memory'],
  lambda: ['duration_p50', 'duration_p95', 'duration_p99', 'errors', 'throttles', 'concurrency', 'cold_starts'],
  asg: ['capacity'],
  service: ['error_rate'],
} as const satisfies Record<InfraResource, readonly string[]>;
export type InfraMetric = (typeof INFRA_METRICS)[InfraResource][number];

export interface InfraMetricInfo {
  label: string;
  /** Grafana unit id of the value fields. */
  unit: string;
  /** Where the number comes from, shown as the field description. */
  description: string;
}

type InfraMetricInfoTable = { [R in InfraResource]: Record<(typeof INFRA_METRICS)[R][number], InfraMetricInfo> };

export const INFRA_METRIC_INFO: InfraMetricInfoTable = {
  ec2: {
    cpu: { label: 'CPU', unit: 'percent', description: 'AWS/EC2 CPUUtilization, average over the group' },
    network_in: { label: 'Network in', unit: 'Bps', description: 'AWS/EC2 NetworkIn per second' },
    network_out: { label: 'Network out', unit: 'Bps', description: 'AWS/EC2 NetworkOut per second' },
    disk_read: { label: 'Disk read', unit: 'Bps', description: 'AWS/EC2 EBSReadBytes per second (Nitro)' },
    disk_write: { label: 'Disk write', unit: 'Bps', description: 'AWS/EC2 EBSWriteBytes per second (Nitro)' },
    memory: { label: 'Memory used', unit: 'percent', description: 'CWAgent mem_used_percent (CloudWatch agent)' },
    disk_used: { label: 'Disk used', unit: 'percent', description: 'CWAgent disk_used_percent (CloudWatch agent)' },
  },
  rds: {
    read_latency: { label: 'Read latency', unit: 'ms', description: 'AWS/RDS ReadLatency' },
    write_latency: { label: 'Write latency', unit: 'ms', description: 'AWS/RDS WriteLatency' },
    connections: {
      label: 'Connections vs pool',
      unit: 'short',
      description: 'AWS/RDS DatabaseConnections against the catalog dbPoolSize',
    },
    cpu: { label: 'CPU', unit: 'percent', description: 'AWS/RDS CPUUtilization of the DB instance' },
  },
  elasticache: {
    hit_rate: { label: 'Hit rate', unit: 'percentunit', description: 'CacheHits / (CacheHits + CacheMisses)' },
    evictions: { label: 'Evictions', unit: 'short', description: 'AWS/ElastiCache Evictions per period' },
    memory: { label: 'Memory used', unit: 'percent', description: 'AWS/ElastiCache DatabaseMemoryUsagePercentage' },
  },
  lambda: {
    duration_p50: { label: 'Duration p50', unit: 'ms', description: 'AWS/Lambda Duration p50' },
    duration_p95: { label: 'Duration p95', unit: 'ms', description: 'AWS/Lambda Duration p95' },
    duration_p99: { label: 'Duration p99', unit: 'ms', description: 'AWS/Lambda Duration p99' },
    errors: { label: 'Errors', unit: 'short', description: 'AWS/Lambda Errors per period' },
    throttles: { label: 'Throttles', unit: 'short', description: 'AWS/Lambda Throttles per period' },
    concurrency: { label: 'Concurrency', unit: 'short', description: 'AWS/Lambda ConcurrentExecutions, maximum' },
    cold_starts: {
      label: 'Cold starts',
      unit: 'short',
      description: 'Logs Insights: REPORT lines carrying "Init Duration" in the function log group',
    },
  },
  asg: {
    capacity: {
      label: 'Capacity',
      unit: 'short',
      description: 'Desired vs in-service vs min/max (DescribeAutoScalingGroups and Group* metrics)',
    },
  },
  service: {
    error_rate: {
      label: 'Error rate',
      unit: 'percentunit',
      description: '5xx / requests at whatever is in front: ALB, API Gateway or Lambda',
    },
  },
};

export function infraMetricInfo(resource: InfraResource, metric: string): InfraMetricInfo | undefined {
  return (INFRA_METRIC_INFO[resource] as Record<string, InfraMetricInfo>)[metric];
}

/** Cost views: per service top-N with "other", daily trend, month to date vs last month, forecast, anomalies. */
export const COST_VIEWS = ['by_service', 'daily', 'month_to_date', 'forecast', 'anomalies'] as const;
export type CostView = (typeof COST_VIEWS)[number];

/** `tag` groups by the catalog's cost-allocation tag (spend per catalog service); `aws_service` by AWS SERVICE. */
export const COST_GROUP_BY = ['tag', 'aws_service'] as const;
export type CostGroupBy = (typeof COST_GROUP_BY)[number];

export const DEFAULT_COST_TOP_N = 8;

/** CloudWatch statistics the raw query accepts; percentiles are written p50, p99.9… */
export const RAW_METRIC_STATISTICS = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'] as const;

/** Columns of the `upstream_spend` table: Opsdeck's own API traffic per upstream source. */
export const UPSTREAM_SPEND_FIELDS = [
  'source',
  'calls',
  'metrics_requested',
  'pages',
  'estimated_usd',
  'usd_per_day',
] as const;
