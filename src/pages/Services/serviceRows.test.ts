import { buildServiceRows, filterRows, sortRows } from './serviceRows';
import { healthFixture, objectiveFixture, serviceSloFixture } from './sloFixture';
import { filtersFromParams, paramsWith } from './useServiceFilters';

const rows = buildServiceRows({
  services: [
    serviceSloFixture({
      service: 'b-ok',
      objectives: [objectiveFixture({ remaining: 0.5 })],
      health: healthFixture(90),
    }),
    serviceSloFixture({ service: 'a-quiet', objectives: [objectiveFixture({ remaining: null, burn1h: null })] }),
    serviceSloFixture({
      service: 'c-missed',
      team: 'search',
      tier: 2,
      status: 'down',
      objectives: [
        objectiveFixture({ id: 'latency', remaining: 0.9, burn1h: 30 }),
        objectiveFixture({ remaining: -0.2, burn1h: 3 }),
      ],
      health: healthFixture(40),
    }),
    serviceSloFixture({ service: 'd-same', objectives: [objectiveFixture({ remaining: 0.5 })], status: 'degraded' }),
  ],
  deployments: [],
  cost: new Map([['b-ok', 5]]),
});
const names = (list: typeof rows) => list.map((r) => r.service);

describe('service rows', () => {
  it('judges a service by its objective with the least budget, and its burn by the fastest objective', () => {
    const missed = rows.find((r) => r.service === 'c-missed')!;
    expect([missed.worst?.id, missed.budgetRemaining, missed.burnRate1h]).toEqual([
      'availability',
      -0.2,
      { id: 'latency', rate: 30 },
    ]);
    expect(rows.find((r) => r.service === 'a-quiet')?.budgetRemaining).toBeNull();
  });

  it('puts the least budget first, ties by the worse status, and a service without figures last either way', () => {
    expect(names(sortRows(rows, 'budget'))).toEqual(['c-missed', 'd-same', 'b-ok', 'a-quiet']);
    expect(names(sortRows(rows, 'budget', 'best'))).toEqual(['d-same', 'b-ok', 'c-missed', 'a-quiet']);
    expect(names(sortRows(rows, 'burn'))[0]).toBe('c-missed');
    expect(names(sortRows(rows, 'cost'))).toEqual(['b-ok', 'c-missed', 'd-same', 'a-quiet']);
  });

  it('filters by team and tier', () => {
    expect(names(filterRows(rows, { team: 'search', tier: '' }))).toEqual(['c-missed']);
    expect(names(filterRows(rows, { team: '', tier: '2' }))).toEqual(['c-missed']);
    expect(filterRows(rows, { team: 'payments', tier: '2' })).toEqual([]);
  });
});

describe('service filters in the URL', () => {
  it('reads known values and falls back to the defaults for anything else', () => {
    expect(filtersFromParams(new URLSearchParams('team=search&tier=2&sort=cost&order=best'))).toEqual({
      team: 'search',
      tier: '2',
      sort: 'cost',
      order: 'best',
    });
    expect(filtersFromParams(new URLSearchParams('tier=9&sort=nonsense&order=up'))).toEqual({
      team: '',
      tier: '',
      sort: 'budget',
      order: 'worst',
    });
  });

  it('keeps defaults out of the URL and leaves other parameters alone', () => {
    const next = paramsWith(new URLSearchParams('sort=cost&orgId=1'), { sort: 'budget', team: 'search' });
    expect(next.toString()).toBe('orgId=1&team=search');
  });
});
