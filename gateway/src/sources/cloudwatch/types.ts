/** What the CloudWatch source hands the gateway's query handlers: plain series plus where they came from. */
import type { MetricIdentity } from '../../upstream';

/** One series on a regular grid (period boundaries, epoch ms); null = no data point in that period. */
export interface MetricSeries {
  timestamps: number[];
  values: Array<number | null>;
}

/** Present when the series is the last good answer, served because the upstream failed. */
export interface StaleNotice {
  /** Epoch ms when the served data was fetched. */
  since: number;
  reason: string;
}

export interface SeriesMeta {
  source: 'cloudwatch';
  periodS: number;
  /** True when no upstream call was made for this answer. */
  fromCache: boolean;
  stale?: StaleNotice;
  /** Human-readable notes for the panel (e.g. "CloudWatch agent not installed"). */
  notices: string[];
}

export interface FetchedSeries extends MetricSeries {
  meta: SeriesMeta;
}

/** A raw CloudWatch metric query: the escape hatch, and the building block of every service metric. */
export interface MetricStatRequest extends MetricIdentity {
  startMs: number;
  endMs: number;
  /** Cap on points (Grafana's maxDataPoints); the period grows to fit. */
  maxPoints?: number;
  /** Floor on the period (Grafana's interval), in seconds. */
  minPeriodS?: number;
}

export class UpstreamUnavailableError extends Error {
  constructor(reason: string) {
    super(`CloudWatch unavailable and no earlier data to show: ${reason}`);
    this.name = 'UpstreamUnavailableError';
  }
}
