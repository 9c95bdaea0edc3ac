import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { type FastifyInstance } from 'fastify';

export interface GatewayMetrics {
  registry: Registry;
  httpDuration: Histogram<'route' | 'method' | 'status_code'>;
  queries: Counter<'query_type' | 'outcome'>;
}

/** A registry per app (not prom-client's global one), so several gateways in one test process do not collide. */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'opsdeck_' });
  // prom-client names these gauges *_total, which promtool's lint (and Prometheus' naming rules) keep for counters.
  for (const misnamed of ['active_handles_total', 'active_requests_total', 'active_resources_total']) {
    registry.removeSingleMetric(`opsdeck_nodejs_${misnamed}`);
  }
  return {
    registry,
    httpDuration: new Histogram({
      name: 'opsdeck_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern, method and status code',
      labelNames: ['route', 'method', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    queries: new Counter({
      name: 'opsdeck_queries_total',
      help: 'Queries answered by POST /api/query, by query type and outcome (ok, error, or aborted when the client left)',
      labelNames: ['query_type', 'outcome'],
      registers: [registry],
    }),
  };
}

export function recordHttpMetrics(app: FastifyInstance, metrics: GatewayMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        // The route pattern, not the raw URL: unknown paths share one label so scanners cannot inflate the series.
        route: request.routeOptions.url ?? 'unmatched',
        method: request.method,
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000
    );
  });
}
