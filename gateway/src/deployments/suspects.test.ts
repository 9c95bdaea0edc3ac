import fc from 'fast-check';
import type { Deployment } from '@opsdeck/contract';
import { findJump, rankSuspectDeploys, type MetricPoints } from './suspects';

const MIN = 60_000;
const jumpOptions = { windowSamples: 5, minRelativeChange: 0.5, minAbsoluteChange: 0.01 };

/** One sample a minute from t=0; `level(i)` gives the value. */
function series(length: number, level: (i: number) => number | null): MetricPoints {
  return { times: Array.from({ length }, (_, i) => i * MIN), values: Array.from({ length }, (_, i) => level(i)) };
}

function deploy(id: string, service: string, startedMin: number, finishedMin: number): Deployment {
  return {
    id,
    service,
    environment: 'production',
    version: id,
    status: 'succeeded',
    source: 'ci',
    startedAt: startedMin * MIN,
    finishedAt: finishedMin * MIN,
  };
}

describe('findJump', () => {
  test('finds a step in the error rate and reports both levels', () => {
    const jump = findJump(
      series(60, (i) => (i < 40 ? 0.01 : 0.05)),
      jumpOptions
    );
    expect(jump).toEqual({ at: 40 * MIN, before: 0.01, after: 0.05, relativeChange: 4 });
  });

  test('a flat or falling series has no jump; gaps are ignored', () => {
    expect(
      findJump(
        series(60, () => 0.02),
        jumpOptions
      )
    ).toBeUndefined();
    expect(
      findJump(
        series(60, (i) => (i < 30 ? 0.05 : 0.01)),
        jumpOptions
      )
    ).toBeUndefined();
    expect(
      findJump(
        series(60, (i) => (i % 7 === 0 ? null : i < 30 ? 0.01 : 0.04)),
        jumpOptions
      )?.at
    ).toBe(30 * MIN);
  });

  test('property: any clear step is found exactly where it happens', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 55 }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 2, max: 50, noNaN: true }),
        (step, base, factor) => {
          const jump = findJump(
            series(60, (i) => (i < step ? base : base * factor)),
            { ...jumpOptions, minAbsoluteChange: 0 }
          );
          expect(jump?.at).toBe(step * MIN);
        }
      )
    );
  });
});

describe('rankSuspectDeploys', () => {
  const errors = series(120, (i) => (i < 90 ? 0.01 : 0.06));
  const jump = findJump(errors, jumpOptions)!;
  const options = { lookbackMs: 60 * MIN, windowSamples: 5 };

  test('the own deploy that landed just before the jump ranks first, with its evidence', () => {
    const ranked = rankSuspectDeploys(
      'checkout-api',
      errors,
      jump,
      [
        deploy('old-own', 'checkout-api', 40, 45),
        deploy('dependency', 'payments-worker', 80, 86),
        deploy('own', 'checkout-api', 84, 89),
        deploy('too-early', 'checkout-api', 0, 5),
        deploy('after-jump', 'checkout-api', 100, 105),
      ],
      options
    );
    expect(ranked.map((s) => s.deployment.id)).toEqual(['own', 'dependency', 'old-own']);
    // The five samples after it landed (minute 89) include one last sample at the old level: 4/5 of the jump.
    expect(ranked[0]!.evidence).toMatchObject({ minutesBeforeJump: 1, ownService: true, metricBefore: 0.01 });
    expect(ranked[0]!.evidence.metricAfter).toBeCloseTo(0.05);
    expect(ranked[0]!.evidence.shareOfJump).toBeCloseTo(0.8);
    expect(ranked[2]!.evidence.shareOfJump).toBe(0);
  });

  test('an incident of the service soon after a deploy is evidence, and deploys no incident followed lose a quarter', () => {
    const deploys = [deploy('own', 'checkout-api', 84, 89), deploy('old-own', 'checkout-api', 20, 31)];
    const plain = rankSuspectDeploys('checkout-api', errors, jump, deploys, options);
    // The incident opened at minute 91, two minutes after `own` landed and an hour after `old-own`.
    const withIncident = rankSuspectDeploys('checkout-api', errors, jump, deploys, {
      ...options,
      incidentStarts: [91 * MIN],
    });
    const byId = (ranked: typeof plain) => new Map(ranked.map((s) => [s.deployment.id, s]));
    expect(byId(withIncident).get('own')!.evidence.incidentMinutesAfter).toBe(2);
    expect(byId(withIncident).get('own')!.score).toBeCloseTo(byId(plain).get('own')!.score);
    expect(byId(withIncident).get('old-own')!.evidence.incidentMinutesAfter).toBe(60);

    const later = rankSuspectDeploys('checkout-api', errors, jump, deploys, { ...options, incidentStarts: [92 * MIN] });
    expect(byId(later).get('old-own')!.evidence.incidentMinutesAfter).toBeUndefined();
    expect(byId(later).get('old-own')!.score).toBeCloseTo(byId(plain).get('old-own')!.score * 0.75);
    // No incident at all: every deploy loses the same share, so the order stays the metric's.
    const none = rankSuspectDeploys('checkout-api', errors, jump, deploys, { ...options, incidentStarts: [] });
    expect(none.map((s) => s.deployment.id)).toEqual(plain.map((s) => s.deployment.id));
    expect(plain.every((s) => s.evidence.incidentMinutesAfter === undefined)).toBe(true);
  });

  test('property: scores are positive, sorted, and a deploy closer to the jump never ranks below an otherwise identical earlier one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 31, max: 88 }), fc.integer({ min: 31, max: 88 }), (a, b) => {
        fc.pre(a !== b);
        const ranked = rankSuspectDeploys(
          'svc',
          errors,
          jump,
          [deploy('a', 'svc', a - 1, a), deploy('b', 'svc', b - 1, b)],
          options
        );
        expect(ranked).toHaveLength(2);
        expect(ranked[0]!.score).toBeGreaterThanOrEqual(ranked[1]!.score);
        expect(ranked[1]!.score).toBeGreaterThan(0);
        expect(ranked[0]!.deployment.id).toBe(a > b ? 'a' : 'b');
      })
    );
  });
});
