import type { CatalogService, ServiceSlo } from '@opsdeck/contract';
import { byWorstEfficiency, idleHint, p95, serviceCostEfficiency } from './costEfficiency';

const service = { name: 'ledger', team: 'payments' } as CatalogService;
const slo = (total: number, good: number, spent: number | null) =>
  ({
    objectives: [
      { id: 'availability', sli: { kind: 'availability' }, windowDays: 30, total, good, errorBudget: { spent } },
    ],
  }) as unknown as ServiceSlo;
const days = { start: '2026-11-04', end: '2026-12-05' };

describe('cost efficiency', () => {
  it('divides the cost by the requests and good requests, and by the budget points spent', () => {
    expect(serviceCostEfficiency(service, slo(2_000_000, 1_990_000, 0.4), 300, days)).toMatchObject({
      costPer1kRequests: 0.15,
      costPer1kGoodRequests: (300 / 1_990_000) * 1000,
      costPerBudgetPoint: 7.5,
      windowDays: 30,
    });
    // No traffic, no tag, no budget spent: no figure rather than a division by zero.
    expect(serviceCostEfficiency(service, slo(0, 0, null), 300, days)).toMatchObject({
      costPer1kRequests: null,
      costPerBudgetPoint: null,
    });
    expect(serviceCostEfficiency(service, undefined, null, days)).toMatchObject({ objective: null, cost: null });
  });

  it('orders the costliest per good request first and those without a figure last', () => {
    const rows = [
      { ...serviceCostEfficiency({ ...service, name: 'a' }, slo(1000, 1000, 0), 1, days) },
      { ...serviceCostEfficiency({ ...service, name: 'b' }, undefined, null, days) },
      { ...serviceCostEfficiency({ ...service, name: 'c' }, slo(1000, 1000, 0), 5, days) },
    ].sort(byWorstEfficiency);
    expect(rows.map((r) => r.service)).toEqual(['c', 'a', 'b']);
  });

  it('hints at an Auto Scaling group whose p95 CPU stayed under 20% for the week', () => {
    const quiet = Array.from({ length: 168 }, (_, h) => (h % 24 === 12 ? 35 : 8));
    // 7 of 168 hours at 35%: 4.2%, under the 5% tail p95 ignores.
    expect(p95(quiet)).toBe(8);
    expect(idleHint('ledger-asg', quiet, 120)).toEqual({
      resource: 'asg',
      name: 'ledger-asg',
      cpuP95: 8,
      days: 7,
      monthlyCost: 120,
    });
    const busy = quiet.map((v, h) => (h % 12 === 0 ? 40 : v));
    expect(idleHint('ledger-asg', busy, 120)).toBeUndefined();
    expect(idleHint('ledger-asg', [null, null], 120)).toBeUndefined();
  });
});
