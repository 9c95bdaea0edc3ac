/** Gateway answers of GET /api/reports/sre for unit tests. */
import { type FatigueFigures, type RuleFatigue, type SreReport } from '@opsdeck/contract';
import { minutes, reliabilityRow } from '@/pages/Reliability/reliabilityFixture';

const DAY = 86_400_000;
/** Midnight UTC, Thursday 2026-12-03: the week is 2026-11-26 to 2026-12-02. */
export const REPORT_TODAY = Date.UTC(2026, 11, 3);

function fatigue(score: number, overrides: Partial<FatigueFigures> = {}): FatigueFigures {
  return {
    alerts: 10,
    interruptions: 8,
    interruptionsByHours: { business: 4, off: 2, sleep: 2 },
    alertsPerWeek: 10,
    interruptionsPerWeek: 8,
    neverAcknowledged: 0.25,
    autoResolved: 0.1,
    flapping: 0,
    duplicates: 0,
    score: { score, components: [] },
    ...overrides,
  };
}

function rule(name: string, team: string, figures: FatigueFigures): RuleFatigue {
  return { rule: { kind: 'alertname', name }, team, services: [], receivers: [], figures };
}

export function sreReportFixture(overrides: Partial<SreReport> = {}): SreReport {
  return {
    period: 'week',
    range: { from: REPORT_TODAY - 7 * DAY, to: REPORT_TODAY },
    previousRange: { from: REPORT_TODAY - 14 * DAY, to: REPORT_TODAY - 7 * DAY },
    generatedAt: REPORT_TODAY + 9 * 3_600_000 + 30 * 60_000,
    demo: true,
    slo: [
      {
        service: 'checkout-api',
        objective: 'availability',
        target: 0.999,
        attainment: 0.99875,
        budgetRemaining: -0.25,
        windowDays: 30,
        period: { attainment: 0.998, met: false, burnRate: 2, budgetSpent: 0.4667 },
        previousPeriod: { attainment: 0.9995, met: true, burnRate: 0.5, budgetSpent: 0.1167 },
      },
      {
        service: 'search-api',
        objective: 'latency',
        target: 0.99,
        attainment: 0.9951,
        budgetRemaining: 0.51,
        windowDays: 28,
        period: { attainment: 0.9951, met: true, burnRate: 0.49, budgetSpent: 0.1225 },
        previousPeriod: { attainment: 0.9949, met: true, burnRate: 0.51, budgetSpent: 0.1275 },
      },
      {
        service: 'batch-jobs',
        objective: 'availability',
        target: 0.95,
        attainment: null,
        budgetRemaining: null,
        windowDays: 30,
        period: { attainment: null, met: null, burnRate: null, budgetSpent: null },
        previousPeriod: { attainment: null, met: null, burnRate: null, budgetSpent: null },
      },
    ],
    incidents: {
      current: { incidents: 9, inMaintenance: 1, mtta: minutes(5, 8), mttr: minutes(90, 8), mtbf: minutes(4000, 5) },
      previous: { incidents: 6, inMaintenance: 0, mtta: minutes(6, 6), mttr: minutes(60, 6), mtbf: minutes(2000, 4) },
      byService: [
        reliabilityRow('checkout-api', { incidents: 6, mtta: minutes(6), mttr: minutes(120), mtbf: minutes(3000) }),
        reliabilityRow('search-api', { incidents: 3, mtta: minutes(3), mttr: minutes(30) }),
      ],
    },
    noisiestRules: [
      rule('CheckoutErrorBudgetBurn', 'payments', fatigue(72, { alerts: 41, neverAcknowledged: 0.4 })),
      rule('=cmd|calc', 'search', fatigue(35, { alerts: 7, interruptionsByHours: { business: 7, off: 0, sleep: 0 } })),
    ],
    deploys: {
      current: {
        deployments: 21,
        deploymentsPerDay: 3,
        leadTimeMs: 5_400_000,
        changeFailureRate: 0.0476,
        recoveryTimeMs: 1_800_000,
      },
      previous: { deployments: 14, deploymentsPerDay: 2, leadTimeMs: 7_200_000, changeFailureRate: 0.0714 },
    },
    cost: {
      total: 12_345.67,
      previousTotal: 11_000,
      byService: [
        { service: 'checkout-api', cost: 8_200.5, previousCost: 8_000, costPer1kRequests: 0.0123 },
        { service: 'search-api', cost: 4_145.17, previousCost: 3_000, costPer1kRequests: null },
        { service: 'batch-jobs', cost: null, previousCost: null, costPer1kRequests: null },
      ],
    },
    notices: ['Cost Explorer data lags by up to 24 hours.'],
    ...overrides,
  };
}

/** A report of a team with nothing in it: no objectives, incidents, rules, deploys or cost. */
export function emptyReportFixture(team = 'quiet'): SreReport {
  const none = { incidents: 0, inMaintenance: 0 };
  return sreReportFixture({
    team,
    demo: false,
    slo: [],
    incidents: { current: none, previous: none, byService: [] },
    noisiestRules: [],
    deploys: { current: { deployments: 0, deploymentsPerDay: 0 }, previous: { deployments: 0, deploymentsPerDay: 0 } },
    cost: { total: null, previousTotal: null, byService: [] },
    notices: [],
  });
}
