/** GET /api/deployments/dora and GET /api/deployments/suspects: the figures the query types answer, as JSON. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  DEPLOYMENT_DORA_PATH,
  DEPLOYMENT_SUSPECTS_PATH,
  SUSPECT_METRICS,
  type DoraGroupBy,
  type SuspectMetric,
} from '@opsdeck/contract';
import type { AlertStore } from '../../alerts/alertStore';
import type { Catalog } from '../../catalog';
import type { Source } from '../../sources';
import { signalOnClientGone } from '../../query/cooperative';
import { computeDora, computeSuspects, DORA_MAX_RANGE_DAYS, SUSPECTS_MAX_RANGE_DAYS } from '../analysis';
import type { DeploymentsModule } from '../deploymentsModule';
import { ParamError, servicesOf, timeRange, type QueryString } from './params';

export interface AnalysisRoutesDeps {
  module: DeploymentsModule;
  catalog: Catalog;
  sources: () => readonly Source[];
  /** Where DORA reads incidents from; without it, the sources' incident timelines. */
  alerts?: AlertStore;
  clock: () => number;
}

const DAY_MS = 86_400_000;
const SUSPECT_DEFAULT_RANGE_MS = 6 * 3_600_000;
const SUSPECT_STEP_MS = 60_000;
const DORA_LIMIT = { maxDays: DORA_MAX_RANGE_DAYS, what: 'GET /api/deployments/dora' };
const SUSPECTS_LIMIT = { maxDays: SUSPECTS_MAX_RANGE_DAYS, what: 'GET /api/deployments/suspects' };

export function analysisRoutes(app: FastifyInstance, deps: AnalysisRoutesDeps): void {
  const analysisDeps = (reply: FastifyReply) => ({
    deployments: deps.module.deployments,
    sources: deps.sources(),
    alerts: deps.alerts,
    signal: signalOnClientGone(reply.raw),
  });

  app.get<{ Querystring: QueryString }>(DEPLOYMENT_DORA_PATH, async (request, reply) => {
    const groupBy = (request.query.groupBy ?? 'service') as DoraGroupBy;
    if (groupBy !== 'service' && groupBy !== 'team') {
      throw new ParamError('groupBy', '"groupBy" must be service or team');
    }
    const services = servicesOf(deps.catalog, request.query) ?? deps.catalog.services;
    const window = timeRange(request.query, { now: deps.clock(), lengthMs: 30 * DAY_MS }, DORA_LIMIT);
    return await computeDora(analysisDeps(reply), services, window, groupBy);
  });

  app.get<{ Querystring: QueryString }>(DEPLOYMENT_SUSPECTS_PATH, async (request, reply) => {
    const service = deps.catalog.services.find((s) => s.name === request.query.service);
    if (!service) throw new ParamError('service', `"service" must name a catalog service`);
    const metric = (request.query.metric ?? 'error_rate') as SuspectMetric;
    if (!SUSPECT_METRICS.includes(metric)) {
      throw new ParamError('metric', `"metric" must be one of ${SUSPECT_METRICS.join(', ')}`);
    }
    const window = timeRange(request.query, { now: deps.clock(), lengthMs: SUSPECT_DEFAULT_RANGE_MS }, SUSPECTS_LIMIT);
    return await computeSuspects(analysisDeps(reply), service, metric, window, SUSPECT_STEP_MS);
  });
}
