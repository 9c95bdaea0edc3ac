/**
 * Wires issue 4's write side into the app: actions on alerts/incidents, maintenance windows, on-call, and the
 * polling safety net. Hooks into the alert store through its transforms (held acks, maintenance suppression) and
 * its persist path; tells the live stream after appending events. Call after registerAlerts.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { FastifyInstance } from 'fastify';
import type { Catalog } from '../../catalog';
import type { IncidentSettings } from '../../config/types';
import type { Store } from '../../store';
import type { AlertmanagerClient } from '../../sources/alertmanager/client';
import type { OpsgenieClient } from '../../sources/opsgenie/client';
import type { AlertStore } from '../alertStore';
import { MaintenanceRegistry } from '../maintenance';
import { maintenanceRoutes } from '../maintenance/maintenanceRoutes';
import { MaintenanceService } from '../maintenance/maintenanceService';
import { MaintenanceStore } from '../maintenance/maintenanceStore';
import { MaintenanceMirrorer } from '../maintenance/mirrors';
import { registerOnCall } from '../oncall/registerOnCall';
import { shiftHistoryFor, type ShiftHistory } from '../oncall/shiftHistory';
import { startPollLoop, type Pollable, type PollLoop } from '../polling/pollLoop';
import { AckRegistry } from './acks';
import { actionRoutes } from './actionRoutes';
import { ActionService } from './actionService';
import { IdempotencyStore } from './idempotency';
import type { ClientOverrides } from '../../upstream/descriptor';
import { buildIncidentTools } from './incidentTools';
import { BulkJobs } from '../bulk/bulkJobs';
import { BulkJobStore } from '../bulk/bulkJobStore';
import { bulkRoutes } from '../bulk/bulkRoutes';
import { DEMO_ALERT_SOURCE } from '../demoAlertIngester';
import { demoOnCall } from '../oncall/demoRoster';
import type { DemoAlerts } from '../registerAlerts';
import { DemoActionProvider } from '../../sources/demo/demoActionProvider';
import { everyRun, type JobRunner } from '../../cluster/jobRunner';
import type { Mutex } from '../../cluster/mutex';

export const DEFAULT_POLL_SECONDS = 60;
const MAINTENANCE_TICK_MS = 60_000;

export interface AlertActionsDeps {
  store: Store;
  catalog: Catalog;
  alertStore: AlertStore;
  settings: IncidentSettings;
  /** True when only the demo fleet answers (on-call then shows the demo roster). */
  demo: boolean;
  clock: () => number;
  /** Told after event-log rows were appended outside the alert store. */
  notify: () => void;
  /** CloudWatch clients to poll DescribeAlarms on (one per account/region); none = no CloudWatch polling. */
  cloudwatch?: CloudWatchClient[];
  /** false = no interval timers: tests drive `maintenance.tick()` and `polling.runOnce()` themselves. */
  timers?: boolean;
  clientOverrides?: ClientOverrides;
  /** Demo mode: the demo fleet's Alertmanager stand-in and held state, which act on its alerts. */
  demoAlerts?: DemoAlerts;
  /** Which replica runs the polls and maintenance ticks (cluster/leaseKeeper.ts); default: this one, always. */
  jobs?: JobRunner;
  /** Serialises maintenance writes (cluster/mutex.ts); default in-process. */
  maintenanceMutex?: Mutex;
}

export interface AlertActionsHandle {
  maintenance: MaintenanceService;
  polling: PollLoop;
  /** Set with OPSDECK_ALERTMANAGER_URL: where burn-rate alerts are also posted. */
  alertmanager?: AlertmanagerClient;
  /** Past first-level on-call shifts, from the source GET /api/oncall reads; absent when there is none. */
  shiftHistory?: ShiftHistory;
}

declare module 'fastify' {
  interface FastifyInstance {
    alertActions: AlertActionsHandle;
  }
}

