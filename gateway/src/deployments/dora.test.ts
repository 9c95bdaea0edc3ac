import fc from 'fast-check';
import type { Deployment } from '@opsdeck/contract';
import { doraBy, doraFigures, median, type IncidentSpan } from './dora';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const range = { from: 0, to: 7 * DAY };
const options = { range, failureWindowMs: 2 * HOUR };

function deploy(id: string, finishedAt: number, extra: Partial<Deployment> = {}): Deployment {
  return {
    id,
    service: 'checkout-api',
    environment: 'production',
    version: id,
    status: 'succeeded',
    source: 'ci',
    startedAt: finishedAt - 600_000,
    finishedAt,
    ...extra,
  };
}

describe('doraFigures', () => {
  test('frequency, lead time, failure rate and recovery on a small known history', () => {
    const deployments = [
      deploy('a', 1 * DAY, { commitTime: 1 * DAY - 2 * HOUR }),
      deploy('b', 2 * DAY, { commitTime: 2 * DAY - 4 * HOUR, status: 'failed' }),
      deploy('c', 2 * DAY + HOUR, { commitTime: 2 * DAY - 3 * HOUR }),
      deploy('d', 3 * DAY, { commitTime: 3 * DAY - 6 * HOUR }),
      // d is rolled back by r half an hour later; r is remediation, not a change.
      deploy('r', 3 * DAY + 30 * 60_000, { rollbackOf: 'd', version: 'c' }),
      deploy('e', 5 * DAY),
    ];
    const incidents: IncidentSpan[] = [
      { service: 'checkout-api', startedAt: 5 * DAY + HOUR, resolvedAt: 5 * DAY + 3 * HOUR },
    ];
    const figures = doraFigures(deployments, incidents, options);
    // Succeeded changes: a, c, d, e (r is a rollback, b failed).
    expect(figures.deployments).toBe(4);
    expect(figures.deploymentsPerDay).toBeCloseTo(4 / 7);
    // Lead times of a, c, d: 2 h, 4 h, 6 h.
    expect(figures.leadTimeMs).toBe(4 * HOUR);
    // Failed: b (failed), d (rolled back), e (incident within 2 h) out of a, b, c, d, e.
    expect(figures.changeFailureRate).toBeCloseTo(3 / 5);
    // Recovery: b → c after 1 h, d → r after 30 min, e → incident resolved after 3 h.
    expect(figures.recoveryTimeMs).toBe(HOUR);
  });

  test('nothing to measure leaves the ratios undefined rather than zero', () => {
    expect(doraFigures([], [], options)).toEqual({
      deployments: 0,
      deploymentsPerDay: 0,
      leadTimeMs: undefined,
      changeFailureRate: undefined,
      recoveryTimeMs: undefined,
    });
  });

  test('an incident outside the window or on another service does not count against a deploy', () => {
    const incidents: IncidentSpan[] = [
      { service: 'checkout-api', startedAt: DAY + 3 * HOUR },
      { service: 'search-api', startedAt: DAY + 10 * 60_000 },
    ];
    expect(doraFigures([deploy('a', DAY)], incidents, options).changeFailureRate).toBe(0);
  });

  test('per team: services grouped by their team, unknown services left out', () => {
    const teams: Record<string, string> = { 'checkout-api': 'payments', 'search-api': 'discovery' };
    const byTeam = doraBy(
      [deploy('a', DAY), deploy('b', DAY, { service: 'search-api' }), deploy('c', DAY, { service: 'ghost' })],
      [],
      (s) => teams[s],
      options
    );
    expect([...byTeam.keys()].sort()).toEqual(['discovery', 'payments']);
    expect(byTeam.get('payments')?.deployments).toBe(1);
  });
});

const arbDeployment = fc.record({
  finishedAt: fc.integer({ min: 0, max: 7 * DAY }),
  status: fc.constantFrom('succeeded', 'failed', 'rolled_back') as fc.Arbitrary<Deployment['status']>,
  lead: fc.option(fc.integer({ min: 0, max: 3 * DAY }), { nil: undefined }),
  service: fc.constantFrom('a', 'b'),
});

describe('doraFigures properties', () => {
  test('the failure rate is a share, the counts never exceed the input, and times are non-negative', () => {
    fc.assert(
      fc.property(fc.array(arbDeployment, { maxLength: 40 }), (raw) => {
        const deployments = raw.map((r, i) =>
          deploy(`d${i}`, r.finishedAt, {
            status: r.status,
            service: r.service,
            commitTime: r.lead === undefined ? undefined : r.finishedAt - r.lead,
          })
        );
        const f = doraFigures(deployments, [], options);
        expect(f.deployments).toBeLessThanOrEqual(deployments.length);
        expect(f.deployments).toBe(deployments.filter((d) => d.status === 'succeeded').length);
        if (f.changeFailureRate !== undefined) {
          expect(f.changeFailureRate).toBeGreaterThanOrEqual(0);
          expect(f.changeFailureRate).toBeLessThanOrEqual(1);
        }
        expect(f.leadTimeMs ?? 0).toBeGreaterThanOrEqual(0);
        expect(f.recoveryTimeMs ?? 0).toBeGreaterThan(-1);
      })
    );
  });

  test('per-service figures add up to the overall deployment count', () => {
    fc.assert(
      fc.property(fc.array(arbDeployment, { maxLength: 40 }), (raw) => {
        const deployments = raw.map((r, i) => deploy(`d${i}`, r.finishedAt, { status: r.status, service: r.service }));
        const byService = doraBy(deployments, [], (s) => s, options);
        const sum = [...byService.values()].reduce((n, f) => n + f.deployments, 0);
        expect(sum).toBe(doraFigures(deployments, [], options).deployments);
      })
    );
  });

  test('median lies between the smallest and largest value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1 }), (values) => {
        const m = median(values)!;
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
      })
    );
  });
});
