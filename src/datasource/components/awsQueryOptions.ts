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
} from '@opsdeck/contract';

export const RESOURCE_LABELS: Record<InfraResource, string> = {
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

export const COST_VIEW_LABELS: Record<CostView, string> = {
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
