/**
 * Cost per service, daily trend, month-to-date vs last month, forecast and anomalies from Cost Explorer. Every
 * request costs $0.01 (each page counts) and billing data changes at most ~3 times a day, so every answer is
 * cached for hours (configurable) and served stale, with a notice, when Cost Explorer fails.
 */
import {
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  type CostExplorerClient,
  type GetCostAndUsageCommandOutput,
  type GroupDefinition,
} from '@aws-sdk/client-cost-explorer';
import { describeAwsError, fetchAllPages, type GuardDeps } from '../aws';
import { COST_EXPLORER_REGION } from '../aws/clients';
import { CachedCall, systemClock, type CachedAnswer, type Clock, type SharedFlight } from '../../upstream';
import { addDays, dayStartMs, isoDay, monthToDateWindows, nextMonthStart, type DayRange } from './dates';
import type {
  CostAnomalies,
  CostBreakdown,
  CostForecast,
  CostGrouping,
  CostMeta,
  DailyCost,
  MonthToDate,
} from './types';

export const COST_EXPLORER_SOURCE = 'costexplorer';
const METRIC = 'UnblendedCost';

export interface CostExplorerSourceOptions extends GuardDeps {
  clients: { costExplorer(account: string): CostExplorerClient };
  /** The account whose Cost Explorer is read (the payer account sees the whole organisation). */
  account: string;
  cacheMs: number;
  clock?: Clock;
  /** Shares answers with the other replicas (Redis); its namespace must name the account. */
  shared?: SharedFlight;
}

/** Per-day amounts per group key, as read from GetCostAndUsage pages. */
interface DailyGroups {
  days: string[];
  byGroup: Map<string, Map<string, number>>;
}

export class CostExplorerSource {
  private readonly clock: Clock;
  private readonly cached: CachedCall<unknown>;

  constructor(private readonly options: CostExplorerSourceOptions) {
    this.clock = options.clock ?? systemClock;
    this.cached = new CachedCall(() => this.clock.now(), describeAwsError, options.shared);
  }

  /** Spend per group over [start, end), biggest first; the tail beyond `topN` is summed into `other`. */
  async costByGroup(range: DayRange, grouping: CostGrouping, topN = 10): Promise<CostBreakdown> {
    const answer = await this.dailyGroups(range, grouping);
    const totals = [...answer.value.byGroup].map(([key, perDay]) => ({ key, amount: sum([...perDay.values()]) }));
    totals.sort((a, b) => b.amount - a.amount || a.key.localeCompare(b.key));
    const groups = totals.slice(0, topN);
    const total = sum(totals.map((g) => g.amount));
    return { groups, other: total - sum(groups.map((g) => g.amount)), total, meta: meta(answer) };
  }

  async dailyTrend(range: DayRange, grouping: CostGrouping): Promise<DailyCost> {
    const answer = await this.dailyGroups(range, grouping);
    const { days, byGroup } = answer.value;
    const series = [...byGroup].map(([key, perDay]) => ({ key, values: days.map((d) => perDay.get(d) ?? 0) }));
    return {
      timestamps: days.map(dayStartMs),
      values: days.map((_, i) => sum(series.map((s) => s.values[i]))),
      byGroup: series,
      meta: meta(answer),
    };
  }

  async monthToDate(grouping: CostGrouping): Promise<MonthToDate> {
    const { current, previous } = monthToDateWindows(this.clock.now());
    const answer = await this.dailyGroups(monthToDateSpan(this.clock.now()), grouping);
    const amountIn = (r: DayRange) =>
      sum(
        [...answer.value.byGroup.values()].flatMap((perDay) =>
          [...perDay].filter(([d]) => d >= r.start && d < r.end).map(([, v]) => v)
        )
      );
    const now = amountIn(current);
    const before = amountIn(previous);
    return {
      current: { ...current, amount: now },
      previous: { ...previous, amount: before },
      change: before === 0 ? null : (now - before) / before,
      meta: meta(answer),
    };
  }

  async forecast(grouping: CostGrouping): Promise<CostForecast> {
    const nowMs = this.clock.now();
    const remaining = { start: isoDay(nowMs), end: nextMonthStart(nowMs) };
    const [mtd, daily, answer] = await Promise.all([
      this.monthToDate(grouping),
      this.dailyGroups(monthToDateSpan(nowMs), grouping),
      this.cached.get(`forecast|${remaining.start}|${remaining.end}`, this.expiry, async () => {
        const [page] = await fetchAllPages(
          this.options,
          this.label('GetCostForecast'),
          () =>
            this.client().send(
              new GetCostForecastCommand({
                TimePeriod: { Start: remaining.start, End: remaining.end },
                Metric: 'UNBLENDED_COST',
                Granularity: 'MONTHLY',
              })
            ),
          () => undefined
        );
        const r = page.ForecastResultsByTime?.[0];
        return {
          mean: Number(page.Total?.Amount ?? r?.MeanValue ?? 0),
          lower: Number(r?.PredictionIntervalLowerBound ?? page.Total?.Amount ?? 0),
          upper: Number(r?.PredictionIntervalUpperBound ?? page.Total?.Amount ?? 0),
        };
      }),
    ]);
    const f = answer.value as { mean: number; lower: number; upper: number };
    // Today's spend is in both the month-to-date actuals and the forecast window; count it once.
    const today = isoDay(nowMs);
    const todayActual = sum([...daily.value.byGroup.values()].map((perDay) => perDay.get(today) ?? 0));
    return {
      remaining: { ...remaining, ...f },
      monthEndTotal: mtd.current.amount - todayActual + f.mean,
      meta: meta(answer),
    };
  }

