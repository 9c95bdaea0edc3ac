/**
 * DORA figures and suspect-deploy rankings over stored deployments, with incidents from the alert store (the active
 * sources' timelines where there is none) and metrics from the active sources. Shared by the REST routes
 * (GET /api/deployments/dora, /suspects) and the query types `dora` and `suspect_deploys`, so a page and a dashboard
 * panel show the same numbers.
 */
import type {
  CatalogService,
  DoraGroupBy,
  DoraResponse,
  SuspectDeploysResponse,
  SuspectMetric,
  TimeRangeMs,
} from '@opsdeck/contract';
import type { AlertStore } from '../alerts/alertStore';
import { incidentsInRange } from '../alerts/incidentHistory';
import type { Source } from '../sources';
import { yieldToEventLoop } from '../query/cooperative';
import { LONGEST_RANGE_DAYS } from '../time/rangeLimits';
import { doraBy, doraFigures, type IncidentSpan } from './dora';
import type { DeploymentStore } from './store/deploymentStore';
import { MAX_LIMIT } from './store/deploymentStore';
import { findJump, rankSuspectDeploys } from './suspects';

/** A change followed by a rollback or an incident on its service within this window counts as failed. */
export const FAILURE_WINDOW_MS = 3_600_000;
/** How far before a jump a deploy is still a suspect. */
export const SUSPECT_LOOKBACK_MS = 2 * 3_600_000;
const JUMP_WINDOW_SAMPLES = 5;
const MIN_JUMP: Record<SuspectMetric, number> = { error_rate: 0.005, latency_p99: 50 };
/**
 * Suspects are looked for at one-minute steps (a jump lasts minutes): 7 days is 10,081 samples, inside the 11,000
 * points a series may have. Longer ranges would need a coarser step, which smooths away the jumps it looks for.
 */
export const SUSPECTS_MAX_RANGE_DAYS = 7;
/** A quarter or a year of DORA figures; the incidents behind them come from sources that keep 455 days. */
export const DORA_MAX_RANGE_DAYS = LONGEST_RANGE_DAYS;

export interface AnalysisDeps {
  deployments: DeploymentStore;
  sources: readonly Source[];
  /** Where incidents are read from when present: the same incidents the Incidents page and fleet_health see. */
  alerts?: AlertStore;
  /** Aborted when the client has gone away; the work stops at its next yield (ClientGoneError). */
  signal?: AbortSignal;
}

async function incidentSpans(
  deps: AnalysisDeps,
  range: TimeRangeMs,
  services: CatalogService[]
): Promise<IncidentSpan[]> {
  const { sources, signal } = deps;
  if (deps.alerts) {
    const stored = await incidentsInRange(
      deps.alerts,
      services.map((s) => s.name),
      range
    );
    return stored.map(({ incident, resolvedAt }) => ({
      service: incident.service ?? '',
      startedAt: incident.createdAt,
      resolvedAt,
    }));
  }
  const spans: IncidentSpan[] = [];
  for (const source of sources) {
    await yieldToEventLoop(signal);
    for (const event of await source.timelineEvents(range, services, ['incident'])) {
      spans.push({ service: event.service, startedAt: event.time, resolvedAt: event.timeEnd });
    }
  }
  return spans;
}

/** One row per selected service (or per team of them), even where nothing was deployed. */
export async function computeDora(
  deps: AnalysisDeps,
  services: CatalogService[],
  range: TimeRangeMs,
  groupBy: DoraGroupBy
): Promise<DoraResponse> {
  const names = services.map((s) => s.name);
  const extended = { from: range.from - FAILURE_WINDOW_MS, to: range.to + FAILURE_WINDOW_MS };
  const deployments = await deps.deployments.listDeployments({ services: names, ...extended, limit: MAX_LIMIT });
  const incidents = await incidentSpans(deps, extended, services);
  await yieldToEventLoop(deps.signal);
  const teamOf = new Map(services.map((s) => [s.name, s.team]));
  const keyOf = (service: string) =>
    groupBy === 'team' ? teamOf.get(service) : teamOf.has(service) ? service : undefined;
  const options = { range, failureWindowMs: FAILURE_WINDOW_MS };
  const figures = doraBy(deployments, incidents, keyOf, options);
  const keys = [...new Set(services.map((s) => (groupBy === 'team' ? s.team : s.name)))];
  return {
    range,
    failureWindowMs: FAILURE_WINDOW_MS,
    rows: keys.map((key) => ({ key, groupBy, figures: figures.get(key) ?? doraFigures([], [], options) })),
  };
}

/** Ranks the deploys before the largest jump of the service's metric in the range; no jump, no suspects. */
export async function computeSuspects(
  deps: AnalysisDeps,
  service: CatalogService,
  metric: SuspectMetric,
  range: TimeRangeMs,
  stepMs: number
): Promise<SuspectDeploysResponse> {
  for (const source of deps.sources) {
    await yieldToEventLoop(deps.signal);
    const series = await source.serviceMetric(service, metric, range, stepMs);
    if (!series) continue;
    await yieldToEventLoop(deps.signal);
    const jump = findJump(series, {
      windowSamples: JUMP_WINDOW_SAMPLES,
      minRelativeChange: 0.5,
      minAbsoluteChange: MIN_JUMP[metric],
    });
    if (!jump) return { service: service.name, suspects: [] };
    const deploys = await deps.deployments.listDeployments({
      services: [service.name, ...(service.dependsOn ?? [])],
      from: jump.at - SUSPECT_LOOKBACK_MS,
      to: jump.at,
      limit: MAX_LIMIT,
    });
    const incidents = await incidentSpans(deps, { from: jump.at - SUSPECT_LOOKBACK_MS, to: range.to }, [service]);
    const ranked = rankSuspectDeploys(service.name, series, jump, deploys, {
      lookbackMs: SUSPECT_LOOKBACK_MS,
      windowSamples: JUMP_WINDOW_SAMPLES,
      incidentStarts: incidents.filter((i) => i.service === service.name).map((i) => i.startedAt),
    });
    return {
      service: service.name,
      jump: {
        metric,
        at: jump.at,
        before: jump.before,
        after: jump.after,
        relativeChange: Number.isFinite(jump.relativeChange) ? jump.relativeChange : null,
      },
      suspects: ranked.map((s, index) => ({
        rank: index + 1,
        score: s.score,
        deployment: s.deployment,
        evidence: s.evidence,
      })),
    };
  }
  return { service: service.name, suspects: [] };
}
