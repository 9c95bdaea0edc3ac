/**
 * Burn-rate rules that fire become Opsdeck alerts, through the same persist path as every webhook: one alert per
 * (service, objective, severity), firing while its rule fires, resolved when it clears. Pure: the job hands in the
 * SLO answer, what is open in the store, and the time.
 */
import {
  BURN_RATE_ALERTNAME,
  BURN_SEVERITY_LABEL,
  SLI_KIND_LABEL,
  SLO_ALERT_LABEL,
  type Alert,
  type BurnAlertSeverity,
  type CatalogService,
  type ServiceSlo,
  type SloBurnAlert,
  type SloObjectiveFigures,
} from '@opsdeck/contract';
import { alertId, type WebhookDelivery } from '../../upstream/alertIngest';

export const BURN_ALERT_SOURCE = 'opsdeck';
/** The alertname, and the labels below, are the contract's: the playbook mapping (contract/src/playbooks.ts) reads them. */
export const BURN_ALERTNAME = BURN_RATE_ALERTNAME;

/** A page wakes someone: critical. A ticket waits for working hours: warning. */
const SEVERITY: Record<BurnAlertSeverity, Alert['severity']> = { page: 'critical', ticket: 'warning' };

/** What is open in the store for one burn alert: enough to resolve it and keep its start. */
export interface OpenBurnAlert {
  dedupKey: string;
  startsAt: number;
  alert: Alert;
}

/** `checkout-api/availability:page`: stable, so re-evaluation updates the one alert rather than adding another. */
export function burnAlertKey(service: string, objective: string, severity: BurnAlertSeverity): string {
  return `slo:${service}/${objective}:${severity}`;
}

function fmt(rate: number | null): string {
  return rate === null ? 'no traffic' : `${Math.round(rate * 10) / 10}×`;
}

/** The firing rules of one severity, strongest first: the summary names the pair that fired. */
function firingRules(objective: SloObjectiveFigures, severity: BurnAlertSeverity): SloBurnAlert[] {
  return objective.alerts.filter((a) => a.firing && a.severity === severity);
}

export function burnAlert(
  service: CatalogService,
  objective: SloObjectiveFigures,
  severity: BurnAlertSeverity,
  startsAt: number,
  now: number
): Alert {
  const rules = firingRules(objective, severity);
  const dedupKey = burnAlertKey(service.name, objective.id, severity);
  const windows = rules
    .map((r) => `${r.longWindow} ${fmt(r.longBurnRate)} & ${r.shortWindow} ${fmt(r.shortBurnRate)} > ${r.threshold}`)
    .join('; ');
  const remaining = objective.errorBudget.remaining;
  return {
    id: alertId(BURN_ALERT_SOURCE, dedupKey),
    source: BURN_ALERT_SOURCE,
    dedupKey,
    service: service.name,
    team: service.team,
    severity: SEVERITY[severity],
    status: 'firing',
    startsAt,
    updatedAt: now,
    summary: `${service.name}: ${objective.id} error budget burning (${severity})`,
    description: `Burn rate ${windows}. ${
      remaining === null
        ? ''
        : `${Math.round(remaining * 1000) / 10}% of the ` + `${objective.windowDays}-day budget left. `
    }SLI: ${objective.sliSource}.`,
    labels: {
      alertname: BURN_ALERTNAME,
      service: service.name,
      team: service.team,
      severity: SEVERITY[severity],
      [SLO_ALERT_LABEL]: `${service.name}/${objective.id}`,
      [BURN_SEVERITY_LABEL]: severity,
      [SLI_KIND_LABEL]: objective.sli.kind,
    },
    links: [],
    ...(service.runbookUrl ? { runbookUrl: service.runbookUrl } : {}),
  };
}

export interface BurnAlertRound {
  /** Deliveries to persist: new firing alerts and resolutions. Alerts still firing need none. */
  deliveries: WebhookDelivery[];
  /** Everything firing now (for Alertmanager, which wants them re-sent every round). */
  firing: Alert[];
  /** Just resolved (Alertmanager gets them once with endsAt = now). */
  resolved: Alert[];
}

/**
 * One evaluation: the alerts to open (firing now, not open in the store), those to resolve (open, not firing now)
 * and the full firing set. Delivery ids name the alert and its start, so the same transition stored twice — a retry,
 * a restart, a second gateway on the same database — is stored once.
 */
export function burnAlertRound(
  services: readonly ServiceSlo[],
  catalog: { find(name: string): CatalogService | undefined },
  open: ReadonlyMap<string, OpenBurnAlert>,
  now: number
): BurnAlertRound {
  const firing: Alert[] = [];
  const deliveries: WebhookDelivery[] = [];
  for (const figures of services) {
    const service = catalog.find(figures.service);
    if (!service) continue;
    for (const objective of figures.objectives) {
      for (const severity of ['page', 'ticket'] as const) {
        if (firingRules(objective, severity).length === 0) continue;
        const key = burnAlertKey(service.name, objective.id, severity);
        const known = open.get(key);
        const alert = burnAlert(service, objective, severity, known?.startsAt ?? now, now);
        firing.push(alert);
        if (!known) deliveries.push(delivery(alert, 'firing', now));
      }
    }
  }
  const firingKeys = new Set(firing.map((a) => a.dedupKey));
  const resolved: Alert[] = [];
  for (const [key, known] of open) {
    if (firingKeys.has(key)) continue;
    const alert: Alert = { ...known.alert, status: 'resolved', endsAt: now, updatedAt: now };
    resolved.push(alert);
    deliveries.push(delivery(alert, 'resolved', now));
  }
  return { deliveries, firing, resolved };
}

function delivery(alert: Alert, phase: 'firing' | 'resolved', now: number): WebhookDelivery {
  return {
    source: BURN_ALERT_SOURCE,
    deliveryId: `${alert.dedupKey}:${alert.startsAt}:${phase}`,
    receivedAt: now,
    batch: { alerts: [alert], incidents: [] },
  };
}
