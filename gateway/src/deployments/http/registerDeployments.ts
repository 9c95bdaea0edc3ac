/**
 * Wires the deployment features into the app: builds the module (store, rollback service, poll loop), registers
 * the routes, runs the first poll before the app answers and stops the loop when the app closes.
 */
import type { FastifyInstance } from 'fastify';
import type { AlertStore } from '../../alerts/alertStore';
import type { Catalog } from '../../catalog';
import type { Source } from '../../sources';
import type { Store } from '../../store';
import { DEFAULT_DEPLOY_POLL_SECONDS, type DeploySettings } from '../config';
import {
  DeploymentsModule,
  unrefClock,
  type DeploymentMode,
  type DeploymentsModuleOptions,
} from '../deploymentsModule';
import type { Clock } from '../rollback/types';
import { analysisRoutes } from './analysisRoutes';
import { deploymentRoutes } from './deploymentRoutes';
import { rollbackRoutes } from './rollbackRoutes';

/** What buildApp's caller may set; everything has a default that works in demo mode. */
export interface DeploymentAppOptions {
  settings?: Partial<DeploySettings>;
  /** Default: the demo fleet's deploys when every active source is demo, else CI ingest only. */
  mode?: DeploymentMode;
  /** Poll-loop and rollback-progress timing (tests make it instant). */
  timers?: Clock;
  rollbackPollIntervalMs?: number;
}

export interface RegisterDeploymentsDeps {
  store: Store;
  catalog: Catalog;
  apiToken: string;
  activeSources: () => readonly Source[];
  /** Where DORA reads incidents from (the same ones fleet_health and the Incidents page show). */
  alerts?: AlertStore;
  clock: () => number;
  demoSeed: number;
  /** Wakes the live event stream after events were appended. */
  notify: () => void;
  options?: DeploymentAppOptions;
  cluster?: Pick<DeploymentsModuleOptions, 'jobs' | 'rollbackLock'>;
}

export function resolvedDeploySettings(partial: Partial<DeploySettings> = {}): DeploySettings {
  return {
    pollIntervalMs: DEFAULT_DEPLOY_POLL_SECONDS * 1000,
    rollbackAdminOnly: false,
    endpoints: {},
    ...partial,
  };
}

export async function registerDeployments(
  app: FastifyInstance,
  deps: RegisterDeploymentsDeps
): Promise<DeploymentsModule> {
  const options = deps.options ?? {};
  const settings = resolvedDeploySettings(options.settings);
  const demo = deps.activeSources().every((source) => source.demo);
  const mode: DeploymentMode = options.mode ?? (demo ? { kind: 'demo', seed: deps.demoSeed } : { kind: 'none' });
  const timers = options.timers ?? unrefClock(deps.clock);
  const clock: typeof timers = { now: deps.clock, sleep: (ms) => timers.sleep(ms) };
  const module = new DeploymentsModule({
    store: deps.store,
    notify: deps.notify,
    catalog: deps.catalog,
    settings,
    mode,
    clock,
    rollbackPollIntervalMs: options.rollbackPollIntervalMs,
    onError: (message) => app.log.warn(message),
    ...deps.cluster,
  });
  deploymentRoutes(app, { module, catalog: deps.catalog, clock: deps.clock });
  rollbackRoutes(app, { module, catalog: deps.catalog, store: deps.store, apiToken: deps.apiToken, clock: deps.clock });
  analysisRoutes(app, {
    module,
    catalog: deps.catalog,
    sources: deps.activeSources,
    alerts: deps.alerts,
    clock: deps.clock,
  });
  app.addHook('onClose', async () => module.stop());
  await module.start();
  return module;
}
