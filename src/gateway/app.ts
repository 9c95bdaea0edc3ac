import Fastify, { type FastifyInstance, type preHandlerAsyncHookHandler } from 'fastify';
import { type Catalog } from './catalog';
import { type GatewayConfig } from './config';
import { apiTokenGuard, writeRouteGuard } from './http/auth';
import { registerErrorHandlers } from './http/errors';
import { createGatewayMetrics, recordHttpMetrics } from './http/metrics';
import { healthRoute } from './routes/health';
import { postmortemRoutes } from './postmortems/postmortemRoutes';
import { metricsRoute } from './routes/metrics';
import { queryRoute } from './routes/query';
import { servicesRoute } from './routes/services';
import { activeSources, type Source } from './sources';
import { type Store } from './store';

export interface GatewayDeps {
  config: Pick<GatewayConfig, 'apiToken' | 'logLevel'>;
  catalog: Catalog;
  store: Store;
  /** Every configured source; the app decides which are active (the demo fleet only when no real one exists). */
  sources: Source[];
  /** "Now" for queries that look at the current state; tests pin it. */
  clock?: () => number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler for write endpoints: only requests through the datasource's Editor route pass. */
    requireWriteRoute: preHandlerAsyncHookHandler;
  }
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the gateway app without listening; the caller owns the store and closes it after the app. */
export async function buildApp(deps: GatewayDeps): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
  });
  const metrics = createGatewayMetrics();
  const clock = deps.clock ?? Date.now;

  app.decorate('requireWriteRoute', writeRouteGuard(deps.config.apiToken));
  app.addHook('onRequest', apiTokenGuard(deps.config.apiToken));
  recordHttpMetrics(app, metrics);
  registerErrorHandlers(app);

  healthRoute(app, {
    apiToken: deps.config.apiToken,
    store: deps.store,
    sources: deps.sources,
    active: activeSources(deps.sources),
  });
  servicesRoute(app, deps.catalog);
  queryRoute(app, { catalog: deps.catalog, sources: () => activeSources(deps.sources), clock, metrics });
  postmortemRoutes(app, { store: deps.store, clock });
  metricsRoute(app, metrics);
  return app;
}
