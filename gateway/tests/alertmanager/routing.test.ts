/**
 * Integration: the real routing tree, run by the real Alertmanager on loopback, with every receiver replaced by a
 * local webhook server. Alerts are posted to /api/v2/alerts; each must reach exactly the receivers the tree names,
 * inhibited and muted alerts must not.
 */
import { readFileSync } from 'node:fs';
import { startAlertmanager, type RunningAlertmanager } from './support/alertmanagerProcess';
import { alertmanagerConfigPath, describeWithAlertmanager } from './support/paths';
import { buildTestVariant, receiverNames } from './support/testVariant';
import { startWebhookRecorder, type WebhookRecorder } from './support/webhookRecorder';

jest.setTimeout(45_000);

const alert = (alertname: string, labels: Record<string, string>) => ({
  labels: { alertname, ...labels },
  annotations: { summary: `${alertname} summary` },
  startsAt: new Date().toISOString(),
});

const ALERTS = [
  alert('HighErrorRate', { service: 'checkout-api', team: 'payments', severity: 'critical' }),
  alert('SlowSearch', { service: 'search-api', team: 'catalog', severity: 'warning' }),
  alert('TokenCacheCold', { service: 'identity-api', team: 'platform', severity: 'info' }),
  // A critical alert for a service without a PagerDuty service: SMS instead.
  alert('LegacyBatchFailing', { service: 'legacy-batch', team: 'catalog', severity: 'critical' }),
  // Inhibition: the critical one silences the warning of the same service.
  alert('InventoryDown', { service: 'inventory-api', team: 'catalog', severity: 'critical' }),
  alert('InventoryLatency', { service: 'inventory-api', team: 'catalog', severity: 'warning' }),
  // Mute interval: catalog-ingest warnings are muted in Slack during the re-index (made always active here).
  alert('ReindexLag', { service: 'catalog-ingest', team: 'catalog', severity: 'warning' }),
];

const EXPECTED: Record<string, string[]> = {
  'opsdeck-history': [
    'HighErrorRate',
    'InventoryDown',
    'LegacyBatchFailing',
    'ReindexLag',
    'SlowSearch',
    'TokenCacheCold',
  ],
  'pagerduty-checkout-api': ['HighErrorRate'],
  'pagerduty-inventory-api': ['InventoryDown'],
  'slack-payments': ['HighErrorRate'],
  'slack-catalog': ['InventoryDown', 'LegacyBatchFailing', 'SlowSearch'],
  'email-platform': ['TokenCacheCold'],
  'sms-oncall': ['LegacyBatchFailing'],
};

const DELIVERY_TIMEOUT_MS = 20_000;
// With group_interval 1s, two more seconds without news means nothing else is coming.
const QUIET_PERIOD_MS = 3_000;

describeWithAlertmanager('Alertmanager routes alerts through the provisioned tree', () => {
  let recorder: WebhookRecorder;
  let alertmanager: RunningAlertmanager | undefined;
  const configText = readFileSync(alertmanagerConfigPath, 'utf8');
  const receivers = receiverNames(configText);

  beforeAll(async () => {
    recorder = await startWebhookRecorder(receivers);
    alertmanager = await startAlertmanager(
      buildTestVariant(configText, {
        receiverUrls: recorder.urls,
        timeIntervals: { 'weekly-maintenance': 'never', 'catalog-nightly-reindex': 'always' },
        credentials: 'test-webhook-token',
      })
    );
  });

  afterAll(async () => {
    await alertmanager?.stop();
    await recorder?.close();
  });

  it('delivers each alert to exactly the receivers the tree names', async () => {
    const response = await fetch(`${alertmanager!.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ALERTS),
    });
    expect(response.status).toBe(200);

    const delivered = (receiver: string) => [...new Set(recorder.alertnamesFor(receiver))].sort();
    const allExpectedArrived = () =>
      Object.entries(EXPECTED).every(([r, names]) => names.every((n) => delivered(r).includes(n)));
    const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
    while (!allExpectedArrived() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, QUIET_PERIOD_MS));

    const actual = Object.fromEntries(receivers.map((r) => [r, delivered(r)]));
    const expected = Object.fromEntries(receivers.map((r) => [r, EXPECTED[r] ?? []]));
    expect(actual).toEqual(expected);
  });

  it('sends the history webhook with the bearer token from http_config', () => {
    const history = recorder.received.filter((n) => n.receiver === 'opsdeck-history');
    expect(history.length).toBeGreaterThan(0);
    expect(new Set(history.map((n) => n.authorization))).toEqual(new Set(['Bearer test-webhook-token']));
  });

  it('reports the warning as inhibited by the critical alert of the same service', async () => {
    const response = await fetch(`${alertmanager!.url}/api/v2/alerts?filter=alertname%3D%22InventoryLatency%22`);
    const [latency] = (await response.json()) as Array<{ status: { state: string; inhibitedBy: string[] } }>;
    expect(latency.status.state).toBe('suppressed');
    expect(latency.status.inhibitedBy).toHaveLength(1);
  });
});
