/**
 * Demo Cost Explorer: a believable bill per catalog service (by its cost-allocation tag value) or per AWS service,
 * seeded like the demo signals, with weekday dips, a forecast to month end and a weekly anomaly.
 */
import type { CatalogService } from '@opsdeck/contract';
import type { CostCapability, WithMeta } from '../capabilities';
import {
  addDays,
  dayStartMs,
  isoDay,
  monthToDateWindows,
  nextMonthStart,
  type CostAnomaly,
  type CostGrouping,
  type DailyCost,
  type DayRange,
} from '../costexplorer';
import { LONGEST_RANGE_DAYS } from '../../time/rangeLimits';
import { bucketSpan } from '../../time/steps';
import { keyHash, unitAt } from './random';

const DAY_MS = 86_400_000;
/** The longest cost range asked for, plus the month-to-date and anomaly look-backs. */
const MAX_DAYS = LONGEST_RANGE_DAYS + 62;

export const DEMO_AWS_SERVICES = [
  'Amazon Elastic Compute Cloud - Compute',
  'Amazon Relational Database Service',
  'Amazon ElastiCache',
  'AWS Lambda',
  'Elastic Load Balancing',
  'Amazon CloudWatch',
  'Amazon Simple Storage Service',
  'AWS Data Transfer',
  'Amazon DynamoDB',
  'Amazon Simple Queue Service',
];

export class DemoCost implements CostCapability {
  constructor(
    private readonly seed: number,
    private readonly services: readonly CatalogService[]
  ) {}

  async costByGroup(range: DayRange, grouping: CostGrouping, topN: number) {
    const totals = this.keys(grouping)
      .map((key) => ({ key, amount: sum(days(range).map((d) => this.spend(grouping, key, d))) }))
      .sort((a, b) => b.amount - a.amount || a.key.localeCompare(b.key));
    const groups = totals.slice(0, topN);
    const total = sum(totals.map((t) => t.amount));
    return { groups, other: total - sum(groups.map((g) => g.amount)), total, meta: {} };
  }

  async dailyTrend(range: DayRange, grouping: CostGrouping): Promise<WithMeta<DailyCost>> {
    const list = days(range);
    const byGroup = this.keys(grouping).map((key) => ({ key, values: list.map((d) => this.spend(grouping, key, d)) }));
    return {
      timestamps: list.map(dayStartMs),
      values: list.map((_, i) => sum(byGroup.map((g) => g.values[i]))),
      byGroup,
      meta: {},
    };
  }

  async monthToDate(grouping: CostGrouping, nowMs: number) {
    const { current, previous } = monthToDateWindows(nowMs);
    const amount = (r: DayRange) =>
      sum(this.keys(grouping).flatMap((k) => days(r).map((d) => this.spend(grouping, k, d))));
    const now = amount(current);
    const before = amount(previous);
    return {
      current: { ...current, amount: now },
      previous: { ...previous, amount: before },
      change: before === 0 ? null : (now - before) / before,
      meta: {},
    };
  }

  async forecast(grouping: CostGrouping, nowMs: number) {
    const remaining = { start: isoDay(nowMs), end: nextMonthStart(nowMs) };
    const keys = this.keys(grouping);
    const mean = sum(keys.flatMap((k) => days(remaining).map((d) => this.expected(k, d) * this.share(grouping, k))));
    const mtd = await this.monthToDate(grouping, nowMs);
    const today = sum(keys.map((k) => this.spend(grouping, k, remaining.start)));
    return {
      remaining: { ...remaining, mean, lower: mean * 0.9, upper: mean * 1.1 },
      monthEndTotal: mtd.current.amount - today + mean,
      meta: {},
    };
  }

  /** One anomaly per week, on a seeded day, never in the future. */
  async anomalies(range: DayRange, nowMs: number) {
    const today = isoDay(nowMs);
    const found: CostAnomaly[] = [];
    const weeks = { from: dayStartMs(range.start), to: dayStartMs(range.end) };
    const { first, last } = bucketSpan(weeks, 7 * DAY_MS, Math.ceil(MAX_DAYS / 7) + 1);
    for (let week = first; week <= last; week++) {
      const hash = keyHash(this.seed, 'anomaly', week);
      const start = isoDay((week * 7 + Math.floor(7 * unitAt(hash, 0))) * DAY_MS);
      if (start < range.start || start >= range.end || start > today) continue;
      const lasting = 1 + Math.floor(3 * unitAt(hash, 1));
      const end = addDays(start, lasting);
      found.push({
        id: `demo-anomaly-${week}`,
        start,
        end: end <= today ? end : undefined,
        service: DEMO_AWS_SERVICES[Math.floor(unitAt(hash, 2) * DEMO_AWS_SERVICES.length)],
        region: unitAt(hash, 3) < 0.6 ? 'eu-west-1' : 'us-east-1',
        totalImpact: Math.round(20 + 280 * unitAt(hash, 4)),
        maxScore: Math.round(40 + 60 * unitAt(hash, 5)),
      });
    }
    return { anomalies: found, meta: {} };
  }

  private keys(grouping: CostGrouping): string[] {
    if (grouping.by === 'service') return DEMO_AWS_SERVICES;
    const values = this.services.flatMap((s) =>
      s.costAllocationTag?.key === grouping.key ? [s.costAllocationTag.value] : []
    );
    // Spend without the tag ("key$" in Cost Explorer): shared infrastructure nobody tagged.
    return [...values, ''];
  }

  /** Typical daily spend of a group on a given day: tier-1 services and compute cost more; weekends a little less. */
  private expected(key: string, day: string): number {
    const level = 15 + 220 * unitAt(keyHash(this.seed, 'cost', key), 0) ** 2;
    const weekday = new Date(dayStartMs(day)).getUTCDay();
    return level * (weekday === 0 || weekday === 6 ? 0.85 : 1);
  }

  /** A group's spend on a day; with `awsService`, the seeded part of it that went to that AWS service. */
  private spend(grouping: CostGrouping, key: string, day: string): number {
    const share = this.share(grouping, key);
    return share === 1 ? this.daily(key, day) : Math.round(this.daily(key, day) * share * 100) / 100;
  }

  /** 10-40% of a tagged service's bill goes to any one AWS service it names, e.g. its RDS instance. */
  private share(grouping: CostGrouping, key: string): number {
    if (grouping.by !== 'tag' || !grouping.awsService) return 1;
    return 0.1 + 0.3 * unitAt(keyHash(this.seed, 'cost-share', key, grouping.awsService), 0);
  }

  private daily(key: string, day: string): number {
    const noise = 0.9 + 0.2 * unitAt(keyHash(this.seed, 'cost', key), dayStartMs(day) / DAY_MS);
    return Math.round(this.expected(key, day) * noise * 100) / 100;
  }
}

function days(range: DayRange): string[] {
  const { first, last } = bucketSpan({ from: dayStartMs(range.start), to: dayStartMs(range.end) }, DAY_MS, MAX_DAYS);
  const out: string[] = [];
  for (let day = first; day < last; day++) out.push(isoDay(day * DAY_MS));
  return out;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
