import Fastify, { type FastifyInstance, type preHandlerAsyncHookHandler } from 'fastify';
import { registerAlerts } from './alerts/registerAlerts';
import { registerAlertActions, type AlertActionsDeps } from './alerts/actions/registerAlertActions';
import { type Catalog } from './catalog';
import { type GatewayConfig } from './config';
import { type WebhookSettings } from './config/types';
import { registerDeployments, type DeploymentAppOptions } from './deployments/http/registerDeployments';
import { registerAccessControl } from './http/access';
import { drainBeforeTooLarge } from './http/bodyLimit';
import { clientErrorAnswerer } from './http/clientErrors';
import { writeRouteGuard } from './http/auth';
import { registerErrorHandlers } from './http/errors';
import { loggerOptions } from './http/logging';
import { parseQueryString, registerParameterHygiene } from './http/queryString';
import { createGatewayMetrics, recordHttpMetrics } from './http/metrics';
import { registerUpstreamMetrics } from './http/upstreamMetrics';
import { awsEventsRoute } from './routes/awsEvents';
import { healthRoute } from './routes/health';
import { postmortemRoutes } from './postmortems/postmortemRoutes';
import { metricsRoute } from './routes/metrics';
import { queryRoute } from './routes/query';
import { servicesRoute } from './routes/services';
import { sloRoute } from './routes/slo';
import { reliabilityRoute } from './reliability/reliabilityRoute';
import { ReliabilityReader } from './reliability/reliabilityReader';
import { FatigueReader, fatigueRoute } from './reliability/fatigueRoute';
import { CostEfficiencyReader, costEfficiencyRoute } from './reliability/costEfficiencyRoute';
import { reportRoute } from './reliability/reportRoute';
import { KpiExporter } from './reliability/kpiExporter';
import { MaintenanceStore } from './alerts/maintenance/maintenanceStore';
import { SloEvaluator } from './slo/sloEvaluator';
import { startBurnAlertJob, type BurnAlertJob } from './slo/burnAlerts/burnAlertJob';
import { activeSources, DemoSource, type Source } from './sources';
import { type Store } from './store';
import { clusterFor } from './cluster/cluster';
import { replicaId } from './cluster/replicaId';
import { parseSecretList } from './upstream/sharedSecret';
import { DEFAULT_WEBHOOK_BODY_LIMIT } from './upstream/webhookConfig';
import { type RedisSharedCache } from './cluster/redisSharedCache';

export interface GatewayDeps {
  config: Pick<GatewayConfig, 'apiToken' | 'logLevel'>;
  catalog: Catalog;
  store: Store;
  /** Every configured source; the app decides which are active (the demo fleet only when no real one exists). */
  sources: Source[];
  /** "Now" for queries that look at the current state; tests pin it. */
  clock?: () => number;
  /** Inbound alert webhook settings (LoadedConfig.webhooks); absent = every webhook refuses (401). */
  webhooks?: WebhookSettings;
  /** Incident tools (LoadedConfig.incidents), CloudWatch clients to poll; absent = no vendor configured. */
  alertActions?: Partial<Pick<AlertActionsDeps, 'settings' | 'cloudwatch' | 'timers' | 'clientOverrides'>>;
  /** Deployments: ingest token, poll loop, rollback policy, AWS or demo mode (defaults suit demo mode). */
  deployments?: DeploymentAppOptions;
  /** Burn-rate alert evaluation: every 30 s by default; `timers: false` runs rounds only through app.burnAlerts. */
  sloAlerts?: { intervalMs?: number; timers?: boolean };
  /** The KPI gauges on /metrics (reliability/kpiExporter.ts): recomputed every `intervalMs` unless timers are off. */
  kpis?: { intervalMs?: number; timers?: boolean };
  /** Seed of the demo fleet's deploys (DemoSource's seed); 42 when absent. */
  demoSeed?: number;
  /** This replica's name (OPSDECK_REPLICA_ID, else hostname-pid) and, for tests, shorter lease timing. */
  cluster?: { replica?: string; ttlMs?: number; renewMs?: number };
  /** The cache the replicas share (OPSDECK_REDIS_URL), already handed to the sources: health and logs here. */
  redis?: Pick<RedisSharedCache, 'health' | 'onStateChange'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler for write endpoints: only requests through the datasource's Editor route pass. */
    requireWriteRoute: preHandlerAsyncHookHandler;
    /** The burn-rate alert job: tests run a round with `app.burnAlerts.runOnce()`. */
    burnAlerts: BurnAlertJob;
    /** The KPI gauges: tests compute them with `app.kpis.refresh()`. */
    kpis: KpiExporter;
  }
}

