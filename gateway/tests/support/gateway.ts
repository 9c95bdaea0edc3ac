// Starts a real gateway (the same buildApp the server uses) on a loopback port for other test suites: the dashboards
// test, browser tests. Temp data dir, SQLite temp file unless a database is given, demo fleet with a fixed seed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type GatewayDeps } from '../../src/app';
import { loadCatalog } from '../../src/catalog';
import { type WebhookSettings } from '../../src/config/types';
import { type RouteEntry } from '../../src/http/access';
import { buildSources } from '../../src/sources';
import { type AwsSourcesDeps } from '../../src/sources/aws/awsSources';
import { type AwsSourceConfig } from '../../src/sources/aws/config';
import { openStore, type OpenStoreOptions } from '../../src/store';

export const REPO_CATALOG = path.resolve(__dirname, '../../../provisioning/opsdeck/services.yaml');

export interface TestGatewayOptions {
  /** Defaults to a random token. */
  token?: string;
  /** Loopback port to listen on; defaults to any free one. A restart in a test passes the port it had before. */
  port?: number;
  /** SQLite file path or postgres:// URL; defaults to a SQLite file in the temp data dir. */
  database?: string;
  /** Postgres schema to use (search_path), when `database` is a postgres:// URL. */
  databaseSchema?: OpenStoreOptions['schema'];
  /** Demo fleet seed; defaults to 42 like the real gateway. */
  seed?: number;
  /** Pins "now" for the demo fleet's current state (fleet_health). */
  clock?: () => number;
  /** Defaults to the repository's provisioning/opsdeck/services.yaml. */
  catalogFile?: string;
  /** Inbound alert webhook settings (secrets, tokens); default: every webhook refuses. */
  webhooks?: WebhookSettings;
  /** AWS accounts and endpoints (LoadedConfig.aws), e.g. pointing at the protocol fakes; absent = demo fleet. */
  aws?: AwsSourceConfig;
  /** Clock, sleeps and backoff of the AWS clients. */
  awsDeps?: AwsSourcesDeps;
  /** Incident tools (PagerDuty/Opsgenie/Alertmanager settings, CloudWatch clients to poll, timers on/off). */
  alertActions?: GatewayDeps['alertActions'];
  /**
   * Deployments: `settings` (ingestToken, rollbackAdminOnly, endpoints of the deploy fakes, pollIntervalMs), `mode`
   * ({kind: 'aws', defaultRegion} to poll and roll back through the fakes) and instant `timers`.
   */
  deployments?: GatewayDeps['deployments'];
  /** Burn-rate alert rounds: off by default here (run one with `runBurnAlerts()`); `{ intervalMs }` turns them on. */
  sloAlerts?: GatewayDeps['sloAlerts'];
  /** Replica name and lease timing (several test gateways on one Postgres schema). */
  cluster?: GatewayDeps['cluster'];
}

export interface TestGateway {
  /** e.g. http://127.0.0.1:43123 (no trailing slash). */
  url: string;
  token: string;
  /** One burn-rate alert round, committed when it resolves. */
  runBurnAlerts(): Promise<void>;
  /** Computes the KPI gauges of /metrics now (their timer is off here). */
  refreshKpis(): Promise<void>;
  /** One incident poll round now, the on-call watcher's included (e.g. after moving `clock` past a handover). */
  runPolls(): Promise<void>;
  /** Every route the app registered, with its declared access (the hostile-input tests walk it). */
  routes: RouteEntry[];
  close(): Promise<void>;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-gateway-'));
  const token = options.token ?? `test-${crypto.randomBytes(16).toString('hex')}`;
  const catalog = loadCatalog(options.catalogFile ?? REPO_CATALOG);
  const store = openStore(options.database ?? path.join(dataDir, 'opsdeck.sqlite'), { schema: options.databaseSchema });
  await store.migrate();
  const app = await buildApp({
    config: { apiToken: token, logLevel: 'silent' },
    catalog,
    store,
    sources: buildSources({ demoSeed: options.seed ?? 42, aws: options.aws, awsDeps: options.awsDeps }, catalog),
    clock: options.clock,
    webhooks: options.webhooks,
    alertActions: options.alertActions,
    demoSeed: options.seed ?? 42,
    deployments: options.deployments,
    // Off unless a test asks: a burn-rate round writing alerts mid-test would change what other tests count.
    sloAlerts: options.sloAlerts ?? { timers: false },
    kpis: { timers: false },
    cluster: options.cluster,
  });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') {
    throw new Error('test gateway did not get a TCP address');
  }
  return {
    url: `http://127.0.0.1:${address.port}`,
    token,
    runBurnAlerts: () => app.burnAlerts.runOnce(),
    refreshKpis: () => app.kpis.refresh(),
    runPolls: () => app.alertActions.polling.runOnce(),
    routes: app.routeInventory,
    async close() {
      await app.close();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
