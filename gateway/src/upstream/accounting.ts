/**
 * What Opsdeck's own upstream traffic costs. Prices (research/aws-apis.md): GetMetricData $0.01 per 1,000 metrics
 * requested; Cost Explorer $0.01 per request, every page counting as one. Plain counters the gateway can export
 * to prom-client and the app can show as "what this dashboard costs you per day".
 */
export const USD_PER_METRIC_REQUESTED = 0.01 / 1000;
export const USD_PER_COST_EXPLORER_REQUEST = 0.01;

export interface UpstreamCounters {
  /** API operations started (a paginated operation counts once). */
  calls: number;
  /** Pages fetched, i.e. HTTP requests that succeeded. */
  pages: number;
  /** Metric queries sent to GetMetricData, summed over pages: what CloudWatch bills. */
  metricsRequested: number;
  retries: number;
  failures: number;
  estimatedUsd: number;
}

export type PricingModel = 'per-metric' | 'per-request' | 'free';

const emptyCounters = (): UpstreamCounters => ({
  calls: 0,
  pages: 0,
  metricsRequested: 0,
  retries: 0,
  failures: 0,
  estimatedUsd: 0,
});

export class UpstreamAccounting {
  private readonly bySource = new Map<string, UpstreamCounters>();

  private counters(source: string): UpstreamCounters {
    let c = this.bySource.get(source);
    if (!c) {
      c = emptyCounters();
      this.bySource.set(source, c);
    }
    return c;
  }

  call(source: string): void {
    this.counters(source).calls++;
  }

  page(source: string, pricing: PricingModel, metricsRequested = 0): void {
    const c = this.counters(source);
    c.pages++;
    c.metricsRequested += metricsRequested;
    if (pricing === 'per-metric') c.estimatedUsd += metricsRequested * USD_PER_METRIC_REQUESTED;
    if (pricing === 'per-request') c.estimatedUsd += USD_PER_COST_EXPLORER_REQUEST;
  }

  retry(source: string): void {
    this.counters(source).retries++;
  }

  failure(source: string): void {
    this.counters(source).failures++;
  }

  /** A copy per source, e.g. { cloudwatch: {...}, costexplorer: {...} }. */
  snapshot(): Record<string, UpstreamCounters> {
    return Object.fromEntries([...this.bySource].map(([k, v]) => [k, { ...v }]));
  }

  get(source: string): UpstreamCounters {
    return { ...(this.bySource.get(source) ?? emptyCounters()) };
  }
}
