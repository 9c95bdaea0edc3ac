/** GET /api/deployments/dora and GET /api/deployments/suspects: the figures the query types answer, as JSON. */
import type { FastifyInstance } from 'fastify';
import {
  DEPLOYMENT_DORA_PATH,
  DEPLOYMENT_SUSPECTS_PATH,
  SUSPECT_METRICS,
  type DoraGroupBy,
  type SuspectMetric,
} from '@/contract';
import type { Catalog } from '@/gateway/catalog';
import type { Source } from '@/gateway/sources';
import { computeDora, computeSuspects } from '../analysis';
import type { DeploymentsModule } from '../deploymentsModule';
import { integer, ParamError, servicesOf, type QueryString } from './params';
import { replyKnownError } from './replyErrors';

export interface AnalysisRoutesDeps {
  module: DeploymentsModule;
  catalog: Catalog;
  sources: () => readonly Source[];
  clock: () => number;
}

const DAY_MS = 86_400_000;
const SUSPECT_DEFAULT_RANGE_MS = 6 * 3_600_000;
const SUSPECT_STEP_MS = 60_000;

function range(query: QueryString, now: number, defaultMs: number) {
  const to = integer(query, 'to') ?? now;
  const from = integer(query, 'from') ?? to - defaultMs;
  if (from >= to) throw new ParamError('from', '"from" must be before "to"');
  return { from, to };
}

export function analysisRoutes(app: FastifyInstance, deps: AnalysisRoutesDeps): void {
  const analysisDeps = () => ({ deployments: deps.module.deployments, sources: deps.sources() });

  app.get<{ Querystring: QueryString }>(DEPLOYMENT_DORA_PATH, async (request, reply) => {
    try {
      const groupBy = (request.query.groupBy ?? 'service') as DoraGroupBy;
      if (groupBy !== 'service' && groupBy !== 'team') {
        throw new ParamError('groupBy', '"groupBy" must be service or team');
      }
      const services = servicesOf(deps.catalog, request.query) ?? deps.catalog.services;
      return await computeDora(analysisDeps(), services, range(request.query, deps.clock(), 30 * DAY_MS), groupBy);
    } catch (err) {
      return replyKnownError(reply, err);
    }
  });

  app.get<{ Querystring: QueryString }>(DEPLOYMENT_SUSPECTS_PATH, async (request, reply) => {
    try {
      const service = deps.catalog.services.find((s) => s.name === request.query.service);
      if (!service) throw new ParamError('service', `"service" must name a catalog service`);
      const metric = (request.query.metric ?? 'error_rate') as SuspectMetric;
      if (!SUSPECT_METRICS.includes(metric)) {
        throw new ParamError('metric', `"metric" must be one of ${SUSPECT_METRICS.join(', ')}`);
      }
      const window = range(request.query, deps.clock(), SUSPECT_DEFAULT_RANGE_MS);
      return await computeSuspects(analysisDeps(), service, metric, window, SUSPECT_STEP_MS);
    } catch (err) {
      return replyKnownError(reply, err);
    }
  });
}
