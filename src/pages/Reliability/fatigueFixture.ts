/** Gateway answers of GET /api/alert-fatigue for unit tests. */
import {
  type AlertFatigueResponse,
  type FatigueComponent,
  type FatigueFigures,
  type OnCallShiftLoad,
  type RuleFatigue,
  type TeamFatigue,
} from '@opsdeck/contract';
import { RELIABILITY_NOW } from './reliabilityFixture';

const DAY = 86_400_000;

/** The gateway's five components at the given points (weights 35/25/20/10/10); the score is their sum. */
export function components(points: Partial<Record<FatigueComponent['id'], number>> = {}): FatigueComponent[] {
  const all: Array<[FatigueComponent['id'], string, number]> = [
    ['sleep_interruptions', 'Pages in sleep hours', 35],
    ['never_acknowledged', 'Never acknowledged', 25],
    ['auto_resolved', 'Resolved by themselves within 5 minutes', 20],
    ['flapping', 'Flapping', 10],
    ['volume', 'Volume', 10],
  ];
  return all.map(([id, label, weight]) => ({
    id,
    label,
    weight,
    points: points[id] ?? 0,
    detail: `${label}: ${points[id] ?? 0} of ${weight}`,
  }));
}

export function fatigueFigures(
  overrides: Partial<FatigueFigures> = {},
  points: Partial<Record<FatigueComponent['id'], number>> = {}
): FatigueFigures {
  const parts = components(points);
  return {
    alerts: 10,
    interruptions: 6,
    interruptionsByHours: { business: 3, off: 2, sleep: 1 },
    alertsPerWeek: 2.5,
    interruptionsPerWeek: 1.5,
    neverAcknowledged: 0.2,
    autoResolved: 0.1,
    flapping: 1,
    duplicates: 2,
    mtta: 5 * 60_000,
    score: { score: parts.reduce((sum, c) => sum + c.points, 0), components: parts },
    ...overrides,
  };
}

export function ruleFatigue(name: string, team: string, figures: FatigueFigures, extra: Partial<RuleFatigue> = {}) {
  return {
    rule: { kind: 'alertname', name },
    team,
    services: ['checkout-api'],
    receivers: [`${team}-pager`],
    figures,
    ...extra,
  } satisfies RuleFatigue;
}

export function shift(person: string, startDay: number, interruptions: number, sleep = 0): OnCallShiftLoad {
  const start = RELIABILITY_NOW - startDay * DAY;
  return {
    person,
    schedule: 'primary',
    start,
    end: start + 7 * DAY,
    alerts: interruptions + 2,
    interruptions,
    interruptionsByHours: { business: interruptions - sleep, off: 0, sleep },
  };
}

export function teamFatigue(team: string, figures: FatigueFigures, shifts: OnCallShiftLoad[] = []): TeamFatigue {
  const perShift =
    shifts.length === 0
      ? null
      : {
          shifts: shifts.length,
          interruptions: {
            mean: shifts.reduce((s, x) => s + x.interruptions, 0) / shifts.length,
            max: Math.max(...shifts.map((x) => x.interruptions)),
          },
          sleepInterruptions: {
            mean: shifts.reduce((s, x) => s + x.interruptionsByHours.sleep, 0) / shifts.length,
            max: Math.max(...shifts.map((x) => x.interruptionsByHours.sleep)),
          },
        };
  return { team, timeZone: 'Europe/Berlin', figures, shifts, perShift };
}

const noisy = ruleFatigue(
  'CheckoutLatencyHigh',
  'payments',
  fatigueFigures(
    {
      alerts: 40,
      interruptions: 28,
      interruptionsByHours: { business: 10, off: 6, sleep: 12 },
      neverAcknowledged: 0.45,
      mtta: 720_000,
    },
    { sleep_interruptions: 30, never_acknowledged: 20, auto_resolved: 8, flapping: 5, volume: 9 }
  ),
  { receivers: ['payments-pager', 'payments-slack'], services: ['checkout-api', 'payments-worker'] }
);
const quiet = ruleFatigue(
  'SearchErrorsRising',
  'discovery',
  fatigueFigures({ alerts: 5 }, { never_acknowledged: 5, volume: 2 }),
  { services: ['search-api'] }
);

export const fatigueReport: AlertFatigueResponse = {
  range: { from: RELIABILITY_NOW - 30 * DAY, to: RELIABILITY_NOW },
  truncated: false,
  notices: [],
  rules: [noisy, quiet],
  fixFirst: [noisy, quiet],
  // Not in score order: the page sorts teams worst first itself.
  teams: [
    teamFatigue('discovery', fatigueFigures({}, { volume: 3 })),
    teamFatigue('payments', fatigueFigures({}, { sleep_interruptions: 20, never_acknowledged: 10 }), [
      shift('ana', 14, 4, 1),
      shift('ben', 7, 9, 3),
    ]),
  ],
  receivers: [
    { receiver: 'payments-pager', figures: fatigueFigures({ alerts: 30 }, { sleep_interruptions: 25 }) },
    { receiver: 'search-slack', figures: fatigueFigures({ alerts: 5 }, { volume: 1 }) },
  ],
};
