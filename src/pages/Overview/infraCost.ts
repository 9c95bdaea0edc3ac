import { type DataFrame, type Field } from '@grafana/data';
import { isDemoFrame } from '@/api';
import { type OpsdeckQuery, type QueryRequest, type QueryResponse } from '@opsdeck/contract';
import { frameNotices, type FleetNotice } from './frameNotices';

/** CPU above this (percent) counts a service as running hot. */
export const HOT_CPU_PERCENT = 80;
/** Infrastructure figures are "as of now": the last point of a short window is enough and keeps the query cheap. */
const INFRA_WINDOW_MS = 15 * 60 * 1000;

const COST_QUERIES: OpsdeckQuery[] = [
  { refId: 'month_to_date', queryType: 'cost', costView: 'month_to_date' },
  { refId: 'forecast', queryType: 'cost', costView: 'forecast' },
  { refId: 'top_service', queryType: 'cost', costView: 'by_service', topN: 1 },
  { refId: 'upstream_spend', queryType: 'upstream_spend' },
];
const INFRA_QUERIES: OpsdeckQuery[] = [
  { refId: 'cpu', queryType: 'infrastructure', resource: 'ec2', infraMetric: 'cpu' },
  { refId: 'asg', queryType: 'infrastructure', resource: 'asg', infraMetric: 'capacity' },
];

/**
 * Two requests because they need different ranges: cost from the first of the month (the top service is the top
 * service this month), infrastructure over the last minutes.
 */
export function infraCostRequests(now: number): { cost: QueryRequest; infra: QueryRequest } {
  const monthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
  return {
    cost: { range: { from: monthStart, to: now }, queries: COST_QUERIES },
    infra: { range: { from: now - INFRA_WINDOW_MS, to: now }, queries: INFRA_QUERIES },
  };
}

export interface InfraCost {
  monthToDate: number | null;
  sameDaysLastMonth: number | null;
  /** Fraction (0.1 = +10 %), null when last month had no spend. */
  change: number | null;
  forecastMonthEnd: number | null;
  topService: { name: string; amount: number } | null;
  /** Opsdeck's own upstream API spend per day, summed over its sources; null when no source counts it. */
  upstreamUsdPerDay: number | null;
  hotCpuServices: string[];
  /** Services whose Auto Scaling group has fewer instances in service than desired. */
  asgShortServices: string[];
  demo: boolean;
  notices: FleetNotice[];
}

type Frames = Record<string, DataFrame[]>;

function field(frame: DataFrame | undefined, name: string): Field | undefined {
  return frame?.fields.find((f) => f.name === name);
}

function numberAt(f: Field | undefined, row: number): number | null {
  const value = f?.values[row];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Index of the last row where every given field has a number: "now" for a time series. */
function lastCompleteRow(fields: Array<Field | undefined>): number {
  const length = fields[0]?.values.length ?? 0;
  for (let i = length - 1; i >= 0; i--) {
    if (fields.every((f) => numberAt(f, i) !== null)) {
      return i;
    }
  }
  return -1;
}

function topService(frames: DataFrame[]): InfraCost['topService'] {
  const frame = frames[0];
  const groups = field(frame, 'group');
  const amounts = field(frame, 'amount');
  let top: InfraCost['topService'] = null;
  for (let i = 0; i < (groups?.values.length ?? 0); i++) {
    const name = String(groups?.values[i] ?? '');
    const amount = numberAt(amounts, i);
    // "other" is the rest of the bill, not a service.
    if (name !== 'other' && amount !== null && (!top || amount > top.amount)) {
      top = { name, amount };
    }
  }
  return top;
}

function upstreamPerDay(frames: DataFrame[]): number | null {
  const values = frames.flatMap((frame) => {
    const perDay = field(frame, 'usd_per_day');
    return (perDay?.values ?? []).map((_, i) => numberAt(perDay, i)).filter((v): v is number => v !== null);
  });
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
}

function servicesWhere(frames: DataFrame[], columns: string[], test: (values: number[]) => boolean): string[] {
  const hits = frames.filter((frame) => {
    const fields = columns.map((c) => field(frame, c));
    const row = lastCompleteRow(fields);
    return row >= 0 && test(fields.map((f) => numberAt(f, row) as number));
  });
  return hits.map((f) => f.name ?? '').sort();
}

function noticesOf(frames: DataFrame[]): FleetNotice[] {
  const notices = frameNotices(frames, (frame) => frame.name ?? 'A figure');
  // Per-service frames repeat the same notice (e.g. "agent not installed"): say it once.
  return notices.filter((n, i) => notices.findIndex((m) => m.text === n.text && m.severity === n.severity) === i);
}

export function readInfraCost(frames: Frames): InfraCost {
  const of = (refId: string) => frames[refId] ?? [];
  const mtd = of('month_to_date')[0];
  const all = Object.values(frames).flat();
  return {
    monthToDate: numberAt(field(mtd, 'month_to_date'), 0),
    sameDaysLastMonth: numberAt(field(mtd, 'same_days_last_month'), 0),
    change: numberAt(field(mtd, 'change'), 0),
    forecastMonthEnd: numberAt(field(of('forecast')[0], 'month_end_total'), 0),
    topService: topService(of('top_service')),
    upstreamUsdPerDay: upstreamPerDay(of('upstream_spend')),
    hotCpuServices: servicesWhere(of('cpu'), ['value'], ([cpu]) => cpu > HOT_CPU_PERCENT),
    asgShortServices: servicesWhere(
      of('asg'),
      ['in_service', 'desired'],
      ([inService, desired]) => inService < desired
    ),
    demo: all.some(isDemoFrame),
    notices: noticesOf(all),
  };
}

/** Frames per refId of one or more answers; a per-refId error becomes a message naming the figure. */
export function framesOf(
  answers: QueryResponse[],
  toFrame: (json: NonNullable<QueryResponse['results'][string]['frames']>[number]) => DataFrame
) {
  const frames: Frames = {};
  const errors: string[] = [];
  for (const answer of answers) {
    for (const [refId, result] of Object.entries(answer.results)) {
      if (result.error) {
        errors.push(`${refId.replace(/_/g, ' ')}: ${result.error}`);
      }
      frames[refId] = (result.frames ?? []).map(toFrame);
    }
  }
  return { frames, errors };
}
