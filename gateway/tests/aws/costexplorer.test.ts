// Cost Explorer through the real @aws-sdk/client-cost-explorer against the JSON 1.1 fake.
import './fakeCredentials';
import { createAwsSources, type AwsSources } from '../../src/sources/aws/awsSources';
import { addDays, monthToDateWindows } from '../../src/sources/costexplorer';
import { defaultDailyCost } from '../fakes/aws';
import { SimulatedClock, startAwsFakes, type AwsFakes } from './harness';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 27, 15, 0, 0);
jest.setTimeout(30_000);

let clock: SimulatedClock;
let fakes: AwsFakes;
let aws: AwsSources;

const tagValues = ['checkout-api', 'payments-worker', 'inventory-api', 'search-api', 'identity-api'];

beforeAll(async () => {
  clock = new SimulatedClock(T0);
  fakes = await startAwsFakes(clock);
  fakes.costExplorer.tagValues.service = tagValues;
});
afterAll(async () => {
  await aws.close();
  await fakes.stop();
});
beforeEach(async () => {
  clock.nowMs = T0;
  if (aws) await aws.close();
  aws = createAwsSources(fakes.config, { clock, sleep: async () => undefined, random: () => 0.5 });
  fakes.costExplorer.heal();
  fakes.costExplorer.resetCounters();
  fakes.costExplorer.pageDays = 366;
});

function daysIn(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d < end; d = addDays(d, 1)) out.push(d);
  return out;
}
const costOf = (key: string, start: string, end: string) =>
  daysIn(start, end).reduce((s, d) => s + defaultDailyCost(key, d), 0);

describe('cost per service', () => {
  it('groups by the catalog cost-allocation tag, top N with "other"', async () => {
    const range = { start: '2026-11-01', end: '2026-11-28' };
    const breakdown = await aws.cost.costByGroup(range, { by: 'tag', key: 'service' }, 3);
    const all = [...tagValues, '']
      .map((v) => ({ key: v, amount: costOf(`service$${v}`, range.start, range.end) }))
      .sort((a, b) => b.amount - a.amount);
    expect(breakdown.groups.map((g) => g.key)).toEqual(all.slice(0, 3).map((g) => g.key));
    breakdown.groups.forEach((g, i) => expect(g.amount).toBeCloseTo(all[i].amount, 6));
    expect(breakdown.other).toBeCloseTo(
      all.slice(3).reduce((s, g) => s + g.amount, 0),
      6
    );
    expect(breakdown.total).toBeCloseTo(
      all.reduce((s, g) => s + g.amount, 0),
      6
    );
    expect(breakdown.meta).toMatchObject({ source: 'costexplorer', fromCache: false });
  });

  it('groups by AWS SERVICE when no tag is configured', async () => {
    const range = { start: '2026-11-20', end: '2026-11-27' };
    const breakdown = await aws.cost.costByGroup(range, { by: 'service' });
    expect(breakdown.groups.map((g) => g.key).sort()).toEqual([...fakes.costExplorer.services].sort());
    for (const g of breakdown.groups) expect(g.amount).toBeCloseTo(costOf(g.key, range.start, range.end), 6);
  });

  it('follows NextPageToken and bills every page', async () => {
    fakes.costExplorer.pageDays = 5;
    const trend = await aws.cost.dailyTrend({ start: '2026-10-01', end: '2026-11-01' }, { by: 'service' });
    expect(trend.timestamps).toHaveLength(31);
    expect(trend.timestamps[0]).toBe(Date.UTC(2026, 9, 1));
    const day = '2026-10-17';
    expect(trend.values[16]).toBeCloseTo(
      fakes.costExplorer.services.reduce((s, k) => s + defaultDailyCost(k, day), 0),
      6
    );
    expect(fakes.costExplorer.callsTo('GetCostAndUsage')).toBe(7);
    expect(aws.accounting.get('costexplorer')).toMatchObject({ calls: 1, pages: 7 });
    expect(aws.accounting.get('costexplorer').estimatedUsd).toBeCloseTo(0.07, 10);
  });
});

