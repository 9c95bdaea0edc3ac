/**
 * Demo answer for "what Opsdeck's own AWS calls cost": what the demo fleet's dashboards would cause if it were a
 * real account — one merged GetMetricData call per minute carrying every service's metrics, a handful of Cost
 * Explorer requests a day (cached for hours), Auto Scaling and Logs Insights calls per minute/5 minutes — counted
 * since the demo source started, at the same prices as the real accounting.
 */
import type { CatalogService } from '@opsdeck/contract';
import { USD_PER_COST_EXPLORER_REQUEST, USD_PER_METRIC_REQUESTED } from '../../upstream/accounting';
import type { UpstreamSpendRow } from '../capabilities';

const MINUTE_MS = 60_000;
/** Metrics one service's panels need per refresh, roughly (golden signals + its resources). */
const METRICS_PER_SERVICE = 14;
const COST_REQUESTS_PER_DAY = 4 * 5;

export function demoUpstreamSpend(
  services: readonly CatalogService[],
  startedAt: number,
  nowMs: number
): UpstreamSpendRow[] {
  const minutes = Math.max(1, Math.floor((nowMs - startedAt) / MINUTE_MS));
  const metrics = minutes * METRICS_PER_SERVICE * services.length;
  const groups = services.filter((s) => s.aws.autoScalingGroup).length;
  const lambdas = services.filter((s) => s.aws.lambdaFunction).length;
  const costRequests = Math.max(1, Math.round((minutes / 1440) * COST_REQUESTS_PER_DAY));
  // Per day is the model's steady rate, not counts so far scaled up: one Cost Explorer request in the first minute
  // would otherwise read as $14/day.
  const row = (source: string, calls: number, metricsRequested: number, estimatedUsd: number, usdPerDay: number) => ({
    source,
    calls,
    metricsRequested,
    pages: calls,
    estimatedUsd,
    usdPerDay,
  });
  const metricsPerDay = 1440 * METRICS_PER_SERVICE * services.length;
  return [
    row('cloudwatch', minutes, metrics, metrics * USD_PER_METRIC_REQUESTED, metricsPerDay * USD_PER_METRIC_REQUESTED),
    row(
      'costexplorer',
      costRequests,
      0,
      costRequests * USD_PER_COST_EXPLORER_REQUEST,
      COST_REQUESTS_PER_DAY * USD_PER_COST_EXPLORER_REQUEST
    ),
    row('autoscaling', groups > 0 ? minutes : 0, 0, 0, 0),
    row('logs', lambdas > 0 ? Math.ceil(minutes / 5) * lambdas * 2 : 0, 0, 0, 0),
  ];
}
