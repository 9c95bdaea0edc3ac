import fc from 'fast-check';
import {
  distribution,
  incidentFigures,
  timesBetweenFailures,
  timeToAcknowledge,
  trend,
  type IncidentTimes,
} from './incidentFigures';

const MIN = 60_000;

describe('incident figures, worked examples', () => {
  // One service, three incidents: times in minutes after T.
  const T = Date.UTC(2026, 11, 1);
  const at = (m: number) => T + m * MIN;
  const incidents: IncidentTimes[] = [
    { id: 'a', service: 'ledger', triggeredAt: at(0), acknowledgedAt: at(4), resolvedAt: at(30) },
    // Resolved with no acknowledgement: acknowledged by its resolution.
    { id: 'b', service: 'ledger', triggeredAt: at(90), resolvedAt: at(100) },
    // Overlaps nothing, starts 200 minutes after b resolved; still open.
    { id: 'c', service: 'ledger', triggeredAt: at(300), acknowledgedAt: at(302) },
  ];

  it('MTTA, MTTR, MTBF as mean, median and p90 with their counts', () => {
    const figures = incidentFigures(incidents);
    // TTA 4, 10, 2 → mean 16/3, median 4, p90 10.
    expect(figures.mtta).toEqual({ count: 3, mean: (16 / 3) * MIN, median: 4 * MIN, p90: 10 * MIN });
    // TTR 30, 10.
    expect(figures.mttr).toEqual({ count: 2, mean: 20 * MIN, median: 20 * MIN, p90: 30 * MIN });
    // Gaps: 30 → 90 = 60, 100 → 300 = 200.
    expect(figures.mtbf).toEqual({ count: 2, mean: 130 * MIN, median: 130 * MIN, p90: 200 * MIN });
  });

  it('leaves maintenance out of MTBF unless asked, and counts no gap inside an overlap', () => {
    const planned = { id: 'm', service: 'ledger', triggeredAt: at(40), resolvedAt: at(45), inMaintenance: true };
    expect(timesBetweenFailures([...incidents, planned])).toEqual([60 * MIN, 200 * MIN]);
    expect(timesBetweenFailures([...incidents, planned], { includeMaintenance: true })).toEqual([
      10 * MIN,
      45 * MIN,
      200 * MIN,
    ]);
    const overlapping = { id: 'o', service: 'ledger', triggeredAt: at(20), resolvedAt: at(50) };
    // a and o overlap: restored at 50, next failure at 90.
    expect(timesBetweenFailures([...incidents, overlapping])).toEqual([40 * MIN, 200 * MIN]);
  });

  it('drops times before the trigger and compares with the previous period', () => {
    expect(timeToAcknowledge({ id: 'x', triggeredAt: at(10), acknowledgedAt: at(5) })).toBeUndefined();
    expect(distribution([])).toBeUndefined();
    expect(trend(distribution([20]), distribution([10]))).toEqual({ delta: 10, ratio: 1 });
    expect(trend(distribution([20]), undefined)).toBeUndefined();
  });
});

const incident = (service: fc.Arbitrary<string>) =>
  fc
    .record({
      service,
      triggeredAt: fc.integer({ min: 0, max: 10_000 }),
      ack: fc.option(fc.integer({ min: -50, max: 500 })),
      resolve: fc.option(fc.integer({ min: -50, max: 2_000 })),
      inMaintenance: fc.boolean(),
      n: fc.nat(),
    })
    .map(({ service, triggeredAt, ack, resolve, inMaintenance, n }): IncidentTimes => ({
      id: `i${n}-${triggeredAt}`,
      service,
      triggeredAt,
      ...(ack === null ? {} : { acknowledgedAt: triggeredAt + ack }),
      ...(resolve === null ? {} : { resolvedAt: triggeredAt + resolve }),
      inMaintenance,
    }));
const histories = fc.array(incident(fc.constantFrom('a', 'b', 'c')), { maxLength: 60 });

describe('incident figures, properties', () => {
  it('MTBF and every gap are ≥ 0; TTR ≥ TTA for each resolved incident', () => {
    fc.assert(
      fc.property(histories, (list) => {
        for (const gap of timesBetweenFailures(list, { includeMaintenance: true }))
          expect(gap).toBeGreaterThanOrEqual(0);
        for (const i of list) {
          const ttr =
            i.resolvedAt !== undefined && i.resolvedAt >= i.triggeredAt ? i.resolvedAt - i.triggeredAt : undefined;
          if (ttr !== undefined) expect(timeToAcknowledge(i)!).toBeLessThanOrEqual(ttr);
        }
        const { mtta, mttr } = incidentFigures(
          list.filter((i) => i.resolvedAt !== undefined && i.resolvedAt >= i.triggeredAt)
        );
        if (mttr) expect(mttr.mean).toBeGreaterThanOrEqual(mtta!.mean);
      })
    );
  });

  it('an incident inside a maintenance window leaves the default MTBF unchanged', () => {
    fc.assert(
      fc.property(histories, incident(fc.constantFrom('a', 'b', 'c')), (list, extra) => {
        const planned = { ...extra, id: 'planned', inMaintenance: true };
        expect(incidentFigures([...list, planned]).mtbf).toEqual(incidentFigures(list).mtbf);
      })
    );
  });

  it('the order incidents arrive in changes no figure', () => {
    fc.assert(
      fc.property(histories, (list) => {
        const shuffled = [...list].reverse();
        expect(incidentFigures(shuffled)).toEqual(incidentFigures(list));
      })
    );
  });

  it('median and p90 lie within the values, p90 ≥ median', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1 }), (values) => {
        const d = distribution(values)!;
        expect(d.p90).toBeGreaterThanOrEqual(Math.min(...values));
        expect(d.p90).toBeLessThanOrEqual(Math.max(...values));
        expect(d.p90).toBeGreaterThanOrEqual(d.median);
      })
    );
  });
});
