import {
  type FatigueComponent,
  type FatigueFigures,
  type OnCallShiftLoad,
  type ReceiverFatigue,
  type RuleFatigue,
  type TeamFatigue,
} from '@opsdeck/contract';
import { formatDuration, NOT_APPLICABLE } from '@/components/format';
import { type RankedBar, scoreTone } from './rankedBars';

/** A share of the alerts, 0–1, as a whole percent. */
export function formatShare(share: number): string {
  return Number.isFinite(share) ? `${Math.round(share * 100)}%` : NOT_APPLICABLE;
}

/** "18 of 40": how many alerts a share stands for, so a 100% of 1 alert reads as what it is. */
export function shareCount(share: number, alerts: number): string {
  return `${Math.round(share * alerts)} of ${alerts}`;
}

/** A score as the gateway rounds it nowhere: whole points. */
export const formatScore = (score: number) => String(Math.round(score));

/** Highest score first, then most sleep-hour pages, then by name: the order the gateway ranks rules in. */
function worseFirst<T>(items: readonly T[], figures: (item: T) => FatigueFigures, name: (item: T) => string): T[] {
  return [...items].sort(
    (a, b) =>
      figures(b).score.score - figures(a).score.score ||
      figures(b).interruptionsByHours.sleep - figures(a).interruptionsByHours.sleep ||
      name(a).localeCompare(name(b))
  );
}

export const teamsWorstFirst = (teams: readonly TeamFatigue[]) =>
  worseFirst(
    teams,
    (t) => t.figures,
    (t) => t.team
  );
export const rulesWorstFirst = (rules: readonly RuleFatigue[]) => worseFirst(rules, (r) => r.figures, ruleKey);
export const receiversWorstFirst = (receivers: readonly ReceiverFatigue[]) =>
  worseFirst(
    receivers,
    (r) => r.figures,
    (r) => r.receiver
  );

/** A rule is its name within its team (two teams may both have a HighErrorRate). */
export const ruleKey = (rule: RuleFatigue) => `${rule.team}/${rule.rule.name}`;

export function scoreBars<T>(items: readonly T[], key: (item: T) => string, figures: (item: T) => FatigueFigures) {
  return items.map((item): RankedBar => ({
    key: key(item),
    label: key(item),
    value: figures(item).score.score,
    text: `${formatScore(figures(item).score.score)} / 100`,
    tone: scoreTone(figures(item).score.score),
  }));
}

/** A component's points against its weight: "30 / 35". */
export function componentPoints(components: readonly FatigueComponent[], id: FatigueComponent['id']): string {
  const component = components.find((c) => c.id === id);
  return component ? `${Math.round(component.points)} / ${component.weight}` : NOT_APPLICABLE;
}

export const COMPONENT_IDS: ReadonlyArray<{ id: FatigueComponent['id']; header: string }> = [
  { id: 'sleep_interruptions', header: 'Sleep-hour pages' },
  { id: 'never_acknowledged', header: 'Never acknowledged' },
  { id: 'auto_resolved', header: 'Auto-resolved' },
  { id: 'flapping', header: 'Flapping' },
  { id: 'volume', header: 'Volume' },
];

export interface Evidence {
  id: 'sleep' | 'never_acknowledged' | 'auto_resolved' | 'flapping' | 'duplicates' | 'mtta' | 'receivers';
  label: string;
  value: string;
}

/** What a rule to fix first did, in the words of the on-call who lived it. */
export function ruleEvidence(rule: RuleFatigue): Evidence[] {
  const f = rule.figures;
  return [
    { id: 'sleep', label: 'Pages in sleep hours', value: `${f.interruptionsByHours.sleep} of ${f.interruptions}` },
    {
      id: 'never_acknowledged',
      label: 'Never acknowledged',
      value: `${formatShare(f.neverAcknowledged)} (${shareCount(f.neverAcknowledged, f.alerts)})`,
    },
    {
      id: 'auto_resolved',
      label: 'Resolved by themselves',
      value: `${formatShare(f.autoResolved)} (${shareCount(f.autoResolved, f.alerts)})`,
    },
    { id: 'flapping', label: 'Flapping alerts', value: String(f.flapping) },
    { id: 'duplicates', label: 'Duplicate firings', value: String(f.duplicates) },
    { id: 'mtta', label: 'MTTA', value: formatDuration(f.mtta) },
    { id: 'receivers', label: 'Receivers', value: rule.receivers.length ? rule.receivers.join(', ') : 'none' },
  ];
}

export interface ShiftRow extends OnCallShiftLoad {
  team: string;
  timeZone: string;
}

/** The shifts that carried the most pages, across teams: most interruptions, then most in sleep hours, oldest first. */
export function heaviestShifts(teams: readonly TeamFatigue[], limit = 10): ShiftRow[] {
  return teams
    .flatMap((t) => t.shifts.map((s) => ({ ...s, team: t.team, timeZone: t.timeZone })))
    .sort(
      (a, b) =>
        b.interruptions - a.interruptions ||
        b.interruptionsByHours.sleep - a.interruptionsByHours.sleep ||
        a.start - b.start
    )
    .slice(0, limit);
}

/** Teams by mean interruptions per shift, heaviest first; teams without shift history last. */
export function teamsByShiftLoad(teams: readonly TeamFatigue[]): TeamFatigue[] {
  return [...teams].sort(
    (a, b) =>
      (b.perShift?.interruptions.mean ?? -1) - (a.perShift?.interruptions.mean ?? -1) || a.team.localeCompare(b.team)
  );
}

/** Why there is no per-shift figure at all, or undefined when some team has shifts. */
export function noShiftsReason(teams: readonly TeamFatigue[]): string | undefined {
  if (teams.length === 0) {
    return 'No alert in this period matches these filters, so no team carried any page.';
  }
  if (teams.every((t) => t.shifts.length === 0)) {
    return 'The on-call source keeps no shift history for these teams (or none is configured), so pages cannot be counted per shift.';
  }
  return undefined;
}

/** One decimal for a mean of small counts: 2.5 pages per shift. */
export const formatMeanCount = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