export const BODY_LIMIT_BYTES = 1024 * 1024;
export const REQUEST_TIMEOUT_MS = 30_000;

/** Builds the gateway app without listening; the caller owns the store and closes it after the app. */
export async function buildApp(deps: GatewayDeps): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: loggerOptions(deps.config.logLevel),
    routerOptions: { querystringParser: parseQueryString },
    // A client that trickles its request (slowloris) is cut after this; streams are unaffected: it covers receiving
    // the request, not sending the answer.
    requestTimeout: REQUEST_TIMEOUT_MS,
    clientErrorHandler: clientErrorAnswerer(),
  });
  drainBeforeTooLarge(app);
  const metrics = createGatewayMetrics();
  registerUpstreamMetrics(metrics.registry, () => activeSources(deps.sources));
  // Sources hold SDK clients (sockets) and timers; they go when the app goes.
  app.addHook('onClose', async () => {
    await Promise.all(deps.sources.map((source) => source.close?.()));
  });
  const clock = deps.clock ?? Date.now;

  app.decorate('requireWriteRoute', writeRouteGuard(deps.config.apiToken));
  registerAccessControl(app, { apiToken: deps.config.apiToken, ingestToken: deps.deployments?.settings?.ingestToken });
  registerParameterHygiene(app);
  recordHttpMetrics(app, metrics);
  registerErrorHandlers(app);

  const cluster = clusterFor(deps.store, {
    ...deps.cluster,
    replica: deps.cluster?.replica ?? replicaId(undefined),
    onLeadChange: (job, leads) => app.log.info({ job, replica: cluster.replica }, leads ? 'leads job' : 'lost job'),
    onRun: (job, tick) => app.log.debug({ job, tick, replica: cluster.replica }, 'job ran'),
    onError: (error) => app.log.warn({ err: error }, 'job lease could not be renewed; retrying'),
  });
  // Refuses further runs and hands the leases back, so another replica takes the jobs at its next renewal.
  app.addHook('onClose', async () => cluster.jobs.stop());

  deps.redis?.onStateChange((redis) =>
    redis.state === 'up'
      ? app.log.info('shared cache: Redis is up; the replicas share upstream answers')
      : app.log.warn({ reason: redis.message }, `shared cache: ${redis.notice}`)
  );
  healthRoute(app, {
    redis: deps.redis,
    cluster,
    eventStream: () => (app.hasDecorator('eventStreamHealth') ? app.eventStreamHealth() : undefined),
    apiToken: deps.config.apiToken,
    store: deps.store,
    sources: deps.sources,
    active: activeSources(deps.sources),
  });
  servicesRoute(app, deps.catalog);
  const alertStore = await registerAlerts(app, {
    store: deps.store,
    catalog: deps.catalog,
    webhooks: deps.webhooks,
    demoFleet: demoFleetOf(activeSources(deps.sources)),
    clock,
  });
  const alertActions = await registerAlertActions(app, {
    store: deps.store,
    catalog: deps.catalog,
    alertStore,
    settings: deps.alertActions?.settings ?? {},
    cloudwatch: deps.alertActions?.cloudwatch,
    timers: deps.alertActions?.timers,
    clientOverrides: deps.alertActions?.clientOverrides,
    demo: activeSources(deps.sources).every((source) => source.demo),
    demoAlerts: app.demoAlerts,
    clock,
    notify: () => app.eventBroadcaster.notify(),
    jobs: cluster.jobs,
    maintenanceMutex: cluster.maintenanceMutex,
  });
  const deployments = await registerDeployments(app, {
    store: deps.store,
    catalog: deps.catalog,
    apiToken: deps.config.apiToken,
    activeSources: () => activeSources(deps.sources),
    alerts: alertStore,
    clock,
    demoSeed: deps.demoSeed ?? 42,
    notify: () => app.eventBroadcaster.notify(),
    options: deps.deployments,
    cluster: { jobs: cluster.jobs, rollbackLock: cluster.rollbackLock },
  });
  await awsEventsRoute(app, {
    tokens: parseSecretList(deps.webhooks?.awsEventsToken),
    bodyLimitBytes: deps.webhooks?.webhookBodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT,
    catalog: deps.catalog.services,
    alerts: alertStore,
    deployments,
    clock,
  });
  const slo = new SloEvaluator({
    catalog: deps.catalog,
    sources: () => activeSources(deps.sources),
    alerts: alertStore,
    deployments: deployments.deployments,
    clock,
  });
  sloRoute(app, { catalog: deps.catalog, slo });
  const reliability = new ReliabilityReader(deps.store.db, new MaintenanceStore(deps.store.db));
  reliabilityRoute(app, { reader: reliability, catalog: deps.catalog, clock });
  const fatigue = new FatigueReader(deps.store.db, deps.catalog, alertActions.shiftHistory, (error) =>
    app.log.warn({ err: error }, 'alert fatigue: on-call shifts could not be read; the report has none')
  );
  fatigueRoute(app, { reader: fatigue, catalog: deps.catalog, clock });
  const costEfficiency = new CostEfficiencyReader({
    catalog: deps.catalog,
    slo,
    sources: () => activeSources(deps.sources),
    clock,
  });
  costEfficiencyRoute(app, { reader: costEfficiency, catalog: deps.catalog });
  reportRoute(app, {
    catalog: deps.catalog,
    slo,
    reliability,
    fatigue,
    costEfficiency,
    analysis: () => ({
      deployments: deployments.deployments,
      sources: activeSources(deps.sources),
      alerts: alertStore,
    }),
    cost: () => activeSources(deps.sources).find((s) => s.cost)?.cost,
    clock,
  });
  const burnAlerts = startBurnAlertJob({
    slo,
    alerts: alertStore,
    catalog: deps.catalog,
    clock,
    alertmanager: alertActions.alertmanager,
    grafanaUrl: deps.alertActions?.settings?.grafanaUrl,
    intervalMs: deps.sloAlerts?.intervalMs,
    timers: deps.sloAlerts?.timers ?? deps.alertActions?.timers !== false,
    jobs: cluster.jobs,
    onError: (error, where) => app.log.warn({ err: error }, `burn-rate alerts: ${where} failed; retrying next round`),
  });
  app.decorate('burnAlerts', burnAlerts);
  app.addHook('onClose', async () => burnAlerts.stop());
  queryRoute(app, {
    slo,
    catalog: deps.catalog,
    sources: () => activeSources(deps.sources),
    clock,
    metrics,
    alerts: alertStore,
    deployments: deployments.deployments,
    reliability,
    fatigue,
    costEfficiency,
  });
  postmortemRoutes(app, { store: deps.store, clock });
  const kpis = new KpiExporter({
    registry: metrics.registry,
    catalog: deps.catalog,
    db: deps.store.db,
    slo,
    fatigue,
    costEfficiency,
    reliability,
    clock,
    onError: (error) => app.log.warn({ err: error }, 'KPI refresh failed; /metrics keeps the last figures'),
  });
  if (deps.kpis?.timers ?? deps.alertActions?.timers !== false) kpis.start(deps.kpis?.intervalMs, cluster.jobs);
  app.decorate('kpis', kpis);
  app.addHook('onClose', async () => kpis.stop());
  metricsRoute(app, metrics);
  return app;
}

/** The demo fleet, when it is the only active source (its incidents then become alerts). */
function demoFleetOf(active: readonly Source[]): DemoSource | undefined {
  return active.every((source) => source.demo)
    ? active.find((s): s is DemoSource => s instanceof DemoSource)
    : undefined;
}