  async anomalies(range: DayRange): Promise<CostAnomalies> {
    const answer = await this.cached.get(`anomalies|${range.start}|${range.end}`, this.expiry, async () => {
      const pages = await fetchAllPages(
        this.options,
        this.label('GetAnomalies'),
        (token) =>
          this.client().send(
            new GetAnomaliesCommand({
              DateInterval: { StartDate: range.start, EndDate: range.end },
              NextPageToken: token,
            })
          ),
        (page) => page.NextPageToken
      );
      return pages.flatMap((p) =>
        (p.Anomalies ?? []).map((a) => ({
          id: a.AnomalyId ?? '',
          start: a.AnomalyStartDate ?? '',
          end: a.AnomalyEndDate,
          service: a.RootCauses?.[0]?.Service ?? a.DimensionValue,
          region: a.RootCauses?.[0]?.Region,
          totalImpact: a.Impact?.TotalImpact ?? 0,
          maxScore: a.AnomalyScore?.MaxScore ?? 0,
        }))
      );
    });
    return { anomalies: answer.value as CostAnomalies['anomalies'], meta: meta(answer) };
  }

  private dailyGroups(range: DayRange, grouping: CostGrouping): Promise<CachedAnswer<DailyGroups>> {
    const groupBy: GroupDefinition =
      grouping.by === 'tag' ? { Type: 'TAG', Key: grouping.key } : { Type: 'DIMENSION', Key: 'SERVICE' };
    const only = grouping.by === 'tag' ? grouping.awsService : undefined;
    const key = `daily|${range.start}|${range.end}|${groupBy.Type}|${groupBy.Key}|${only ?? ''}`;
    return this.cached.get(key, this.expiry, async () => {
      const pages = await fetchAllPages<GetCostAndUsageCommandOutput>(
        this.options,
        this.label('GetCostAndUsage'),
        (token) =>
          this.client().send(
            new GetCostAndUsageCommand({
              TimePeriod: { Start: range.start, End: range.end },
              Granularity: 'DAILY',
              Metrics: [METRIC],
              GroupBy: [groupBy],
              ...(only ? { Filter: { Dimensions: { Key: 'SERVICE', Values: [only] } } } : {}),
              NextPageToken: token,
            })
          ),
        (page) => page.NextPageToken
      );
      return toDailyGroups(pages, range, grouping);
    }) as Promise<CachedAnswer<DailyGroups>>;
  }

  private readonly expiry = (nowMs: number) => nowMs + this.options.cacheMs;

  private client(): CostExplorerClient {
    return this.options.clients.costExplorer(this.options.account);
  }

  private label(operation: string) {
    return {
      source: COST_EXPLORER_SOURCE,
      breakerKey: `${this.options.account}/${COST_EXPLORER_REGION}/${operation}`,
      pricing: 'per-request' as const,
    };
  }
}

/** One request covering both month-to-date windows instead of two (each request costs $0.01). */
function monthToDateSpan(nowMs: number): DayRange {
  const { current, previous } = monthToDateWindows(nowMs);
  return { start: previous.start, end: current.end };
}

function toDailyGroups(pages: GetCostAndUsageCommandOutput[], range: DayRange, grouping: CostGrouping): DailyGroups {
  const days: string[] = [];
  for (let d = range.start; d < range.end; d = addDays(d, 1)) days.push(d);
  const byGroup = new Map<string, Map<string, number>>();
  for (const result of pages.flatMap((p) => p.ResultsByTime ?? [])) {
    const day = result.TimePeriod?.Start ?? '';
    for (const group of result.Groups ?? []) {
      const raw = group.Keys?.[0] ?? '';
      // Tag groups come back as "key$value"; "key$" is spend without the tag.
      const key = grouping.by === 'tag' ? raw.slice(raw.indexOf('$') + 1) : raw;
      const perDay = byGroup.get(key) ?? new Map<string, number>();
      perDay.set(day, (perDay.get(day) ?? 0) + Number(group.Metrics?.[METRIC]?.Amount ?? 0));
      byGroup.set(key, perDay);
    }
  }
  return { days, byGroup };
}

function meta(answer: CachedAnswer<unknown>): CostMeta {
  return {
    source: 'costexplorer',
    fromCache: answer.fromCache,
    fetchedAtMs: answer.fetchedAtMs,
    ...(answer.stale ? { stale: answer.stale } : {}),
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
