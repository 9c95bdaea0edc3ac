import { type FastifyInstance } from 'fastify';
import { type QueryResponse } from '@/contract';
import { type Catalog } from '../catalog';
import { type GatewayMetrics } from '../http/metrics';
import { parseQueryRequest, QueryBodyError, runQueries, type QueryRunnerDeps } from '../query';
import { type Source } from '../sources';

export interface QueryRouteDeps {
  catalog: Catalog;
  sources: () => readonly Source[];
  clock: () => number;
  metrics: GatewayMetrics;
  alerts?: QueryRunnerDeps['alerts'];
  deployments?: QueryRunnerDeps['deployments'];
}

/** POST /api/query: Grafana-style queries in, data frames per refId out. */
export function queryRoute(app: FastifyInstance, deps: QueryRouteDeps): void {
  app.post('/api/query', async (request, reply): Promise<QueryResponse | void> => {
    try {
      return await runQueries(parseQueryRequest(request.body), {
        catalog: deps.catalog,
        sources: deps.sources(),
        now: deps.clock(),
        alerts: deps.alerts,
        deployments: deps.deployments,
        onOutcome: (queryType, outcome) => deps.metrics.queries.inc({ query_type: queryType, outcome }),
        onFailure: (refId, error) => request.log.error({ err: error, refId }, 'query failed'),
      });
    } catch (error) {
      if (error instanceof QueryBodyError) {
        return reply.code(400).send({ error: error.message, field: error.field });
      }
      throw error;
    }
  });
}
