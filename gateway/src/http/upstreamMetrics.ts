import { Counter, type Registry } from 'prom-client';
import { type UpstreamCounters } from '../upstream/accounting';

interface CounterSource {
  readonly accounting?: { snapshot(): Record<string, UpstreamCounters> };
}

const EXPORTED: Array<{ name: string; help: string; value: (c: UpstreamCounters) => number }> = [
  {
    name: 'opsdeck_upstream_calls_total',
    help: 'Upstream API operations started, per upstream',
    value: (c) => c.calls,
  },
  {
    name: 'opsdeck_upstream_pages_total',
    help: 'Upstream response pages fetched (each is a billed request for Cost Explorer), per upstream',
    value: (c) => c.pages,
  },
  {
    name: 'opsdeck_upstream_metrics_requested_total',
    help: 'Metric queries sent to GetMetricData (what CloudWatch bills), per upstream',
    value: (c) => c.metricsRequested,
  },
  { name: 'opsdeck_upstream_retries_total', help: 'Upstream retries after throttling or 5xx', value: (c) => c.retries },
  {
    name: 'opsdeck_upstream_failures_total',
    help: 'Upstream operations that failed after retries',
    value: (c) => c.failures,
  },
  {
    name: 'opsdeck_upstream_estimated_usd_total',
    help: "Estimated USD of Opsdeck's own upstream calls at list prices, per upstream",
    value: (c) => c.estimatedUsd,
  },
];

/**
 * Exports the real sources' upstream accounting (calls, pages, metrics requested, estimated USD) on the app's
 * registry. The counters live in the sources; each scrape copies their current totals, which only grow.
 */
export function registerUpstreamMetrics(registry: Registry, sources: () => readonly CounterSource[]): void {
  for (const metric of EXPORTED) {
    new Counter({
      name: metric.name,
      help: metric.help,
      labelNames: ['upstream'],
      registers: [registry],
      collect() {
        this.reset();
        for (const source of sources()) {
          for (const [upstream, counters] of Object.entries(source.accounting?.snapshot() ?? {})) {
            this.inc({ upstream }, metric.value(counters));
          }
        }
      },
    });
  }
}
