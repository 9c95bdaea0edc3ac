/**
 * Which deploy to suspect when a service's error rate or latency jumps (pure). The jump is a step between the mean
 * of a baseline window and the mean after it; each deploy (the service's own and its dependencies') that finished
 * in the window before the jump is scored by how close it came to the jump, whose it is, and how much the metric
 * moved across it. An incident of the service that started soon after a deploy landed is the strongest sign that the
 * deploy hurt, so it is evidence too.
 */
import type { Deployment } from '@opsdeck/contract';

export interface MetricPoints {
  times: readonly number[];
  values: ReadonlyArray<number | null>;
}

export interface Jump {
  /** Time of the first sample at the new level. */
  at: number;
  before: number;
  after: number;
  /** after / before - 1 (Infinity from a zero baseline). */
  relativeChange: number;
}

export interface JumpOptions {
  /** Samples averaged on each side. */
  windowSamples: number;
  /** Minimum relative rise, e.g. 0.5 for +50%. */
  minRelativeChange: number;
  /** Minimum absolute rise, so noise around zero is not a jump. */
  minAbsoluteChange: number;
}

function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

function window(series: MetricPoints, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(series.values.length, to); i++) {
    const v = series.values[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** The largest upward step in the series that passes both thresholds; undefined when there is none. */
export function findJump(series: MetricPoints, options: JumpOptions): Jump | undefined {
  let best: Jump | undefined;
  let bestRise = 0;
  for (let i = options.windowSamples; i + options.windowSamples <= series.values.length; i++) {
    const before = mean(window(series, i - options.windowSamples, i));
    const after = mean(window(series, i, i + options.windowSamples));
    if (before === undefined || after === undefined) continue;
    const rise = after - before;
    const relative = before === 0 ? (rise > 0 ? Infinity : 0) : rise / Math.abs(before);
    if (rise >= options.minAbsoluteChange && relative >= options.minRelativeChange && rise > bestRise) {
      bestRise = rise;
      best = { at: series.times[i]!, before, after, relativeChange: relative };
    }
  }
  return best;
}

export interface SuspectEvidence {
  /** Minutes between the deploy finishing (or starting, if still running) and the jump. */
  minutesBeforeJump: number;
  ownService: boolean;
  /** The metric's mean just before the deploy started and just after it ended. */
  metricBefore?: number;
  metricAfter?: number;
  /** Share of the jump that happened across this deploy (0–1, clamped). */
  shareOfJump: number;
  /** Minutes from the deploy landing to the first incident of the service within the incident window after it. */
  incidentMinutesAfter?: number;
}

export interface SuspectDeploy {
  deployment: Deployment;
  score: number;
  evidence: SuspectEvidence;
}

export interface SuspectOptions {
  /** How far before the jump a deploy is still considered. */
  lookbackMs: number;
  /** Samples averaged each side of a deploy. */
  windowSamples: number;
  /** Weight of a dependency's deploy relative to the service's own. */
  dependencyWeight?: number;
  /**
   * Start times of the service's incidents (the alert store's, as everywhere else). When given, a deploy that no
   * incident followed within `incidentWindowMs` keeps only `unfollowedWeight` of its score.
   */
  incidentStarts?: readonly number[];
  incidentWindowMs?: number;
  unfollowedWeight?: number;
}

const DEFAULT_INCIDENT_WINDOW_MS = 60 * 60_000;
const DEFAULT_UNFOLLOWED_WEIGHT = 0.75;

/** Minutes from `landed` to the first incident start in [landed, landed + window]; undefined when none. */
function firstIncidentAfter(starts: readonly number[], landed: number, windowMs: number): number | undefined {
  let first: number | undefined;
  for (const start of starts) {
    if (start >= landed && start <= landed + windowMs && (first === undefined || start < first)) first = start;
  }
  return first === undefined ? undefined : (first - landed) / 60_000;
}

function meanAround(series: MetricPoints, time: number, side: 'before' | 'after', samples: number): number | undefined {
  const index = series.times.findIndex((t) => t >= time);
  const at = index < 0 ? series.times.length : index;
  return side === 'before' ? mean(window(series, at - samples, at)) : mean(window(series, at, at + samples));
}

/** Ranks deploys in [jump - lookback, jump], best suspect first. `service` names whose metric jumped. */
export function rankSuspectDeploys(
  service: string,
  series: MetricPoints,
  jump: Jump,
  deploys: readonly Deployment[],
  options: SuspectOptions
): SuspectDeploy[] {
  const dependencyWeight = options.dependencyWeight ?? 0.6;
  const incidentWindowMs = options.incidentWindowMs ?? DEFAULT_INCIDENT_WINDOW_MS;
  const unfollowedWeight = options.unfollowedWeight ?? DEFAULT_UNFOLLOWED_WEIGHT;
  const rise = jump.after - jump.before;
  return deploys
    .map((deployment) => {
      const landed = deployment.finishedAt ?? deployment.startedAt;
      return { deployment, landed };
    })
    .filter(({ deployment, landed }) => deployment.startedAt <= jump.at && landed >= jump.at - options.lookbackMs)
    .map(({ deployment, landed }): SuspectDeploy => {
      const gapMs = Math.max(0, jump.at - landed);
      const metricBefore = meanAround(series, deployment.startedAt, 'before', options.windowSamples);
      const metricAfter = meanAround(series, Math.min(landed, jump.at), 'after', options.windowSamples);
      const moved =
        metricBefore !== undefined && metricAfter !== undefined && rise > 0 ? (metricAfter - metricBefore) / rise : 0;
      const shareOfJump = Math.min(1, Math.max(0, moved));
      const ownService = deployment.service === service;
      // Closeness halves every quarter of the lookback: a deploy minutes before the jump beats one hours before.
      const closeness = Math.pow(0.5, gapMs / (options.lookbackMs / 4));
      const incidentMinutesAfter = options.incidentStarts
        ? firstIncidentAfter(options.incidentStarts, landed, incidentWindowMs)
        : undefined;
      const incidentWeight = !options.incidentStarts || incidentMinutesAfter !== undefined ? 1 : unfollowedWeight;
      const score = closeness * (ownService ? 1 : dependencyWeight) * (0.5 + 0.5 * shareOfJump) * incidentWeight;
      return {
        deployment,
        score,
        evidence: {
          minutesBeforeJump: gapMs / 60_000,
          ownService,
          metricBefore,
          metricAfter,
          shareOfJump,
          ...(incidentMinutesAfter === undefined ? {} : { incidentMinutesAfter }),
        },
      };
    })
    .sort((a, b) => b.score - a.score || b.deployment.startedAt - a.deployment.startedAt);
}
