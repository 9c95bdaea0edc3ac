import { QUERY_TYPES, type QueryResponse, type QueryType } from '@opsdeck/contract';
import { type Catalog } from '../catalog';
import { type Source } from '../sources';
import { QueryFieldError } from '../sources/queryFieldError';
import { gridTimes, stepFor, TimeStepError } from '../time/steps';
import { alertRate, mtta, openAlerts } from './alerts';
import { nextPiece, type QueryContext, type QueryHandler } from './context';
import { ClientGoneError } from './cooperative';
import { deploymentsQuery, doraQuery, suspectDeploysQuery } from './deployments';
import { cost } from './cost';
import { events } from './events';
import { infrastructure } from './infrastructure';
import { rawMetric } from './rawMetric';
import { upstreamSpend } from './upstreamSpend';
import { expectedWork } from './expectedWork';
import { fleetHealth } from './fleetHealth';
import { queryRangeProblem } from './rangeLimits';
import { issuePath, queryRequestSchema, querySchema, type ValidQueryRequest } from './schema';
import { serviceMetric } from './serviceMetric';
import { services } from './services';
import { burnRate, errorBudgetSeries, healthScoreQuery, sloTable } from './slo';
import { WorkBudget, WorkLimitError } from './workBudget';
import { alertFatigue, costEfficiencyQuery, incidentStats } from './reliability';

/** One handler per query type; adding a type to the contract without a handler fails the type check here. */
const HANDLERS: Record<QueryType, QueryHandler> = {
  fleet_health: fleetHealth,
  service_metric: serviceMetric,
  services,
  events,
  infrastructure,
  cost,
  raw_metric: rawMetric,
  upstream_spend: upstreamSpend,
  open_alerts: openAlerts,
  alert_rate: alertRate,
  mtta,
  deployments: deploymentsQuery,
  dora: doraQuery,
  suspect_deploys: suspectDeploysQuery,
  slo: sloTable,
  burn_rate: burnRate,
  error_budget: errorBudgetSeries,
  health_score: healthScoreQuery,
  incident_stats: incidentStats,
  alert_fatigue: alertFatigue,
  cost_efficiency: costEfficiencyQuery,
};

/** The whole request body is unusable; answered with 400 naming the field. */
export class QueryBodyError extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message);
  }
}

export function parseQueryRequest(body: unknown): ValidQueryRequest {
  const result = queryRequestSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issuePath(issue.path);
    throw new QueryBodyError(field, field ? `${field}: ${issue.message}` : `request body: ${issue.message}`);
  }
  const seen = new Set<string>();
  result.data.queries.forEach((query, index) => {
    if (seen.has(query.refId)) {
      throw new QueryBodyError(`queries[${index}].refId`, `queries[${index}].refId: duplicate refId "${query.refId}"`);
    }
    seen.add(query.refId);
  });
  return result.data;
}

export interface QueryRunnerDeps {
  catalog: Catalog;
  sources: readonly Source[];
  now: number;
  alerts?: QueryContext['alerts'];
  deployments?: QueryContext['deployments'];
  slo?: QueryContext['slo'];
  reliability?: QueryContext['reliability'];
  fatigue?: QueryContext['fatigue'];
  costEfficiency?: QueryContext['costEfficiency'];
  /** Aborted when the client has gone away: the queries stop at their next yield (ClientGoneError). */
  signal?: AbortSignal;
  /** Told the outcome of every query, for metrics. */
  onOutcome?: (queryType: string, outcome: 'ok' | 'error' | 'aborted') => void;
  /** Told about failures that are the gateway's fault (not the query's), for the log. */
  onFailure?: (refId: string, error: unknown) => void;
}

/** Errors that are the query's own (its fields, its range, its share of the budget): told to the panel as they are. */
function isQueryError(error: unknown): error is Error {
  return error instanceof QueryFieldError || error instanceof WorkLimitError || error instanceof TimeStepError;
}

/**
 * Answers every query of a valid request; a bad or failing query gets an error for its refId, the others still run.
 * Rejects with ClientGoneError once the client has left (deps.signal).
 */
export async function runQueries(request: ValidQueryRequest, deps: QueryRunnerDeps): Promise<QueryResponse> {
  const stepMs = stepFor(request.range, request.intervalMs, request.maxDataPoints);
  const budget = new WorkBudget();
  const context: Omit<QueryContext, 'budget'> = {
    range: request.range,
    stepMs,
    pointsPerSeries: gridTimes(request.range, stepMs),
    now: deps.now,
    catalog: deps.catalog,
    sources: deps.sources,
    alerts: deps.alerts,
    deployments: deps.deployments,
    slo: deps.slo,
    reliability: deps.reliability,
    fatigue: deps.fatigue,
    costEfficiency: deps.costEfficiency,
    signal: deps.signal,
  };
  const answers = await Promise.all(
    request.queries.map(async (raw) => {
      const parsed = querySchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        // Only known types become metric labels: arbitrary strings would grow the label set without bound.
        const knownType = QUERY_TYPES.find((type) => type === raw.queryType);
        deps.onOutcome?.(knownType ?? 'invalid', 'error');
        return [raw.refId, { error: `${issuePath(issue.path)}: ${issue.message}` }] as const;
      }
      const query = parsed.data;
      if (query.hide) {
        return [query.refId, { frames: [] }] as const;
      }
      const tooLong = queryRangeProblem(query.queryType, context.range);
      if (tooLong) {
        deps.onOutcome?.(query.queryType, 'error');
        return [query.refId, { error: `range: ${tooLong}` }] as const;
      }
      // Set aside before the first await: queries claim the budget in the order the request lists them.
      let allowance: ReturnType<WorkBudget['allow']> | undefined;
      try {
        allowance = budget.allow(expectedWork(context, query));
        const own: QueryContext = { ...context, budget: allowance };
        await nextPiece(own);
        const frames = await HANDLERS[query.queryType](own, query);
        deps.onOutcome?.(query.queryType, 'ok');
        return [query.refId, { frames }] as const;
      } catch (error) {
        if (error instanceof ClientGoneError) {
          deps.onOutcome?.(query.queryType, 'aborted');
          throw error;
        }
        if (isQueryError(error)) {
          deps.onOutcome?.(query.queryType, 'error');
          return [query.refId, { error: error.message }] as const;
        }
        deps.onFailure?.(query.refId, error);
        deps.onOutcome?.(query.queryType, 'error');
        return [
          query.refId,
          { error: `the gateway failed to answer this ${query.queryType} query; see its log` },
        ] as const;
      } finally {
        allowance?.release();
      }
    })
  );
  return { results: Object.fromEntries(answers) };
}
