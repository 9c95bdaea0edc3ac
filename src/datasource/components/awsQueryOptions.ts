import { type ComboboxOption } from '@grafana/ui';
import {
  COST_GROUP_BY,
  COST_VIEWS,
  INFRA_METRICS,
  INFRA_RESOURCES,
  infraMetricInfo,
  RAW_METRIC_STATISTICS,
  type CostGroupBy,
  type CostView,
  type InfraMetric,
  type InfraResource,
  type OpsdeckQuery,
  type QueryType,
} from '@opsdeck/contract';

export const AWS_QUERY_TYPE_OPTIONS: Array<ComboboxOption<QueryType>> = [
  {
    value: 'infrastructure',
    label: 'Infrastructure',
    description: 'EC2, RDS, ElastiCache, Lambda, Auto Scaling per service',
  },
  { value: 'cost', label: 'Cost', description: 'Cost per service, daily trend, month to date, forecast, anomalies' },
  {
    value: 'raw_metric',
    label: 'Raw CloudWatch metric',
    description: 'Any namespace, metric, dimensions and statistic',
  },
  { value: 'upstream_spend', label: 'Opsdeck API spend', description: "What Opsdeck's own AWS calls cost per day" },
];

const RESOURCE_LABELS: Record<InfraResource, string> = {
  ec2: 'EC2',
  rds: 'RDS',
  elasticache: 'ElastiCache',
  lambda: 'Lambda',
  asg: 'Auto Scaling',
  service: 'Service (error rate)',
};

export const RESOURCE_OPTIONS: Array<ComboboxOption<InfraResource>> = INFRA_RESOURCES.map((r) => ({
  value: r,
  label: RESOURCE_LABELS[r],
}));

export function infraMetricOptions(resource: InfraResource): Array<ComboboxOption<InfraMetric>> {
  return INFRA_METRICS[resource].map((metric) => ({
    value: metric,
    label: infraMetricInfo(resource, metric)?.label ?? metric,
    description: infraMetricInfo(resource, metric)?.description,
  }));
}

const COST_VIEW_LABELS: Record<CostView, string> = {
  by_service: 'Cost per group (top N + other)',
  daily: 'Daily trend',
  month_to_date: 'Month to date vs last month',
  forecast: 'Forecast to month end',
  anomalies: 'Anomalies',
};
export const COST_VIEW_OPTIONS: Array<ComboboxOption<CostView>> = COST_VIEWS.map((v) => ({
  value: v,
  label: COST_VIEW_LABELS[v],
}));

const GROUP_BY_LABELS: Record<CostGroupBy, string> = {
  tag: 'Service (cost-allocation tag)',
  aws_service: 'AWS service',
};
export const COST_GROUP_BY_OPTIONS: Array<ComboboxOption<CostGroupBy>> = COST_GROUP_BY.map((g) => ({
  value: g,
  label: GROUP_BY_LABELS[g],
}));

export const STATISTIC_OPTIONS: Array<ComboboxOption<string>> = [
  ...RAW_METRIC_STATISTICS,
  'p50',
  'p90',
  'p95',
  'p99',
].map((s) => ({ value: s, label: s }));

/** Sensible starting fields when the user switches to one of these query types. */
export function awsQueryDefaults(type: QueryType, query: OpsdeckQuery): Partial<OpsdeckQuery> {
  if (type === 'infrastructure' && !query.resource) return { resource: 'ec2', infraMetric: 'cpu' };
  if (type === 'cost' && !query.costView) return { costView: 'by_service' };
  if (type === 'raw_metric' && !query.statistic) return { statistic: 'Average' };
  return {};
}

/** "Name=value, Name2=value2" ⇄ the dimensions object. */
export function formatDimensions(dimensions: Record<string, string> | undefined): string {
  return Object.entries(dimensions ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

export function parseDimensions(text: string): Record<string, string> {
  const entries = text
    .split(',')
    .map((pair) => pair.split('='))
    .filter((parts) => parts.length === 2 && parts[0].trim() && parts[1].trim())
    .map(([k, v]) => [k.trim(), v.trim()]);
  return Object.fromEntries(entries);
}
