import { alertId } from '../../src/upstream/alertIngest';
import { canonicalLabels } from '../../src/sources/alertmanager/parseAlertGroup';
import { parseAlertmanagerWebhook } from '../../src/sources/alertmanager/parseWebhook';
import { parseGrafanaWebhook } from '../../src/sources/grafana/parseWebhook';
import { RECEIVED_AT, parseContext } from './support/context';
import { expectMalformed } from './support/expectMalformed';
import { describeWithFixtures, readFixtureJson } from './support/fixtures';

const ctx = parseContext();

describeWithFixtures('Alertmanager webhook: published body (prometheus-msteams)', () => {
  it('maps the one alert, taking status from the group (old payload) and the runbook from common annotations', () => {
    const batch = parseAlertmanagerWebhook(
      readFixtureJson('alertmanager/prometheus-msteams.alertmanager-webhook.prom_post_request.json'),
      ctx
    );
    const labels = {
      alertname: 'high_memory_load',
      instance: 'instance-with-hyphen_and_underscore',
      job: 'docker_nodes',
      monitor: 'master',
      severity: 'warning',
    };
    expect(batch).toEqual({
      incidents: [],
      alerts: [
        {
          id: alertId('alertmanager', canonicalLabels(labels)),
          source: 'alertmanager',
          dedupKey: canonicalLabels(labels),
          service: undefined,
          team: undefined,
          runbookUrl: 'https://github.com/bzon/prometheus-msteams',
          severity: 'warning',
          status: 'firing',
          startsAt: Date.parse('2018-03-07T11:33:21.873Z'),
          endsAt: undefined,
          updatedAt: RECEIVED_AT,
          summary: 'Server High Memory usage',
          description: '10.80.40.11 reported high memory usage with 23.28%.',
          labels,
          // The notification's own grouping, kept for "group by Alertmanager's group key".
          groupKey: '{}:{alertname="high_memory_load"}',
          receiver: 'teams_proxy',
          links: [{ title: 'Alertmanager', url: 'http://docker.for.mac.host.internal:9093' }],
        },
      ],
    });
  });
});

function alertmanagerBody(alerts: unknown[], status = 'firing'): Record<string, unknown> {
  return {
    version: '4',
    groupKey: '{}/{severity="critical"}:{service="checkout-api"}',
    truncatedAlerts: 0,
    status,
    receiver: 'opsdeck',
    groupLabels: { service: 'checkout-api' },
    commonLabels: { service: 'checkout-api' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts,
  };
}

const firing = {
  status: 'firing',
  labels: { alertname: 'HighErrorRate', service: 'checkout-api', severity: 'critical' },
  annotations: { summary: 'Checkout 5xx above 2%', runbook_url: 'https://runbooks.example.com/checkout-api#5xx' },
  startsAt: '2026-11-27T10:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus:9090/graph?g0.expr=rate',
  fingerprint: 'c3a8a0d1e7f1b2a3',
};

describe('Alertmanager webhook: mapping rules', () => {
  it('resolves the service from the service label; the alert keeps its own runbook annotation', () => {
    const [alert] = parseAlertmanagerWebhook(alertmanagerBody([firing]), ctx).alerts;
    expect(alert).toMatchObject({
      service: 'checkout-api',
      team: 'payments',
      severity: 'critical',
      status: 'firing',
      endsAt: undefined,
      runbookUrl: 'https://runbooks.example.com/checkout-api#5xx',
      links: [
        { title: 'Source', url: 'http://prometheus:9090/graph?g0.expr=rate' },
        { title: 'Alertmanager', url: 'http://alertmanager:9093' },
      ],
    });
  });

  it('gives the resolved notification of an alert the same id as its firing one, ended at endsAt', () => {
    const [first] = parseAlertmanagerWebhook(alertmanagerBody([firing]), ctx).alerts;
    const resolved = {
      ...firing,
      status: 'resolved',
      endsAt: '2026-11-27T10:20:00Z',
      labels: { severity: 'critical', service: 'checkout-api', alertname: 'HighErrorRate' },
    };
    const [second] = parseAlertmanagerWebhook(alertmanagerBody([resolved], 'resolved'), ctx).alerts;
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ status: 'resolved', endsAt: Date.parse('2026-11-27T10:20:00Z') });
  });

  it('falls back to the catalog runbook, the app label and warning severity', () => {
    const [alert] = parseAlertmanagerWebhook(
      {
        ...alertmanagerBody([{ ...firing, labels: { alertname: 'SlowQueries', app: 'search-api' }, annotations: {} }]),
        commonLabels: {},
      },
      ctx
    ).alerts;
    expect(alert).toMatchObject({
      service: 'search-api',
      team: 'catalog',
      severity: 'warning',
      summary: 'SlowQueries',
      runbookUrl: '/a/opsdeck-sre-app/playbooks#search-api',
    });
  });

  it('accepts an empty notification as nothing to track', () => {
    expect(parseAlertmanagerWebhook(alertmanagerBody([]), ctx)).toEqual({
      alerts: [],
      incidents: [],
      ignored: 'no alerts in the notification',
    });
  });

  it.each([
    ['body', 'not an object'],
    ['alerts', { version: '4' }],
    ['alerts[0]', alertmanagerBody([7])],
    ['alerts[0].status', { ...alertmanagerBody([{ ...firing, status: undefined }]), status: undefined }],
    ['alerts[0].labels.severity', alertmanagerBody([{ ...firing, labels: { severity: 2 } }])],
    ['alerts[0].startsAt', alertmanagerBody([{ ...firing, startsAt: 'not a time' }])],
    ['commonLabels', { ...alertmanagerBody([firing]), commonLabels: [] }],
  ])('rejects a malformed body naming the field %s', (field, body) => {
    expectMalformed(() => parseAlertmanagerWebhook(body, ctx), field);
  });
});

