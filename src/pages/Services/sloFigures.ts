import { type OnCallResponse, type OnCallShift, type SloObjectiveFigures } from '@opsdeck/contract';
import { NO_DATA } from '@/components/format';

/**
 * The objective with the least error budget left: what a service is judged by (Pyrra's list). An objective without
 * traffic (remaining null) tells nothing, so it only counts when no objective has figures.
 */
export function worstObjective(objectives: readonly SloObjectiveFigures[]): SloObjectiveFigures | undefined {
  let worst: SloObjectiveFigures | undefined;
  for (const objective of objectives) {
    const remaining = objective.errorBudget.remaining;
    const worstRemaining = worst?.errorBudget.remaining;
    if (
      !worst ||
      (remaining !== null && (worstRemaining === null || worstRemaining === undefined || remaining < worstRemaining))
    ) {
      worst = objective;
    }
  }
  return worst;
}

/** The fastest 1 h burn among the objectives: "burning now" is about whichever burns hardest. */
export function fastestBurn(objectives: readonly SloObjectiveFigures[]): { id: string; rate: number } | undefined {
  let fastest: { id: string; rate: number } | undefined;
  for (const objective of objectives) {
    const rate = objective.burnRates['1h'];
    if (rate !== null && (!fastest || rate > fastest.rate)) {
      fastest = { id: objective.id, rate };
    }
  }
  return fastest;
}

/** "62.5%" of the budget left; a missed objective shows how far below zero it is ("-40.0%"). */
export function formatBudget(remaining: number | null | undefined): string {
  return remaining === null || remaining === undefined ? NO_DATA : `${(remaining * 100).toFixed(1)}%`;
}

/** A burn rate as a multiple of the sustainable rate: 1× spends the budget exactly over the window. */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) {
    return NO_DATA;
  }
  return `${rate >= 10 ? rate.toFixed(0) : rate.toFixed(2)}×`;
}

/** Attainment and targets to the precision objectives are written in (99.95%). */
export function formatRatio(ratio: number | null | undefined, decimals = 2): string {
  return ratio === null || ratio === undefined ? NO_DATA : `${(ratio * 100).toFixed(decimals)}%`;
}

export type OnCallWhen = 'now' | 'next';

/**
 * Who is on call for a service at the first escalation level: the policy that routes the service, else its team's.
 * The first level is who gets paged; later levels are the escalation.
 */
export function onCallFor(
  roster: OnCallResponse | undefined,
  service: string,
  team: string,
  when: OnCallWhen = 'now'
): OnCallShift[] {
  const policies = roster?.policies ?? [];
  const policy = policies.find((p) => p.services.includes(service)) ?? policies.find((p) => p.teams.includes(team));
  const first = [...(policy?.layers ?? [])].sort((a, b) => a.level - b.level)[0];
  return first?.[when] ?? [];
}
