import { type SloObjective, type SloTargets } from '@opsdeck/contract';
import { DEFAULT_WINDOW_DAYS } from '../slo/objective';

/** Objective assumed when the catalog sets none: a common default for internal services (docs/slo.md). */
export const DEFAULT_AVAILABILITY_TARGET = 0.995;
/** Share of minutes whose p99 must be within `latencyP99Ms` when the shorthand form gives only the threshold. */
export const SHORTHAND_LATENCY_TARGET = 0.99;

interface SloInput extends SloTargets {
  objectives?: SloObjective[];
}

export type ObjectivesResult =
  { ok: true; slo: SloTargets; objectives: SloObjective[] } | { ok: false; field: string; detail: string };

/**
 * The catalog accepts the shorthand (`slo: { availability, latencyP99Ms }`, kept so existing catalogs load) or the
 * list (`slo: { objectives: [...] }`), not both: two sources of one target would disagree sooner or later. Either
 * way every service ends with a list of objectives and the shorthand targets status reads.
 */
export function resolveObjectives(input: SloInput): ObjectivesResult {
  const { objectives, availability, latencyP99Ms } = input;
  if (objectives) {
    if (availability !== undefined || latencyP99Ms !== undefined) {
      const field = availability !== undefined ? 'availability' : 'latencyP99Ms';
      return { ok: false, field, detail: 'give either the shorthand targets or objectives, not both' };
    }
    const seen = new Map<string, number>();
    for (const [index, objective] of objectives.entries()) {
      const earlier = seen.get(objective.id);
      if (earlier !== undefined) {
        return {
          ok: false,
          field: `objectives[${index}].id`,
          detail: `duplicate id "${objective.id}" (also objectives[${earlier}])`,
        };
      }
      seen.set(objective.id, index);
    }
    return { ok: true, objectives, slo: shorthandOf(objectives) };
  }
  const expanded: SloObjective[] = [
    {
      id: 'availability',
      sli: { kind: 'availability' },
      target: availability ?? DEFAULT_AVAILABILITY_TARGET,
      windowDays: DEFAULT_WINDOW_DAYS,
    },
  ];
  if (latencyP99Ms !== undefined) {
    expanded.push({
      id: 'latency',
      sli: { kind: 'latency-percentile', thresholdMs: latencyP99Ms },
      target: SHORTHAND_LATENCY_TARGET,
      windowDays: DEFAULT_WINDOW_DAYS,
    });
  }
  const slo: SloTargets = {};
  if (availability !== undefined) slo.availability = availability;
  if (latencyP99Ms !== undefined) slo.latencyP99Ms = latencyP99Ms;
  return { ok: true, objectives: expanded, slo };
}

/** The first availability target and the first latency threshold, what the shorthand would have said. */
function shorthandOf(objectives: readonly SloObjective[]): SloTargets {
  const slo: SloTargets = {};
  const availability = objectives.find((o) => o.sli.kind === 'availability');
  if (availability) slo.availability = availability.target;
  const latency = objectives.find((o) => o.sli.kind !== 'availability');
  if (latency && latency.sli.kind !== 'availability') slo.latencyP99Ms = latency.sli.thresholdMs;
  return slo;
}
