/** Making the alert pages deterministic: alerts come from a signed Alertmanager webhook the test posts itself. */
import type { Alert, AlertListResponse } from '@opsdeck/contract';
import { loadCatalog } from '../../../gateway/src/catalog';
import { DemoSource } from '../../../gateway/src/sources/demo/DemoSource';
import { alertId, incidentId } from '../../../gateway/src/upstream/alertIngest';
import { REPO_CATALOG } from '../../../gateway/tests/support/gateway';
import { gatewayJson, startStack, type Stack } from './stack';

export const WEBHOOK_TOKEN = 'e2e-webhook-token';

export function startAlertStack(role: 'Viewer' | 'Editor', user = role === 'Editor' ? 'erin' : 'vera'): Promise<Stack> {
  return startStack({ role, user, gateway: { webhooks: { webhookToken: WEBHOOK_TOKEN } } });
}

/** A demo incident open at a past moment (its start + 1 min, ≥ 40 min long): pin the gateway's clock there. */
export function openDemoIncident(before = Date.now()): { now: number; incidentId: string; alertId: string } {
  const fleet = new DemoSource(42, loadCatalog(REPO_CATALOG).services);
  const incident = fleet
    .incidentsOverlapping({ from: before - 14 * 86_400_000, to: before })
    .filter((i) => i.start + 60_000 < before && i.end - i.start >= 40 * 60_000)
    .sort((a, b) => b.start - a.start)[0];
  if (!incident) {
    throw new Error('the demo fleet had no incident in the last 14 days');
  }
  return {
    now: incident.start + 60_000,
    incidentId: incidentId('alertmanager', `demo:${incident.id}`),
    alertId: alertId('alertmanager', `demo:${incident.id}`),
  };
}

export interface TestAlert {
  alertname: string;
  service: string;
  severity: 'critical' | 'warning' | 'info';
  summary: string;
  runbookUrl?: string;
  /** More labels, e.g. `demo: 'true'`: the demo gateway then acts on it as on the demo fleet's own alerts. */
  labels?: Record<string, string>;
}

/** Posts a firing Alertmanager notification (payload version 4) with the bearer token, as Alertmanager would. */
export async function postAlertmanagerAlert(stack: Stack, alert: TestAlert): Promise<Alert> {
  const labels = { alertname: alert.alertname, service: alert.service, severity: alert.severity, ...alert.labels };
  const body = {
    version: '4',
    groupKey: `{}:{alertname="${alert.alertname}"}`,
    status: 'firing',
    receiver: 'opsdeck',
    groupLabels: { alertname: alert.alertname },
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: 'http://alertmanager.invalid:9093',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: alert.summary, ...(alert.runbookUrl ? { runbook_url: alert.runbookUrl } : {}) },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        fingerprint: `e2e${alert.alertname}`,
      },
    ],
  };
  const resp = await fetch(`${stack.gateway.url}/webhooks/alertmanager`, {
    method: 'POST',
    headers: { authorization: `Bearer ${WEBHOOK_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!resp.ok) {
    throw new Error(`webhook answered ${resp.status}: ${await resp.text()}`);
  }
  const { alerts } = await gatewayJson<AlertListResponse>(stack, 'GET', '/api/alerts?source=alertmanager&status=all');
  const stored = alerts.find((a) => a.summary === alert.summary);
  if (!stored) {
    throw new Error(`the alert "${alert.summary}" was not stored`);
  }
  return stored;
}
