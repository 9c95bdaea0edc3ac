/** Making the alert pages deterministic: alerts come from a signed Alertmanager webhook the test posts itself. */
import type { Alert, AlertListResponse } from '@opsdeck/contract';
import { gatewayJson, startStack, type Stack } from './stack';

export const WEBHOOK_TOKEN = 'e2e-webhook-token';

export function startAlertStack(role: 'Viewer' | 'Editor', user = role === 'Editor' ? 'erin' : 'vera'): Promise<Stack> {
  return startStack({ role, user, gateway: { webhooks: { webhookToken: WEBHOOK_TOKEN } } });
}

export interface TestAlert {
  alertname: string;
  service: string;
  severity: 'critical' | 'warning' | 'info';
  summary: string;
  runbookUrl?: string;
}

/** Posts a firing Alertmanager notification (payload version 4) with the bearer token, as Alertmanager would. */
export async function postAlertmanagerAlert(stack: Stack, alert: TestAlert): Promise<Alert> {
  const labels = { alertname: alert.alertname, service: alert.service, severity: alert.severity };
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
