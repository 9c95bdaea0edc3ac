/**
 * Alert fatigue per alert rule and team (issue 13), free of I/O: how often a rule interrupts people, at what hours,
 * and how often that was for nothing. Definitions and the score are in docs/alert-fatigue.md.
 */
import type {
  FatigueComponent,
  FatigueFigures,
  FatigueReport,
  FatigueScore,
  HourClass,
  RuleFatigue,
  RuleRef,
  TeamFatigue,
  TimeRangeMs,
} from '@opsdeck/contract';
import { hourClass } from './hourClass';
import { shiftLoads, type ShiftSpan } from './shiftLoad';

export { HOUR_CLASSES } from '@opsdeck/contract';
export type { HourClass, RuleRef } from '@opsdeck/contract';
export { hourClass } from './hourClass';

/** One firing of one alert, from its first firing state to its resolution (source times, epoch ms). */
export interface AlertEpisode {
  alertId: string;
  rule: RuleRef;
  service?: string;
  team?: string;
  firedAt: number;
  acknowledgedAt?: number;
  resolvedAt?: number;
  /** It notified a person (a paging source, or critical severity): an interruption. */
  paged: boolean;
  /** Alertmanager's receiver, when it came through one. */
  receiver?: string;
}

/** A resolution this soon after firing, with nobody acknowledging, counts as auto-resolved: it needed no one. */
export const AUTO_RESOLVE_MS = 5 * 60_000;
/** Fired this many times within FLAP_WINDOW_MS: flapping. */
export const FLAP_FIRINGS = 3;
export const FLAP_WINDOW_MS = 60 * 60_000;
const WEEK_MS = 7 * 86_400_000;

/** Interruptions in sleep hours per week at which the sleep component is full. */
const SLEEP_FULL_PER_WEEK = 3;
/** Alerts per week at which the volume component is full. */
const VOLUME_FULL_PER_WEEK = 100;

export function fatigueScore(f: Omit<FatigueFigures, 'score'>, weeks: number): FatigueScore {
  const share = (n: number) => (f.alerts > 0 ? n / f.alerts : 0);
  const sleepPerWeek = f.interruptionsByHours.sleep / weeks;
  const components: FatigueComponent[] = [
    {
      id: 'sleep_interruptions',
      label: 'Pages in sleep hours',
      weight: 35,
      points: 35 * Math.min(1, sleepPerWeek / SLEEP_FULL_PER_WEEK),
      detail: `${f.interruptionsByHours.sleep} pages between 22:00 and 08:00 (${round(sleepPerWeek)} a week; full at ${SLEEP_FULL_PER_WEEK})`,
    },
    {
      id: 'never_acknowledged',
      label: 'Never acknowledged',
      weight: 25,
      points: 25 * f.neverAcknowledged,
      detail: `${Math.round(f.neverAcknowledged * 100)}% of alerts nobody acknowledged`,
    },
    {
      id: 'auto_resolved',
      label: 'Resolved by themselves within 5 minutes',
      weight: 20,
      points: 20 * f.autoResolved,
      detail: `${Math.round(f.autoResolved * 100)}% resolved within 5 minutes with no one acting`,
    },
    {
      id: 'flapping',
      label: 'Flapping',
      weight: 10,
      points: 10 * share(f.flapping),
      detail: `${f.flapping} alerts fired ${FLAP_FIRINGS} or more times within an hour`,
    },
    {
      id: 'volume',
      label: 'Volume',
      weight: 10,
      points: 10 * Math.min(1, f.alertsPerWeek / VOLUME_FULL_PER_WEEK),
      detail: `${round(f.alertsPerWeek)} alerts a week (full at ${VOLUME_FULL_PER_WEEK})`,
    },
  ];
  for (const c of components) c.points = round(c.points);
  return { score: round(components.reduce((sum, c) => sum + c.points, 0)), components };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The figures of a set of episodes over a range of `rangeMs`, hours classed in `timeZone`. */
export function fatigueFigures(episodes: readonly AlertEpisode[], rangeMs: number, timeZone: string): FatigueFigures {
  const weeks = Math.max(rangeMs, 1) / WEEK_MS;
  const byHours: Record<HourClass, number> = { business: 0, off: 0, sleep: 0 };
  let interruptions = 0;
  let neverAcked = 0;
  let autoResolved = 0;
  let ackTotal = 0;
  let acked = 0;
  for (const e of episodes) {
    if (e.paged) {
      interruptions++;
      byHours[hourClass(e.firedAt, timeZone)]++;
    }
    const ack = e.acknowledgedAt !== undefined && e.acknowledgedAt >= e.firedAt ? e.acknowledgedAt : undefined;
    if (ack === undefined) neverAcked++;
    else {
      acked++;
      ackTotal += ack - e.firedAt;
    }
    if (
      ack === undefined &&
      e.resolvedAt !== undefined &&
      e.resolvedAt - e.firedAt <= AUTO_RESOLVE_MS &&
      e.resolvedAt >= e.firedAt
    ) {
      autoResolved++;
    }
  }
  const figures = {
    alerts: episodes.length,
    interruptions,
    interruptionsByHours: byHours,
    alertsPerWeek: round(episodes.length / weeks),
    interruptionsPerWeek: round(interruptions / weeks),
    neverAcknowledged: episodes.length ? neverAcked / episodes.length : 0,
    autoResolved: episodes.length ? autoResolved / episodes.length : 0,
    flapping: flappingAlerts(episodes),
    duplicates: duplicateFirings(episodes),
    ...(acked > 0 ? { mtta: ackTotal / acked } : {}),
  };
  return { ...figures, score: fatigueScore(figures, weeks) };
}

/** Alerts with FLAP_FIRINGS firings inside some FLAP_WINDOW_MS. */
export function flappingAlerts(episodes: readonly AlertEpisode[]): number {
  let flapping = 0;
  for (const list of groupBy(episodes, (e) => e.alertId).values()) {
    const times = list.map((e) => e.firedAt).sort((a, b) => a - b);
    if (
      times.some((t, i) => i + FLAP_FIRINGS - 1 < times.length && times[i + FLAP_FIRINGS - 1] - t <= FLAP_WINDOW_MS)
    ) {
      flapping++;
    }
  }
  return flapping;
}

/** Firings while another alert (another id) of the same rule and service was still firing. */
export function duplicateFirings(episodes: readonly AlertEpisode[]): number {
  let duplicates = 0;
  for (const group of groupBy(episodes, (e) => JSON.stringify([e.rule.kind, e.rule.name, e.service ?? ''])).values()) {
    const ordered = [...group].sort((a, b) => a.firedAt - b.firedAt || a.alertId.localeCompare(b.alertId));
    // A sweep in firing order: the firings still going, by when they end, and how many of them each alert has.
    const ends: Array<{ at: number; alertId: string }> = [];
    const goingPerAlert = new Map<string, number>();
    for (const e of ordered) {
      while (ends.length > 0 && ends[0].at <= e.firedAt) {
        const done = ends.shift()!;
        goingPerAlert.set(done.alertId, goingPerAlert.get(done.alertId)! - 1);
      }
      if (ends.length - (goingPerAlert.get(e.alertId) ?? 0) > 0) duplicates++;
      const at = e.resolvedAt ?? Number.POSITIVE_INFINITY;
      ends.splice(sortedIndex(ends, at), 0, { at, alertId: e.alertId });
      goingPerAlert.set(e.alertId, (goingPerAlert.get(e.alertId) ?? 0) + 1);
    }
  }
  return duplicates;
}

function sortedIndex(ends: ReadonlyArray<{ at: number }>, at: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ends[mid].at <= at) low = mid + 1;
    else high = mid;
  }
  return low;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export const FIX_FIRST = 10;

