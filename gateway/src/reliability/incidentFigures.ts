/**
 * MTTA, MTTR and MTBF from incident times (issue 13), free of I/O. Times are the source's own (the webhook's
 * occurred_at, the upstream's timestamps), so a replayed or late-polled event changes nothing.
 *
 * Choices, documented in docs/reliability.md:
 * - Time to acknowledge is triggered → first acknowledgement; an incident resolved without one was acknowledged by
 *   its resolution (someone acted). So every resolved incident has both, and its TTA ≤ TTR.
 * - Time between failures is, per service, a resolution → the next trigger of that service. Incidents that overlap
 *   the previous one (triggered before it resolved) add no gap: a failure is not "between" while one is ongoing.
 * - Incidents inside a maintenance window are left out of MTBF unless asked for (planned work is not a failure);
 *   they still count for MTTA and MTTR, which measure the response.
 * - An event stamped before the trigger (clock skew between systems) is dropped rather than counted as negative.
 */

export interface IncidentTimes {
  id: string;
  service?: string;
  /** Epoch ms, the source's time. */
  triggeredAt: number;
  acknowledgedAt?: number;
  resolvedAt?: number;
  /** Triggered inside a maintenance window of its service. */
  inMaintenance?: boolean;
}

/** Durations in milliseconds. */
export interface Distribution {
  count: number;
  mean: number;
  median: number;
  p90: number;
}

export interface IncidentFigures {
  mtta?: Distribution;
  mttr?: Distribution;
  mtbf?: Distribution;
}

export interface FigureOptions {
  /** Count incidents inside maintenance windows in MTBF too. */
  includeMaintenance?: boolean;
}

/** Nearest-rank percentile of sorted values. */
function rank(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function distribution(values: readonly number[]): Distribution | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    count: sorted.length,
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    median,
    p90: rank(sorted, 0.9),
  };
}

export function timeToAcknowledge(incident: IncidentTimes): number | undefined {
  const candidates = [incident.acknowledgedAt, incident.resolvedAt].filter(
    (t): t is number => t !== undefined && t >= incident.triggeredAt
  );
  return candidates.length > 0 ? Math.min(...candidates) - incident.triggeredAt : undefined;
}

export function timeToResolve(incident: IncidentTimes): number | undefined {
  const { resolvedAt, triggeredAt } = incident;
  return resolvedAt !== undefined && resolvedAt >= triggeredAt ? resolvedAt - triggeredAt : undefined;
}

/** Gaps between one service's failures: each resolution to the next trigger after it. */
export function timesBetweenFailures(incidents: readonly IncidentTimes[], options: FigureOptions = {}): number[] {
  const byService = new Map<string, IncidentTimes[]>();
  for (const incident of incidents) {
    if (incident.service === undefined) continue;
    if (incident.inMaintenance && !options.includeMaintenance) continue;
    byService.set(incident.service, [...(byService.get(incident.service) ?? []), incident]);
  }
  const gaps: number[] = [];
  for (const list of byService.values()) {
    const ordered = [...list].sort((a, b) => a.triggeredAt - b.triggeredAt || a.id.localeCompare(b.id));
    // Service restored at the latest resolution so far; an unresolved incident leaves it down from then on.
    let restoredAt: number | undefined;
    let down = false;
    for (const incident of ordered) {
      if (!down && restoredAt !== undefined && incident.triggeredAt >= restoredAt) {
        gaps.push(incident.triggeredAt - restoredAt);
      }
      const ttr = timeToResolve(incident);
      if (ttr === undefined) down = true;
      else restoredAt = Math.max(restoredAt ?? Number.NEGATIVE_INFINITY, incident.triggeredAt + ttr);
    }
  }
  return gaps;
}

export function incidentFigures(incidents: readonly IncidentTimes[], options: FigureOptions = {}): IncidentFigures {
  const defined = (values: Array<number | undefined>) => values.filter((v): v is number => v !== undefined);
  return {
    mtta: distribution(defined(incidents.map(timeToAcknowledge))),
    mttr: distribution(defined(incidents.map(timeToResolve))),
    mtbf: distribution(timesBetweenFailures(incidents, options)),
  };
}

/** The change against the previous period: positive = longer now. Undefined when either side has no figure. */
export function trend(current?: Distribution, previous?: Distribution): { delta: number; ratio?: number } | undefined {
  if (!current || !previous) return undefined;
  const delta = current.mean - previous.mean;
  return previous.mean > 0 ? { delta, ratio: delta / previous.mean } : { delta };
}