export async function registerAlertActions(app: FastifyInstance, deps: AlertActionsDeps): Promise<AlertActionsHandle> {
  const { store, catalog, alertStore, clock } = deps;
  const acks = new AckRegistry(store.db);
  await acks.load();
  const registry = new MaintenanceRegistry(clock);
  // Order matters: an acknowledged episode stays acknowledged; only what still fires can be suppressed.
  alertStore.addAlertTransform((alert) => acks.apply(alert));
  alertStore.addAlertTransform(registry.suppress);

  const demoAlerts = deps.demoAlerts;
  const tools = buildIncidentTools(
    { settings: deps.settings, overrides: deps.clientOverrides ?? {}, cloudwatch: deps.cloudwatch ?? [] },
    acks,
    demoAlerts && {
      source: DEMO_ALERT_SOURCE,
      provider: (real) =>
        new DemoActionProvider({
          standIn: demoAlerts.alertmanager,
          holds: demoAlerts.holds,
          acks,
          roster: (now) => demoOnCall(catalog.services, now).policies,
          real,
        }),
    }
  );
  const actions = new ActionService({ alerts: alertStore, store, providers: tools.providers, clock });
  const idempotency = new IdempotencyStore(store.db);
  actionRoutes(app, { actions, idempotency, clock });
  const bulk = new BulkJobs({
    pager: alertStore.pager,
    actions,
    store,
    saved: new BulkJobStore(store.db),
    clock,
    onError: (error) => app.log.warn({ err: error }, 'bulk action stopped'),
  });
  bulkRoutes(app, { jobs: bulk, idempotency, clock });

  const maintenance = new MaintenanceService({
    windows: new MaintenanceStore(store.db),
    alerts: alertStore,
    store,
    catalog,
    registry,
    clock,
    notify: deps.notify,
    mutex: deps.maintenanceMutex,
    mirrorer: new MaintenanceMirrorer({
      alertmanager: tools.alertmanager,
      pagerduty: tools.pagerduty && {
        client: tools.pagerduty.client,
        fromFor: (user) => tools.pagerduty!.provider.fromFor(user),
      },
    }),
  });
  await maintenance.load();
  maintenanceRoutes(app, maintenance, { idempotency, clock });
  const opsgenie = tools.connected.find((c) => c.upstream.id === 'opsgenie')?.client as OpsgenieClient | undefined;
  const onCallWatcher = registerOnCall(app, {
    pagerduty: tools.pagerduty?.client,
    opsgenie,
    jsm: tools.jsm,
    demo: deps.demo,
    catalog: catalog.services,
    settings: deps.settings,
    store,
    clock,
    notify: deps.notify,
  });

  const pollerDeps = { alerts: alertStore, catalog: catalog.services, clock };
  const pollers: Pollable[] = [
    ...tools.connected.flatMap(({ upstream, client }) =>
      upstream.poll ? [{ name: upstream.id, poll: upstream.poll(client, pollerDeps) }] : []
    ),
    onCallWatcher,
  ];
  const timers = deps.timers !== false;
  const pollMs = timers ? (deps.settings.incidentPollSeconds ?? DEFAULT_POLL_SECONDS) * 1000 : 0;
  const jobs = deps.jobs ?? everyRun;
  const polling = startPollLoop(
    pollers,
    pollMs,
    (name, error) => app.log.warn({ err: error }, `${name} poll failed; retrying on the next round`),
    undefined,
    jobs
  );
  const tick = timers
    ? setInterval(
        () =>
          void jobs
            .run('maintenance', MAINTENANCE_TICK_MS, () => maintenance.tick())
            .catch((error: unknown) => app.log.warn({ err: error }, 'maintenance tick failed')),
        MAINTENANCE_TICK_MS
      )
    : undefined;
  tick?.unref();

  app.addHook('onClose', async () => {
    polling.stop();
    if (tick) clearInterval(tick);
  });
  const shiftHistory = shiftHistoryFor({
    pagerduty: tools.pagerduty?.client,
    jsm: tools.jsm,
    opsgenie,
    demo: deps.demo,
    catalog: catalog.services,
  });
  const handle = { maintenance, polling, alertmanager: tools.alertmanager, shiftHistory };
  app.decorate('alertActions', handle);
  return handle;
}