/** The first-level on-call shifts of the report's teams, for the per-shift figures. */
export interface ReportShifts {
  range: TimeRangeMs;
  /** Whole shifts (clipped here); teams without an entry have none. */
  byTeam: ReadonlyMap<string, readonly ShiftSpan[]>;
}

/**
 * Rules are kept per team: one rule shared by two teams is two rows, each in its team's hours. A team with shifts
 * but no alerts is listed too: quiet shifts are an answer, not a gap.
 */
export function fatigueReport(
  episodes: readonly AlertEpisode[],
  rangeMs: number,
  timeZoneOf: (team: string) => string,
  shifts?: ReportShifts
): FatigueReport {
  const NO_TEAM = '';
  const byRule = groupBy(episodes, (e) => JSON.stringify([e.team ?? NO_TEAM, e.rule.kind, e.rule.name]));
  const byTeam = groupBy(episodes, (e) => e.team ?? NO_TEAM);
  const rules: RuleFatigue[] = [...byRule.values()].map((list) => {
    const team = list[0].team ?? NO_TEAM;
    return {
      rule: list[0].rule,
      team,
      services: [...new Set(list.flatMap((e) => (e.service ? [e.service] : [])))].sort(),
      receivers: [...new Set(list.flatMap((e) => (e.receiver ? [e.receiver] : [])))].sort(),
      figures: fatigueFigures(list, rangeMs, timeZoneOf(team)),
    };
  });
  rules.sort(
    (a, b) =>
      b.figures.score.score - a.figures.score.score ||
      b.figures.interruptionsByHours.sleep - a.figures.interruptionsByHours.sleep ||
      b.figures.alerts - a.figures.alerts ||
      a.rule.name.localeCompare(b.rule.name)
  );
  for (const [team, list] of shifts?.byTeam ?? []) {
    if (list.length > 0 && !byTeam.has(team)) byTeam.set(team, []);
  }
  const teams = [...byTeam.entries()]
    .map(([team, list]): TeamFatigue => {
      const timeZone = timeZoneOf(team);
      const teamShifts = shifts?.byTeam.get(team) ?? [];
      return {
        team,
        timeZone,
        figures: fatigueFigures(list, rangeMs, timeZone),
        ...(shifts && teamShifts.length > 0
          ? shiftLoads(list, teamShifts, shifts.range, timeZone)
          : { shifts: [], perShift: null }),
      };
    })
    .sort((a, b) => b.figures.score.score - a.figures.score.score || a.team.localeCompare(b.team));
  const receivers = [
    ...groupBy(
      episodes.filter((e) => e.receiver),
      (e) => e.receiver!
    ),
  ]
    .map(([receiver, list]) => ({ receiver, figures: fatigueFigures(list, rangeMs, 'UTC') }))
    .sort((a, b) => b.figures.score.score - a.figures.score.score || a.receiver.localeCompare(b.receiver));
  return { rules, teams, receivers, fixFirst: rules.slice(0, FIX_FIRST) };
}
