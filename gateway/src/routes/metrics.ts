import { type FastifyInstance } from 'fastify';
import { type GatewayMetrics } from '../http/metrics';

/** GET /metrics in Prometheus text format. Outside /api, so scrapers need no token; it holds no business data. */
export function metricsRoute(app: FastifyInstance, metrics: GatewayMetrics): void {
  app.get('/metrics', { config: { access: 'public' } }, async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
