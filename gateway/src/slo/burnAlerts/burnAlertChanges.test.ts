import type { CatalogService, ServiceSlo, SloObjectiveFigures } from '@opsdeck/contract';
import { burnAlertKey, burnAlertRound, type OpenBurnAlert } from './burnAlertChanges';

const service: CatalogService = {
  name: 'checkout-api',
  team: 'payments',
  tier: 1,
  owners: ['a@example.com'],
  aws: {},
  slo: { availability: 0.999 },
  objectives: [],
  runbookUrl: 'https://runbooks.example.com/checkout-api',
};
const catalog = { find: (name: string) => (name === service.name ? service : undefined) };

function objective(firing: Array<'page' | 'ticket'>): SloObjectiveFigures {
  const rule = (severity: 'page' | 'ticket', longWindow: '1h' | '1d', shortWindow: '5m' | '2h', threshold: number) => ({
    severity,
    longWindow,
    shortWindow,
    threshold,
    longBurnRate: 20,
    shortBurnRate: 21,
    firing: firing.includes(severity),
  });
  return {
    id: 'availability',
    sli: { kind: 'availability' },
    target: 0.999,
    windowDays: 30,
    attainment: 0.99,
    errorBudget: { total: 0.001, spent: 1.5, remaining: -0.5 },
    burnRates: { '5m': 21, '30m': 20, '1h': 20, '2h': 15, '6h': 9, '1d': 2, '3d': 1 },
    alerts: [rule('page', '1h', '5m', 14.4), rule('ticket', '1d', '2h', 3)],
    exhaustsAt: null,
    exhaustsAtByRate: { '1h': null, '6h': null },
    sliSource: 'test counts',
    good: 99,
    total: 100,
  };
}

const slo = (firing: Array<'page' | 'ticket'>): ServiceSlo[] => [
  {
    service: 'checkout-api',
    team: 'payments',
    tier: 1,
    status: 'degraded',
    healthScore: 20,
    health: { score: 20, components: [] },
    objectives: [objective(firing)],
    openIncidents: 0,
    openAlerts: 0,
  },
];

describe('burnAlertRound', () => {
  it('opens one alert per firing severity, with a delivery id that names its start', () => {
    const round = burnAlertRound(slo(['page']), catalog, new Map(), 1000);
    expect(round.firing.map((a) => [a.dedupKey, a.severity, a.labels.slo])).toEqual([
      ['slo:checkout-api/availability:page', 'critical', 'checkout-api/availability'],
    ]);
    expect(round.deliveries.map((d) => d.deliveryId)).toEqual(['slo:checkout-api/availability:page:1000:firing']);
    expect(round.firing[0].runbookUrl).toBe(service.runbookUrl);
    expect(round.resolved).toEqual([]);
  });

  it('writes nothing while an open alert keeps firing, and keeps its start', () => {
    const first = burnAlertRound(slo(['page']), catalog, new Map(), 1000).firing[0];
    const open = new Map<string, OpenBurnAlert>([
      [first.dedupKey, { dedupKey: first.dedupKey, startsAt: 1000, alert: first }],
    ]);
    const round = burnAlertRound(slo(['page']), catalog, open, 61_000);
    expect(round.deliveries).toEqual([]);
    expect(round.firing[0]).toMatchObject({ startsAt: 1000, updatedAt: 61_000 });
  });

  it('resolves what no longer fires and opens what newly does', () => {
    const page = burnAlertRound(slo(['page']), catalog, new Map(), 1000).firing[0];
    const open = new Map<string, OpenBurnAlert>([
      [page.dedupKey, { dedupKey: page.dedupKey, startsAt: 1000, alert: page }],
    ]);
    const round = burnAlertRound(slo(['ticket']), catalog, open, 90_000);
    expect(round.resolved).toEqual([
      expect.objectContaining({ dedupKey: page.dedupKey, status: 'resolved', endsAt: 90_000 }),
    ]);
    expect(round.deliveries.map((d) => d.deliveryId).sort()).toEqual([
      `${burnAlertKey('checkout-api', 'availability', 'page')}:1000:resolved`,
      `${burnAlertKey('checkout-api', 'availability', 'ticket')}:90000:firing`,
    ]);
  });

  it('skips services the catalog no longer has', () => {
    expect(burnAlertRound(slo(['page']), { find: () => undefined }, new Map(), 1000).firing).toEqual([]);
  });
});
