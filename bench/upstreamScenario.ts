/**
 * The TV-wall scenario of the upstream benchmark: which panels the overview and infrastructure dashboards show,
 * as (service, metric) pairs over the catalog, and what each becomes in CloudWatch queries.
 */
import type { CatalogService, ServiceMetric } from '@/contract';
import { planServiceMetric } from '@/gateway/sources/cloudwatch';

export interface BenchPanel {
  dashboard: 'overview' | 'infrastructure';
  title: string;
  queries: Array<{ service: CatalogService; metric: ServiceMetric }>;
}

const OVERVIEW: Array<{ title: string; metrics: ServiceMetric[] }> = [
  { title: 'Fleet health', metrics: ['availability', 'error_rate', 'latency_p99', 'request_rate', 'cpu_utilization'] },
  { title: 'Error rate by service', metrics: ['error_rate'] },
  { title: 'Latency p99 by service', metrics: ['latency_p99'] },
  { title: 'Request rate by service', metrics: ['request_rate'] },
];

const INFRASTRUCTURE: ServiceMetric[] = [
  'cpu_utilization',
  'memory_utilization',
  'db_connections',
  'cache_hit_rate',
  'lambda_duration_p95',
  'asg_in_service',
  'error_rate',
  'latency_p95',
  'request_rate',
];

/** Every panel with service = All: one query per catalog service that has an AWS resource for the metric. */
export function benchPanels(services: CatalogService[]): BenchPanel[] {
  const applicable = (metrics: ServiceMetric[]) =>
    services.flatMap((service) =>
      metrics.filter((m) => planServiceMetric(service, m)).map((metric) => ({ service, metric }))
    );
  return [
    ...OVERVIEW.map((p) => ({ dashboard: 'overview' as const, title: p.title, queries: applicable(p.metrics) })),
    ...INFRASTRUCTURE.map((m) => ({ dashboard: 'infrastructure' as const, title: m, queries: applicable([m]) })),
  ];
}

/** The CloudWatch metric queries a panel needs, deduplicated within the panel (as one GetMetricData would be). */
export function panelMetricInputs(panel: BenchPanel) {
  const seen = new Map<
    string,
    { account: string; region: string; input: NonNullable<ReturnType<typeof planServiceMetric>>['inputs'][number] }
  >();
  for (const q of panel.queries) {
    for (const input of planServiceMetric(q.service, q.metric)!.inputs) {
      const account = q.service.aws.account ?? '111111111111';
      const region = q.service.aws.region ?? 'eu-west-1';
      seen.set(JSON.stringify([account, region, input]), { account, region, input });
    }
  }
  return [...seen.values()];
}
