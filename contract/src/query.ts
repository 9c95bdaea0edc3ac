/**
 * The query model shared by the datasource (what panels save), the app (what pages ask for) and the gateway (what
 * POST /api/query accepts). Saved dashboards depend on these names: add fields, never rename them.
 */
import type { DataFrameJSON } from './frame';
import type { CostGroupBy, CostView, InfraMetric, InfraResource } from './infrastructure';

/** Every kind of question a panel can ask the gateway. Later issues add kinds; each one gets a gateway handler. */
export const QUERY_TYPES = [
  'fleet_health',
  'service_metric',
  'services',
  'events',
  'deployments',
  'dora',
  'suspect_deploys',
  'infrastructure',
  'cost',
  'raw_metric',
  'upstream_spend',
  'open_alerts',
  'alert_rate',
  'mtta',
  'slo',
  'burn_rate',
  'error_budget',
  'health_score',
  'incident_stats',
  'alert_fatigue',
  'cost_efficiency',
] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

/** Golden signals and resource figures every source can answer per catalog service. */
export const SERVICE_METRICS = [
  'request_rate',
  'error_rate',
  'latency_p50',
  'latency_p95',
  'latency_p99',
  'availability',
  'cpu_utilization',
  'memory_utilization',
  'db_connections',
  'cache_hit_rate',
  'lambda_duration_p95',
  'asg_in_service',
] as const;
export type ServiceMetric = (typeof SERVICE_METRICS)[number];

export interface MetricInfo {
  label: string;
  /** A Grafana unit id, so panels format values without per-panel overrides. */
  unit: string;
  description: string;
}

export const METRIC_INFO: Record<ServiceMetric, MetricInfo> = {
  request_rate: { label: 'Request rate', unit: 'reqps', description: 'Requests per second at the load balancer' },
  error_rate: { label: 'Error rate', unit: 'percentunit', description: '5xx responses / all responses' },
  latency_p50: { label: 'Latency p50', unit: 'ms', description: 'Median target response time' },
  latency_p95: { label: 'Latency p95', unit: 'ms', description: '95th percentile target response time' },
  latency_p99: { label: 'Latency p99', unit: 'ms', description: '99th percentile target response time' },
  availability: { label: 'Availability', unit: 'percentunit', description: 'Share of requests answered without 5xx' },
  cpu_utilization: { label: 'CPU', unit: 'percent', description: 'Average CPU utilisation of the service compute' },
  memory_utilization: { label: 'Memory', unit: 'percent', description: 'Memory used (CloudWatch agent)' },
  db_connections: { label: 'DB connections', unit: 'short', description: 'RDS DatabaseConnections' },
  cache_hit_rate: { label: 'Cache hit rate', unit: 'percentunit', description: 'ElastiCache hits / (hits + misses)' },
  lambda_duration_p95: { label: 'Lambda p95', unit: 'ms', description: 'Lambda Duration p95' },
  asg_in_service: { label: 'In-service instances', unit: 'short', description: 'Auto Scaling GroupInServiceInstances' },
};

/** Fields every query may carry; each query type reads the ones it needs. */
export interface OpsdeckQuery {
  refId: string;
  queryType: QueryType;
  /** Catalog service name; empty or '*' means every service the other filters allow. */
  service?: string;
  team?: string;
  region?: string;
  /** For service_metric. */
  metric?: ServiceMetric;
  /** For events: which kinds of event to return. */
  eventKinds?: EventKind[];
  /** For infrastructure: the resource kind and one of its INFRA_METRICS. */
  resource?: InfraResource;
  infraMetric?: InfraMetric;
  /** For cost: which view, grouped by the catalog's cost-allocation tag or by AWS service, top N then "other". */
  costView?: CostView;
  costGroupBy?: CostGroupBy;
  topN?: number;
  /** For raw_metric: the CloudWatch escape hatch. `region` above picks the region; account defaults to the first. */
  namespace?: string;
  metricName?: string;
  dimensions?: Record<string, string>;
  statistic?: string;
  /** Seconds; a multiple of 60, raised when retention or the panel's data points require it. */
  period?: number;
  account?: string;
  /** For deployments: environment filter ('' or '*' = all). */
  environment?: string;
  /** For dora: one row per service (default) or per team. */
  doraGroupBy?: 'service' | 'team';
  /** For suspect_deploys: the metric whose jump is explained (default error_rate). */
  suspectMetric?: 'error_rate' | 'latency_p99';
  /** For open_alerts, alert_rate, mtta: severity and alert source filters ('' or '*' = all, or a comma list). */
  severity?: string;
  alertSource?: string;
  /** For open_alerts: 'open' (default), 'all' (alerts active in the range) or a comma list of statuses. */
  alertStatus?: string;
  /** For open_alerts: one row per alert (default) or counts per service and severity. */
  alertView?: AlertView;
  /** For alert_rate (default severity) and mtta (default none): one series / row per group. */
  alertGroupBy?: AlertGroupBy;
  /** For slo, burn_rate, error_budget: one objective id ('' or '*' = every objective of the selected services). */
  sloId?: string;
  /** For burn_rate: which windows to chart ('' or '*' = all of BURN_WINDOWS, or a comma list such as "1h,6h"). */
  burnWindows?: string;
  /** For alert_fatigue: one row per alert rule (default) or per team's first-level on-call shift. */
  fatigueView?: FatigueView;
  hide?: boolean;
}

export const ALERT_VIEWS = ['table', 'counts'] as const;
export type AlertView = (typeof ALERT_VIEWS)[number];
export const ALERT_GROUP_BYS = ['none', 'service', 'team', 'severity', 'source'] as const;
export type AlertGroupBy = (typeof ALERT_GROUP_BYS)[number];

export const FATIGUE_VIEWS = ['rules', 'shifts'] as const;
export type FatigueView = (typeof FATIGUE_VIEWS)[number];

export const EVENT_KINDS = ['deployment', 'incident'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const DEFAULT_QUERY: Omit<OpsdeckQuery, 'refId'> = {
  queryType: 'fleet_health',
};

export interface TimeRangeMs {
  from: number;
  to: number;
}

/** Body of POST /api/query. */
export interface QueryRequest {
  range: TimeRangeMs;
  intervalMs?: number;
  maxDataPoints?: number;
  queries: OpsdeckQuery[];
}

/** Body answered by POST /api/query: one entry per refId, frames or an error naming what was wrong. */
export interface QueryResponse {
  results: Record<string, { frames?: DataFrameJSON[]; error?: string }>;
}

/** What a dashboard variable of this datasource asks for (CustomVariableSupport's query, saved in dashboards). */
export const VARIABLE_KINDS = ['service', 'team', 'region'] as const;
export type VariableKind = (typeof VARIABLE_KINDS)[number];
export interface OpsdeckVariableQuery {
  refId: string;
  kind: VariableKind;
  /** Narrows `service` values to one team (may be a variable, e.g. "$team"). */
  team?: string;
}
