/**
 * Who held each catalog team's first on-call level (escalation level 1) over a time range: the shifts the fatigue
 * report counts alerts against. The source is chosen as GET /api/oncall chooses it: PagerDuty when configured, else
 * Opsgenie or JSM Operations (whose history is not read yet: no shifts), else the demo roster in demo mode, otherwise
 * none.
 */
import type { CatalogService, TimeRangeMs } from '@opsdeck/contract';
import type { JsmClient } from '../../sources/jsm/client';
import type { PagerDutyClient } from '../../sources/pagerduty/client';
import { demoShifts } from './demoRoster';
import { pagerDutyShifts } from './pagerdutyShifts';

/** One first-level shift of a team, as the on-call source gives it (not clipped to the range asked for). */
export interface TeamShift {
  team: string;
  person: string;
  email?: string;
  /** The schedule's name, or the escalation policy's when the level names a user directly. */
  schedule: string;
  /** Epoch ms. */
  start: number;
  end: number;
}

export interface ShiftHistory {
  /** The shifts overlapping the range (at most MAX_SHIFT_RANGE_MS of it, counted back from its end). */
  shifts(range: TimeRangeMs): Promise<TeamShift[]>;
}

/** The fatigue route's longest range (92 days); a longer ask is cut to its newest part. */
export const MAX_SHIFT_RANGE_MS = 92 * 86_400_000;

export function shiftHistoryFor(deps: {
  pagerduty?: PagerDutyClient;
  jsm?: JsmClient;
  /** Opsgenie's history is not read either; only its presence matters here. */
  opsgenie?: unknown;
  demo: boolean;
  catalog: CatalogService[];
}): ShiftHistory | undefined {
  const { pagerduty, catalog } = deps;
  if (pagerduty) {
    return { shifts: (range) => pagerDutyShifts(pagerduty, catalog, capped(range)) };
  }
  // Demo shifts next to JSM's real roster would name people who were never on call.
  if (deps.jsm || deps.opsgenie) return undefined;
  if (deps.demo) return { shifts: async (range) => demoShifts(catalog, capped(range)) };
  return undefined;
}

function capped(range: TimeRangeMs): TimeRangeMs {
  return { from: Math.max(range.from, range.to - MAX_SHIFT_RANGE_MS), to: range.to };
}
