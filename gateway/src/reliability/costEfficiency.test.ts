import type { CatalogService, ServiceSlo } from '@opsdeck/contract';
import {
  byWorstEfficiency,
  costWindow,
  costWindowDays,
  idleHint,
  idlest,
  p95,
  previousCountsRange,
  serviceCostEfficiency,
} from './costEfficiency';

const service = { name: 'ledger', team: 'payments' } as CatalogService;
const slo = (total: number, good: number, spent: number | null) =>
  ({
    objectives: [
      { id: 'availability', sli: { kind: 'availability' }, windowDays: 30, total, good, errorBudget: { spent } },
    ],
  }) as unknown as ServiceSlo;
const days = { start: '2026-11-04', end: '2026-12-05' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('cost efficiency', () => {
  it('divides the cost by the requests and good requests, and by the budget points spent', () => {
    expect(serviceCostEfficiency(service, slo(2_000_000, 1_990_000, 0.4), 300, days)).toMatchObject({
      costPer1kRequests: 0.15,
      costPer1kGoodRequests: (300 / 1_990_000) * 1000,
      costPerBudgetPoint: 7.5,
      windowDays: 30,
      previous: null,
      trend: { efficiency: null },
      idle: [],
    });
    // No traffic, no tag, no budget spent: no figure rather than a division by zero.
    expect(serviceCostEfficiency(service, slo(0, 0, null), 300, days)).toMatchObject({
      costPer1kRequests: null,
      costPerBudgetPoint: null,
    });
    expect(serviceCostEfficiency(service, undefined, null, days)).toMatchObject({ objective: null, cost: null });
  });

  it('compares the window with the one before it', () => {
    const before = costWindow({ start: '2026-10-05', end: '2026-11-04' }, 280, { good: 1_590_000, total: 1_600_000 });
    expect(before).toEqual({
      days: { start: '2026-10-05', end: '2026-11-04' },
      cost: 280,
      requests: 1_600_000,
      goodRequests: 1_590_000,
      costPer1kRequests: 0.175,
      costPer1kGoodRequests: (280 / 1_590_000) * 1000,
    });
    // 1.6M → 2.0M requests (+25%) for $280 → $300: $0.175 → $0.15 per 1k, 14% cheaper per request.
    const row = serviceCostEfficiency(service, slo(2_000_000, 1_990_000, 0.4), 300, days, before);
    expect(row.previous).toBe(before);
    expect(row.trend.requestsChange).toBeCloseTo(0.25, 12);
    expect(row.trend.costPer1kRequestsChange).toBeCloseTo(0.15 / 0.175 - 1, 12);
    expect(row.trend.efficiency).toBe('better');
  });

  it('puts the previous window just before the current one, as long as its SLI window', () => {
    const now = Date.UTC(2026, 11, 4, 15, 42, 30);
    expect(costWindowDays(now, 30)).toEqual({
      current: { start: '2026-11-04', end: '2026-12-05' },
      previous: { start: '2026-10-05', end: '2026-11-04' },
    });
    expect(costWindowDays(now, 7).previous).toEqual({ start: '2026-11-20', end: '2026-11-27' });
    // Whole hours, the first one after now − 2w up to the first one after now − w (where the SLO window's start).
    const counts = previousCountsRange(now, 30);
    expect(counts).toEqual({
      from: Date.UTC(2026, 9, 5, 16),
      to: Date.UTC(2026, 10, 4, 16),
      bucketMs: HOUR,
    });
    expect((counts.to - counts.from) / DAY).toBe(30);
  });

  it('orders the costliest per good request first and those without a figure last', () => {
    const rows = [
      { ...serviceCostEfficiency({ ...service, name: 'a' }, slo(1000, 1000, 0), 1, days) },
      { ...serviceCostEfficiency({ ...service, name: 'b' }, undefined, null, days) },
      { ...serviceCostEfficiency({ ...service, name: 'c' }, slo(1000, 1000, 0), 5, days) },
    ].sort(byWorstEfficiency);
    expect(rows.map((r) => r.service)).toEqual(['c', 'a', 'b']);
  });

  it('hints at an Auto Scaling group or RDS instance whose p95 CPU stayed under 20% for the week', () => {
    const quiet = Array.from({ length: 168 }, (_, h) => (h % 24 === 12 ? 35 : 8));
    // 7 of 168 hours at 35%: 4.2%, under the 5% tail p95 ignores.
    expect(p95(quiet)).toBe(8);
    expect(idleHint('asg', 'ledger-asg', quiet, 120, 'service')).toEqual({
      resource: 'asg',
      name: 'ledger-asg',
      cpuP95: 8,
      days: 7,
      monthlyCost: 120,
      costScope: 'service',
    });
    const busy = quiet.map((v, h) => (h % 12 === 0 ? 40 : v));
    expect(idleHint('asg', 'ledger-asg', busy, 120, 'service')).toBeUndefined();
    expect(idleHint('rds', 'ledger-db', [null, null], 40, 'resource')).toBeUndefined();
    const db = idleHint(
      'rds',
      'ledger-db',
      quiet.map((v) => v / 2),
      40,
      'resource'
    )!;
    expect(db).toMatchObject({ resource: 'rds', cpuP95: 4, costScope: 'resource' });
    // The table's single cell shows the idlest.
    expect(idlest([idleHint('asg', 'ledger-asg', quiet, 120, 'service')!, db])).toBe(db);
    expect(idlest([])).toBeUndefined();
  });
});