describe('month to date, forecast, anomalies', () => {
  it('compares month to date with the same days of last month in one request', async () => {
    const mtd = await aws.cost.monthToDate({ by: 'service' });
    const { current, previous } = monthToDateWindows(T0);
    const total = (r: { start: string; end: string }) =>
      fakes.costExplorer.services.reduce((s, k) => s + costOf(k, r.start, r.end), 0);
    expect(mtd.current).toMatchObject({ start: '2026-11-01', end: '2026-11-28' });
    expect(mtd.current.amount).toBeCloseTo(total(current), 6);
    expect(mtd.previous.amount).toBeCloseTo(total(previous), 6);
    expect(mtd.change).toBeCloseTo((total(current) - total(previous)) / total(previous), 9);
    expect(fakes.costExplorer.callsTo('GetCostAndUsage')).toBe(1);
  });

  it('forecasts month end = actuals before today + forecast from today', async () => {
    const f = await aws.cost.forecast({ by: 'service' });
    const perDay = (d: string) => fakes.costExplorer.forecastPerDay(d);
    const remaining = daysIn('2026-11-27', '2026-12-01').reduce((s, d) => s + perDay(d), 0);
    const before = daysIn('2026-11-01', '2026-11-27').reduce((s, d) => s + perDay(d), 0);
    expect(f.remaining).toMatchObject({ start: '2026-11-27', end: '2026-12-01' });
    expect(f.remaining.mean).toBeCloseTo(remaining, 6);
    expect(f.monthEndTotal).toBeCloseTo(before + remaining, 6);
  });

  it('lists anomalies across pages', async () => {
    fakes.costExplorer.anomalies = Array.from({ length: 5 }, (_, i) => ({
      id: `a${i}`,
      start: `2026-11-0${i + 1}`,
      service: 'Amazon Elastic Compute Cloud - Compute',
      region: 'eu-west-1',
      totalImpact: 10 * (i + 1),
      maxScore: 0.5,
    }));
    fakes.costExplorer.anomalyPageSize = 2;
    const result = await aws.cost.anomalies({ start: '2026-11-02', end: '2026-11-30' });
    expect(result.anomalies.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(result.anomalies[0]).toMatchObject({
      service: 'Amazon Elastic Compute Cloud - Compute',
      region: 'eu-west-1',
      totalImpact: 20,
    });
    expect(fakes.costExplorer.callsTo('GetAnomalies')).toBe(2);
  });
});

describe('cost caching and faults', () => {
  it('answers a second request within hours from cache: 0 upstream calls', async () => {
    const range = { start: '2026-11-01', end: '2026-11-28' };
    await aws.cost.costByGroup(range, { by: 'tag', key: 'service' });
    clock.advance(3 * HOUR);
    const again = await aws.cost.costByGroup(range, { by: 'tag', key: 'service' });
    const trend = await aws.cost.dailyTrend(range, { by: 'tag', key: 'service' });
    expect(again.meta).toMatchObject({ fromCache: true, fetchedAtMs: T0 });
    expect(trend.meta.fromCache).toBe(true);
    expect(fakes.costExplorer.calls).toHaveLength(1);
    clock.advance(3 * HOUR + 1);
    await aws.cost.costByGroup(range, { by: 'tag', key: 'service' });
    expect(fakes.costExplorer.calls).toHaveLength(2);
  });

  it('retries LimitExceededException and serves stale figures with a notice in an outage', async () => {
    const range = { start: '2026-11-01', end: '2026-11-10' };
    fakes.costExplorer.throttleNext(2);
    const first = await aws.cost.costByGroup(range, { by: 'service' });
    expect(fakes.costExplorer.calls.map((c) => c.status)).toEqual([400, 400, 200]);
    expect(aws.accounting.get('costexplorer')).toMatchObject({ retries: 2, pages: 1 });
    clock.advance(7 * HOUR);
    fakes.costExplorer.failNext(Number.POSITIVE_INFINITY);
    const stale = await aws.cost.costByGroup(range, { by: 'service' });
    expect(stale.total).toBe(first.total);
    expect(stale.meta.stale).toEqual({ since: T0, reason: expect.stringContaining('ServiceUnavailable') });
  });
});
