/**
 * Demo mode: the demo fleet's incidents (the same schedule that bends its metrics) become alerts and incidents
 * through the same persist path as real webhooks. Each incident is delivered in phases (triggered, acknowledged,
 * resolved) once the clock passes each phase; delivery ids are derived from the incident id and phase, so repeated
 * runs, restarts and several gateways on one database store each phase exactly once, the backfill of the first run
 * included. Deliveries pass through the demo's relays (the embedded Alertmanager stand-in, which applies silences
 * and re-fires what was resolved while its condition holds) the way real alerts pass through Alertmanager.
 */
import { PLAYBOOK_LABEL, type Alert, type CatalogService, type TimeRangeMs } from '@opsdeck/contract';
import type { DemoRelay } from '../sources/demo/alertmanagerStandIn';
import { demoIncidentPlaybook, type DemoIncident } from '../sources/demo/incidents';
import { alertId, incidentId, type IncidentChange } from '../upstream/alertIngest';
import type { WebhookDelivery } from '../upstream/alertIngest';

const LOOKBACK_MS = 24 * 3_600_000;
/**
 * The first run stores the last 30 days (about 290 incidents, 870 deliveries): DORA's failure and recovery figures and
 * a week of annotations read incidents from the store, and a fresh demo should not start with an empty month.
 */
export const DEMO_BACKFILL_MS = 30 * 86_400_000;
const DEFAULT_INTERVAL_MS = 15_000;
// The demo incidents are labelled as Alertmanager alerts: the vendor-neutral source with no upstream account.
export const DEMO_ALERT_SOURCE = 'alertmanager';
const SOURCE = DEMO_ALERT_SOURCE;
/** The alertnames the demo fleet fires: a `down` incident, and any other. */
export const DEMO_ALERTNAMES = { down: 'ServiceDown', degraded: 'ServiceDegraded' } as const;

export interface DemoAlertIngesterDeps {
  incidentsOverlapping: (range: TimeRangeMs) => DemoIncident[];
  catalog: { find(name: string): CatalogService | undefined };
  persist: (delivery: WebhookDelivery) => Promise<{ inserted: number }>;
  clock: () => number;
  intervalMs?: number;
  /** How far back the first run reaches; later runs look back a day. */
  backfillMs?: number;
  onError?: (error: unknown) => void;
  /** Applied in order to every delivery, and asked each evaluation what else to send. */
  relays?: readonly DemoRelay[];
}

export interface DemoAlertIngester {
  /** Stores every phase reached so far (over the backfill on the first run); resolves after commit. */
  runOnce(): Promise<void>;
  stop(): void;
}

/** Runs once immediately (awaited by the caller, so the first page load already has alerts), then on an interval. */
export function startDemoAlertIngester(deps: DemoAlertIngesterDeps): DemoAlertIngester {
  const delivered = new Set<string>();
  let lookbackMs = Math.max(deps.backfillMs ?? DEMO_BACKFILL_MS, LOOKBACK_MS);
  const relays = deps.relays ?? [];
  const relay = (delivery: WebhookDelivery, now: number) =>
    relays.reduce<WebhookDelivery | undefined>((d, r) => d && r.route(d, now), delivery);
  const runOnce = async () => {
    const now = deps.clock();
    const incidents = deps.incidentsOverlapping({ from: now - lookbackMs, to: now });
    const deliveries = incidents
      .flatMap((incident) => demoDeliveries(incident, deps.catalog.find(incident.service), now))
      .filter((d) => !delivered.has(d.deliveryId));
    await Promise.all(
      deliveries.map(async (delivery) => {
        const routed = relay(delivery, now);
        if (routed) await deps.persist(routed);
        delivered.add(delivery.deliveryId);
      })
    );
    lookbackMs = LOOKBACK_MS;
    // What the fleet fires now, as it would re-send it this evaluation: the relays decide what that changes.
    const firing = incidents
      .filter((incident) => incident.start <= now && now < incident.end)
      .flatMap((incident) => demoDeliveries(incident, deps.catalog.find(incident.service), now).slice(-1));
    for (const r of relays) {
      for (const delivery of r.evaluate?.(firing, now) ?? []) {
        const routed = relay(delivery, now);
        if (routed) await deps.persist(routed);
      }
    }
  };
  const timer = setInterval(
    () => runOnce().catch(deps.onError ?? (() => undefined)),
    deps.intervalMs ?? DEFAULT_INTERVAL_MS
  );
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}

/** The deliveries of one demo incident whose time has come, oldest phase first. */
export function demoDeliveries(
  incident: DemoIncident,
  service: CatalogService | undefined,
  now: number
): WebhookDelivery[] {
  const dedupKey = `demo:${incident.id}`;
  const ackAt = incident.start + Math.min(Math.round((incident.end - incident.start) / 4), 6 * 60_000);
  const responder = service?.owners[0] ?? 'demo-oncall';
  const phases = [
    {
      kind: 'triggered',
      at: incident.start,
      alertStatus: 'firing',
      incidentStatus: 'triggered',
      actor: 'Alertmanager',
    },
    { kind: 'acknowledged', at: ackAt, alertStatus: 'acknowledged', incidentStatus: 'acknowledged', actor: responder },
    { kind: 'resolved', at: incident.end, alertStatus: 'resolved', incidentStatus: 'resolved', actor: 'Alertmanager' },
  ] as const;
  const severity = incident.severity === 'down' ? 'critical' : 'warning';
  const id = alertId(SOURCE, dedupKey);

  return phases
    .filter((phase) => phase.at <= now)
    .map((phase) => {
      const alert: Alert = {
        id,
        source: SOURCE,
        dedupKey,
        service: incident.service,
        team: service?.team,
        severity,
        status: phase.alertStatus,
        startsAt: incident.start,
        ...(phase.kind === 'resolved' ? { endsAt: incident.end } : {}),
        updatedAt: phase.at,
        summary: `${incident.service}: ${incident.cause}`,
        description: `${Math.round(incident.errorRate * 1000) / 10}% of requests failing, responses ${incident.latencyFactor.toFixed(1)}× slower`,
        labels: {
          alertname: DEMO_ALERTNAMES[incident.severity],
          service: incident.service,
          severity,
          demo: 'true',
          [PLAYBOOK_LABEL]: demoIncidentPlaybook(incident),
        },
        links: [],
        ...(service?.runbookUrl ? { runbookUrl: service.runbookUrl } : {}),
      };
      const change: IncidentChange = {
        id: incidentId(SOURCE, dedupKey),
        source: SOURCE,
        externalId: incident.id,
        title: `${incident.id}: ${incident.cause}`,
        service: incident.service,
        team: service?.team,
        severity,
        status: phase.incidentStatus,
        createdAt: incident.start,
        alertIds: [id],
        links: [],
        entry: { kind: phase.kind, at: phase.at, actor: phase.actor },
      };
      return {
        source: SOURCE,
        deliveryId: `${dedupKey}:${phase.kind}`,
        receivedAt: phase.at,
        batch: { alerts: [alert], incidents: [change] },
      } satisfies WebhookDelivery;
    });
}
