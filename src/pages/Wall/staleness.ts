import { type SourceState, type WallFeedState } from './wallFeed';

/** Figures on screen that are not current: since when they are the last known, and why. */
export interface StaleMark {
  since: number;
  /** Short, for across the room: "the gateway is not answering". */
  reason: string;
  /** The error as the client or the gateway put it, for whoever walks up to the screen. */
  detail?: string;
}

export interface WallStaleness {
  /** Status and incidents (fleet_health). */
  fleet?: StaleMark;
  /** Health scores, budgets and burn-rate alerts (/api/slo). */
  slo?: StaleMark;
  /** The oldest of the two: what the Wall's notice says. */
  since?: number;
}

/** Without any failure seen, figures this much older than the update interval mean the updates stopped. */
const MISSED_UPDATES = 3;
const MIN_MAX_AGE_MS = 30_000;

function sourceStale<T>(source: SourceState<T>, now: number, maxAgeMs: number): StaleMark | undefined {
  if (source.updatedAt === undefined) {
    return undefined; // Nothing on screen to mistake for current.
  }
  if (source.failingSince !== undefined) {
    return { since: source.updatedAt, reason: 'the gateway is not answering', detail: source.error };
  }
  if (now - source.updatedAt > maxAgeMs) {
    return { since: source.updatedAt, reason: `no update for ${Math.round((now - source.updatedAt) / 1000)} s` };
  }
  return undefined;
}

export function wallStaleness(state: WallFeedState, now: number, intervalMs: number): WallStaleness {
  const maxAge = Math.max(MIN_MAX_AGE_MS, MISSED_UPDATES * intervalMs);
  const upstream = state.fleet.data?.upstreamStale;
  const upstreamMark = upstream
    ? { since: upstream.since, reason: 'an upstream source is failing', detail: upstream.reason }
    : undefined;
  const gatewayMark = sourceStale(state.fleet, now, maxAge);
  // Figures that were already an upstream's old answer when the gateway stopped are as old as that answer.
  const fleet =
    gatewayMark && upstreamMark && upstreamMark.since < gatewayMark.since
      ? { ...gatewayMark, since: upstreamMark.since }
      : (gatewayMark ?? upstreamMark);
  const slo = sourceStale(state.slo, now, maxAge);
  const times = [fleet?.since, slo?.since].filter((t): t is number => t !== undefined);
  return { fleet, slo, since: times.length > 0 ? Math.min(...times) : undefined };
}
