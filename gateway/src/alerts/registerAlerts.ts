/**
 * Wires issue 4's durable backend into the app: the alert store, the signed webhooks that fill it, the read API,
 * the live event stream, and (in demo mode) the demo ingester. Other modules reach the store and the broadcaster
 * through `app.alertStore` and `app.eventBroadcaster`; whoever appends to the event log calls
 * `app.eventBroadcaster.notify()` after committing.
 */
import type { FastifyInstance } from 'fastify';
import type { EventStreamHealth, TimeRangeMs } from '@opsdeck/contract';
import type { Catalog } from '../catalog';
import type { WebhookSettings } from '../config/types';
import { EventBroadcaster } from '../events/eventBroadcaster';
import { pollingStreamHealth, ReplicaEvents } from '../events/replicaEvents';
import { eventsRoute } from '../events/eventsRoute';
import { eventsSocketRoute } from '../events/eventsSocketRoute';
import type { DemoIncident } from '../sources/demo/incidents';
import type { Store } from '../store';
import { alertRoutes } from './alertRoutes';
import { exportRoute } from './exportRoute';
import { createGroupWriter } from './writer/workerGroupWriter';
import { AlertStore } from './alertStore';
import { startDemoAlertIngester, type DemoAlertIngester } from './demoAlertIngester';
import { AlertmanagerStandIn } from '../sources/demo/alertmanagerStandIn';
import { DemoHolds } from '../sources/demo/demoHolds';
import { webhookConfigFromSettings } from '../upstream/webhookConfig';
import { registerWebhookRoutes } from './webhookRoutes';

declare module 'fastify' {
  interface FastifyInstance {
    alertStore: AlertStore;
    eventBroadcaster: EventBroadcaster;
    /** How this replica's live stream is fed, for /api/health. */
    eventStreamHealth: () => EventStreamHealth;
    /** Demo mode only: the ingester (tests run its evaluations) and the state demo actions act on. */
    demoAlerts?: DemoAlerts;
  }
}

export interface DemoAlerts {
  ingester: DemoAlertIngester;
  alertmanager: AlertmanagerStandIn;
  holds: DemoHolds;
}

export interface AlertWiringDeps {
  store: Store;
  catalog: Catalog;
  /** Absent keys keep that webhook closed (every request 401). */
  webhooks?: WebhookSettings;
  /** Set when only the demo fleet answers: its incidents are ingested as alerts. */
  demoFleet?: { incidentsOverlapping(range: TimeRangeMs): DemoIncident[] };
  clock: () => number;
}

export async function registerAlerts(app: FastifyInstance, deps: AlertWiringDeps): Promise<AlertStore> {
  const writer = createGroupWriter(deps.store, { thread: deps.webhooks?.sqliteWriterThread ?? false });
  app.log.info(`webhook deliveries are committed by ${writer.where}`);
  const alertStore = new AlertStore(deps.store.db, writer);
  const broadcaster = new EventBroadcaster(deps.store);
  await broadcaster.start();
  alertStore.onCommit((events) => broadcaster.publish(events));
  const target = deps.store.postgres;
  const replicaEvents =
    target &&
    new ReplicaEvents(broadcaster, target, Date.now, (error) =>
      app.log.warn({ err: error }, "lost the LISTEN connection for other replicas' events; reconnecting")
    );
  await replicaEvents?.start();
  app.decorate('alertStore', alertStore);
  app.decorate('eventBroadcaster', broadcaster);
  app.decorate('eventStreamHealth', () => replicaEvents?.health() ?? pollingStreamHealth(broadcaster));

  await registerWebhookRoutes(app, {
    persist: alertStore.persist,
    catalog: deps.catalog,
    config: webhookConfigFromSettings(deps.webhooks ?? {}),
    clock: deps.clock,
  });
  alertRoutes(app, alertStore, deps.store);
  exportRoute(app, alertStore, deps.clock);
  eventsRoute(app, { store: deps.store, broadcaster });
  await eventsSocketRoute(app, { store: deps.store, broadcaster });

  const demo = deps.demoFleet;
  const standIn = demo && { alertmanager: new AlertmanagerStandIn(), holds: new DemoHolds() };
  const ingester =
    standIn &&
    startDemoAlertIngester({
      incidentsOverlapping: (range) => demo.incidentsOverlapping(range),
      catalog: deps.catalog,
      persist: alertStore.persist,
      clock: deps.clock,
      relays: [standIn.alertmanager, standIn.holds],
      onError: (error) => app.log.warn({ err: error }, 'demo alert ingest failed; retrying on the next tick'),
    });
  if (standIn && ingester) app.decorate('demoAlerts', { ingester, ...standIn });
  // Demo alerts exist before the first page load; a database that is down now is reported by /api/health instead.
  await ingester
    ?.runOnce()
    .catch((error: unknown) => app.log.warn({ err: error }, 'demo alert ingest failed; retrying on the next tick'));

  app.addHook('onClose', async () => {
    ingester?.stop();
    await alertStore.close();
    await replicaEvents?.stop();
    broadcaster.stop();
  });
  return alertStore;
}
