import { fleetRow, objective, serviceSlo, sloResponse } from './wallFixture';
import { countFleet, joinTiles, orderTiles, teamsOf } from './wallTiles';

describe('joinTiles', () => {
  it('joins status and incidents from fleet_health with the lowest budget, score and firing alerts from /api/slo', () => {
    const [tile] = joinTiles(
      [fleetRow('checkout-api', 'payments', 'degraded', 2)],
      sloResponse([
        serviceSlo('checkout-api', 'payments', 61, [
          objective('availability', 0.4, ['page', 'ticket']),
          objective('latency', -0.25),
        ]),
      ])
    );
    expect(tile).toEqual({
      service: 'checkout-api',
      team: 'payments',
      status: 'degraded',
      healthScore: 61,
      budgetRemaining: -0.25,
      openIncidents: 2,
      // The page outranks the ticket of the same objective: one line, the 1h burn rate that paged.
      burning: [{ objective: 'availability', severity: 'page', burnRate: 16, longWindow: '1h' }],
    });
  });

  it('keeps fleet_health tiles without SLO figures while /api/slo has not answered, and adds services only it knows', () => {
    const tiles = joinTiles(
      [fleetRow('search-api', 'catalog', 'ok')],
      sloResponse([serviceSlo('billing', 'payments', 90, [objective('availability', null)])])
    );
    expect(tiles.map((t) => [t.service, t.status, t.healthScore, t.budgetRemaining])).toEqual([
      ['search-api', 'ok', null, null],
      ['billing', 'unknown', 90, null],
    ]);
    expect(joinTiles([fleetRow('search-api', 'catalog', 'ok')], undefined)[0].burning).toEqual([]);
  });
});

describe('orderTiles', () => {
  it('puts burning budgets and open incidents first, then unknown, then healthy, stable by name', () => {
    const tiles = joinTiles(
      [
        fleetRow('a-fine', 'payments', 'ok'),
        fleetRow('b-unknown', 'payments', 'unknown'),
        fleetRow('c-ticket', 'payments', 'ok'),
        fleetRow('d-paging', 'payments', 'ok'),
        fleetRow('e-incident', 'payments', 'ok', 1),
        fleetRow('f-down', 'payments', 'down', 1),
        fleetRow('g-degraded-2-incidents', 'payments', 'degraded', 2),
        fleetRow('h-low-budget', 'payments', 'ok'),
      ],
      sloResponse([
        serviceSlo('c-ticket', 'payments', 80, [objective('availability', 0.5, ['ticket'])]),
        serviceSlo('d-paging', 'payments', 40, [objective('availability', 0.2, ['page'])]),
        serviceSlo('h-low-budget', 'payments', 70, [objective('availability', 0.05)]),
        serviceSlo('a-fine', 'payments', 95, [objective('availability', 0.9)]),
      ])
    );
    expect(orderTiles(tiles).map((t) => t.service)).toEqual([
      'f-down',
      'd-paging',
      'g-degraded-2-incidents',
      'e-incident',
      'c-ticket',
      'b-unknown',
      'h-low-budget',
      'a-fine',
    ]);
  });

  it('does not reorder the tiles it was given', () => {
    const tiles = joinTiles([fleetRow('b', 't', 'ok'), fleetRow('a', 't', 'down')], undefined);
    orderTiles(tiles);
    expect(tiles.map((t) => t.service)).toEqual(['b', 'a']);
  });
});

describe('countFleet and teamsOf', () => {
  it('counts the whole fleet and lists teams alphabetically once each', () => {
    const tiles = joinTiles(
      [fleetRow('a', 'platform', 'down', 2), fleetRow('b', 'catalog', 'degraded', 1), fleetRow('c', 'platform', 'ok')],
      sloResponse([serviceSlo('c', 'platform', 50, [objective('availability', 0.1, ['ticket'])])])
    );
    expect(countFleet(tiles)).toEqual({ services: 3, down: 1, degraded: 1, ok: 1, burning: 1, openIncidents: 3 });
    expect(teamsOf(tiles)).toEqual(['catalog', 'platform']);
  });
});
