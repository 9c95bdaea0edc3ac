/**
 * The query model shared by the datasource (what panels save), the app (what pages ask for) and the gateway (what
 * POST /api/query accepts). Saved dashboards depend on these names: add fields, never rename them.
 */
import type { DataFrameJSON } from './frame';

/** Every kind of question a panel can ask the gateway. Later issues add kinds; each one gets a gateway handler. */
export const QUERY_TYPES = ['fleet_health', 'service_metric', 'services', 'events'] as const;
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
  hide?: boolean;
}

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
