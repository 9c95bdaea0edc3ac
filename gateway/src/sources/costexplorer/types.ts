/** What the Cost Explorer source answers. Amounts are USD (UnblendedCost / UNBLENDED_COST). */
import type { StaleNotice } from '../cloudwatch/types';

export interface CostMeta {
  source: 'costexplorer';
  fromCache: boolean;
  /** Epoch ms the figures were fetched; Cost Explorer itself refreshes a few times a day. */
  fetchedAtMs: number;
  stale?: StaleNotice;
}

/**
 * Group by the catalog's cost-allocation tag (e.g. key "service") or by AWS SERVICE. A tag grouping may keep one AWS
 * service only (a Filter on the SERVICE dimension, e.g. "Amazon Relational Database Service"): each tag value's
 * spend on that service, in the same one request.
 */
export type CostGrouping = { by: 'tag'; key: string; awsService?: string } | { by: 'service' };

export interface CostGroup {
  /** Tag value or AWS service name; '' for spend without the tag. */
  key: string;
  amount: number;
}

export interface CostBreakdown {
  groups: CostGroup[];
  /** Everything outside the top N, so groups + other = total. */
  other: number;
  total: number;
  meta: CostMeta;
}

export interface DailyCost {
  /** Day starts, epoch ms (UTC). */
  timestamps: number[];
  /** Total per day. */
  values: number[];
  /** Per group, same days. */
  byGroup: Array<{ key: string; values: number[] }>;
  meta: CostMeta;
}

export interface MonthToDate {
  current: { start: string; end: string; amount: number };
  previous: { start: string; end: string; amount: number };
  /** (current − previous) / previous; null when last month had no spend. */
  change: number | null;
  meta: CostMeta;
}

export interface CostForecast {
  /** Spend forecast from today to month end. */
  remaining: { start: string; end: string; mean: number; lower: number; upper: number };
  /** Month-to-date actual + remaining forecast. */
  monthEndTotal: number;
  meta: CostMeta;
}

export interface CostAnomaly {
  id: string;
  start: string;
  end?: string;
  service?: string;
  region?: string;
  totalImpact: number;
  maxScore: number;
}

export interface CostAnomalies {
  anomalies: CostAnomaly[];
  meta: CostMeta;
}