// Shape from grafana/alerting receivers/webhook/v1 (see incident-apis.md §5): version "1", orgId, values, URLs.
const grafanaBody = {
  receiver: 'opsdeck',
  status: 'firing',
  orgId: 1,
  alerts: [
    {
      status: 'firing',
      labels: {
        alertname: 'IdentityLatency',
        grafana_folder: 'Platform',
        service: 'identity-api',
        team: 'platform',
        severity: 'page',
      },
      annotations: { summary: 'Identity p99 above 200 ms', description: 'p99 is 340 ms' },
      startsAt: '2026-11-27T11:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      values: { B: 340.2, C: 1 },
      generatorURL: 'http://grafana:3000/alerting/grafana/abc/view',
      fingerprint: '9a8b7c6d5e4f',
      silenceURL: 'http://grafana:3000/alerting/silence/new?matcher=alertname%3DIdentityLatency',
      dashboardURL: 'http://grafana:3000/d/identity',
      panelURL: 'http://grafana:3000/d/identity?viewPanel=2',
      imageURL: '',
    },
  ],
  groupLabels: { alertname: 'IdentityLatency' },
  commonLabels: { alertname: 'IdentityLatency' },
  commonAnnotations: {},
  externalURL: 'http://grafana:3000/',
  version: '1',
  groupKey: '{}:{alertname="IdentityLatency"}',
  truncatedAlerts: 0,
  title: '[FIRING:1] IdentityLatency',
  state: 'alerting',
  message: 'Identity p99 above 200 ms',
};

describe('Grafana Alerting webhook', () => {
  it('maps a Grafana alert with its dashboard, panel and silence links; "page" severity is critical', () => {
    const [alert] = parseGrafanaWebhook(grafanaBody, ctx).alerts;
    expect(alert).toMatchObject({
      source: 'grafana',
      service: 'identity-api',
      team: 'platform',
      severity: 'critical',
      status: 'firing',
      endsAt: undefined,
      summary: 'Identity p99 above 200 ms',
      description: 'p99 is 340 ms',
      runbookUrl: '/a/opsdeck-sre-app/playbooks#identity-api',
    });
    expect(alert.links.map((l) => l.title)).toEqual(['Source', 'Dashboard', 'Panel', 'Silence', 'Grafana']);
    expect(alert.id).toMatch(/^grafana-/);
  });

  it('rejects a non-string link field as malformed', () => {
    expectMalformed(
      () => parseGrafanaWebhook({ ...grafanaBody, alerts: [{ ...grafanaBody.alerts[0], panelURL: 3 }] }, ctx),
      'alerts[0].panelURL'
    );
  });
});
