/**
 * The CloudWatch metrics behind a catalog service's signals, taken from the gateway's own plans
 * (gateway/src/sources/cloudwatch/serviceMetrics.ts): the alarms and dashboards watch the very series Opsdeck's
 * panels and SLOs are computed from. What the plans leave to code (units, the resource metrics Opsdeck does not
 * chart) is stated here.
 */
import type { CatalogService, ServiceMetric } from '@opsdeck/contract';
import { planServiceMetric } from '../../gateway/src/sources/cloudwatch/serviceMetrics';

export interface MetricId {
  namespace: string;
  metricName: string;
  dimensions: Readonly<Record<string, string>>;
  stat: string;
}

/** The metrics the gateway reads for one of its service metrics, in its order; undefined when none applies. */
export function serviceMetricInputs(service: CatalogService, metric: ServiceMetric): MetricId[] | undefined {
  const plan = planServiceMetric(service, metric);
  return plan?.inputs.map((input) => ({ ...input, dimensions: { ...input.dimensions } }));
}

/** Milliseconds per unit of each latency metric: ALB reports seconds, API Gateway and Lambda milliseconds. */
const LATENCY_MS_PER_UNIT: Readonly<Record<string, number>> = {
  'AWS/ApplicationELB:TargetResponseTime': 1000,
  'AWS/ApiGateway:Latency': 1,
  'AWS/Lambda:Duration': 1,
};

export function msPerUnit(metric: MetricId): number {
  const scale = LATENCY_MS_PER_UNIT[`${metric.namespace}:${metric.metricName}`];
  if (scale === undefined) throw new Error(`no latency unit known for ${metric.namespace} ${metric.metricName}`);
  return scale;
}

export function withStat(metric: MetricId, stat: string): MetricId {
  return { ...metric, stat };
}

export function metric(
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
  stat: string
): MetricId {
  return { namespace, metricName, dimensions, stat };
}

/** The p99 latency threshold (ms) the catalog gives a service: the shorthand, else its first latency objective. */
export function latencyThresholdMs(service: CatalogService): number | undefined {
  if (service.slo.latencyP99Ms !== undefined) return service.slo.latencyP99Ms;
  const objective = service.objectives.find((o) => o.sli.kind !== 'availability');
  return objective && objective.sli.kind !== 'availability' ? objective.sli.thresholdMs : undefined;
}
