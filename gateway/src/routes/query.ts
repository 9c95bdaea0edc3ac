import { Readable } from 'node:stream';
import { type FastifyInstance } from 'fastify';
import { type Catalog } from '../catalog';
import { type GatewayMetrics } from '../http/metrics';
import { parseQueryRequest, runQueries, type QueryRunnerDeps } from '../query';
import { signalOnClientGone } from '../query/cooperative';
import { queryResponseJson } from '../query/responseJson';
import { type Source } from '../sources';

export interface QueryRouteDeps {
  catalog: Catalog;
  sources: () => readonly Source[];
  clock: () => number;
  metrics: GatewayMetrics;
  alerts?: QueryRunnerDeps['alerts'];
  deployments?: QueryRunnerDeps['deployments'];
  slo?: QueryRunnerDeps['slo'];
  reliability?: QueryRunnerDeps['reliability'];
  fatigue?: QueryRunnerDeps['fatigue'];
  costEfficiency?: QueryRunnerDeps['costEfficiency'];
}

/** POST /api/query: Grafana-style queries in, data frames per refId out (a bad body or a client gone: http/errors.ts). */
export function queryRoute(app: FastifyInstance, deps: QueryRouteDeps): void {
  app.post('/api/query', async (request, reply) => {
    const response = await runQueries(parseQueryRequest(request.body), {
      catalog: deps.catalog,
      sources: deps.sources(),
      now: deps.clock(),
      alerts: deps.alerts,
      deployments: deps.deployments,
      slo: deps.slo,
      reliability: deps.reliability,
      fatigue: deps.fatigue,
      costEfficiency: deps.costEfficiency,
      signal: signalOnClientGone(reply.raw),
      onOutcome: (queryType, outcome) => deps.metrics.queries.inc({ query_type: queryType, outcome }),
      onFailure: (refId, error) => request.log.error({ err: error, refId }, 'query failed'),
    });
    // Written a piece at a time: a large answer never holds the event loop in one JSON.stringify.
    return reply
      .type('application/json; charset=utf-8')
      .send(Readable.from(queryResponseJson(response), { objectMode: false }));
  });
}
