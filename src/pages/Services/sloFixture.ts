import {
  type CatalogService,
  type DataFrameJSON,
  type HealthScore,
  type ServiceSlo,
  type SloObjectiveFigures,
  type SloResponse,
} from '@opsdeck/contract';

/** Fixtures for the Services and Service pages' unit tests, shaped as GET /api/slo and /api/services answer. */
export const SLO_NOW = Date.UTC(2026, 11, 3, 12);

export function objectiveFixture(
  overrides: Partial<SloObjectiveFigures> & { remaining: number | null; burn1h?: number | null }
): SloObjectiveFigures {
  const { remaining, burn1h = 0.5, ...rest } = overrides;
  return {
    id: 'availability',
    sli: { kind: 'availability' },
    target: 0.999,
    windowDays: 30,
    attainment: remaining === null ? null : 1 - 0.001 * (1 - remaining),
    errorBudget: { total: 0.001, spent: remaining === null ? null : 1 - remaining, remaining },
    burnRates: { '5m': 0.4, '30m': 0.5, '1h': burn1h, '2h': 0.5, '6h': 0.6, '1d': 0.7, '3d': 0.8 },
    alerts: [
      {
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        threshold: 14.4,
        longBurnRate: burn1h,
        shortBurnRate: 0.4,
        firing: false,
      },
      {
        severity: 'ticket',
        longWindow: '1d',
        shortWindow: '2h',
        threshold: 3,
        longBurnRate: 0.7,
        shortBurnRate: 0.5,
        firing: false,
      },
    ],
    exhaustsAt: null,
    exhaustsAtByRate: { '1h': null, '6h': null },
    sliSource: 'demo fleet requests (good = non-5xx)',
    good: 999_500,
    total: 1_000_000,
    ...rest,
  };
}

export function healthFixture(score: number): HealthScore {
  return {
    score,
    components: [
      { id: 'budget', label: 'Budget remaining', penalty: 100 - score, weight: 40, detail: 'availability 20% left' },
      { id: 'burn_alerts', label: 'Firing burn alerts', penalty: 0, weight: 25, detail: 'none firing' },
      { id: 'incidents', label: 'Open incidents', penalty: 0, weight: 20, detail: 'none open' },
    ],
  };
}

export function serviceSloFixture(overrides: Partial<ServiceSlo> & Pick<ServiceSlo, 'service'>): ServiceSlo {
  return {
    team: 'payments',
    tier: 1,
    status: 'ok',
    healthScore: 95,
    health: healthFixture(95),
    objectives: [objectiveFixture({ remaining: 0.8 })],
    openIncidents: 0,
    openAlerts: 0,
    ...overrides,
  };
}

export function sloResponse(services: ServiceSlo[], demo = true): SloResponse {
  return { at: SLO_NOW, demo, services, fleetHealthScore: 90, notices: [] };
}

export function catalogFixture(name: string, overrides: Partial<CatalogService> = {}): CatalogService {
  return {
    name,
    team: 'payments',
    tier: 1,
    owners: ['payments-oncall@example.com'],
    aws: {},
    costAllocationTag: { key: 'service', value: name },
    slo: { availability: 0.999 },
    objectives: [{ id: 'availability', sli: { kind: 'availability' }, target: 0.999, windowDays: 30 }],
    ...overrides,
  };
}

/** The cost query's by_service table: spend per cost-allocation tag value. */
export function costByServiceFrame(spend: Record<string, number>): DataFrameJSON {
  return {
    schema: {
      name: 'cost_by_service',
      meta: { custom: { source: 'demo', demo: true } },
      fields: [
        { name: 'group', type: 'string' },
        { name: 'amount', type: 'number' },
      ],
    },
    data: { values: [Object.keys(spend), Object.values(spend)] },
  };
}
