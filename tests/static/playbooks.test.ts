/**
 * @jest-environment node
 */
// Every alert Opsdeck ships has a playbook on disk, bundled into the plugin: each `alert:` of
// provisioning/prometheus/*.yml, every burn-rate alert the gateway emits, every demo fleet alert, every CloudWatch
// alarm kind (what infra/ names its alarms with); playbook links open the app's Playbooks page, and the demo
// catalog's runbookUrls point at the index there. The alerts are made by the gateway's own code, so renaming a rule or
// a label without its playbook fails here.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  ALERT_RULE_PLAYBOOKS,
  CLOUDWATCH_ALARM_KIND_NAMES,
  CLOUDWATCH_ALARM_KINDS,
  CLOUDWATCH_ALARM_PLAYBOOKS,
  cloudwatchAlarmKind,
  cloudwatchAlarmName,
  PLAYBOOK_IDS,
  playbookFor,
  playbookForIncident,
  playbookPath,
  PLAYBOOKS,
  PLAYBOOKS_APP_PATH,
  PLAYBOOKS_DIR,
  PLAYBOOKS_INDEX,
  playbooksAppUrl,
  type Alert,
  type PlaybookId,
  type SloObjectiveFigures,
  type SloSli,
} from '@opsdeck/contract';
import { DEMO_ALERTNAMES, demoDeliveries } from '../../gateway/src/alerts/demoAlertIngester';
import { loadCatalog } from '../../gateway/src/catalog';
import { burnAlert } from '../../gateway/src/slo/burnAlerts/burnAlertChanges';
import { DEMO_INCIDENT_CAUSES, type DemoIncident } from '../../gateway/src/sources/demo/incidents';
import { parseSnsNotification } from '../../gateway/src/sources/sns/cloudwatchAlarm';
import { type SnsMessage } from '../../gateway/src/sources/sns/message';
import { prefixRoute, ROUTES } from '@/constants';
import { BUNDLED_DOCS, bundledDoc, bundledDocAt, OTHER_DOC_PAGES } from '@/pages/Playbooks/bundledDocs';
import { readMarkdown, ROOT } from './markdown';

const catalog = loadCatalog(path.join(ROOT, 'provisioning/opsdeck/services.yaml'));
const checkout = catalog.find('checkout-api')!;
const exists = (file: string) => fs.existsSync(path.join(ROOT, file));
const index = readMarkdown(PLAYBOOKS_INDEX);

const onDiskText = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The playbook an alert maps to, failing when that playbook has no file or the app's page does not bundle it. */
function onDisk(alert: Parameters<typeof playbookFor>[0]): PlaybookId {
  const playbook = playbookFor(alert);
  expect(exists(playbook.path)).toBe(true);
  expect(playbook).toMatchObject({ inApp: true, url: playbooksAppUrl(playbook.id, { service: alert.service }) });
  expect(bundledDoc(playbook.id)?.path).toBe(playbook.path);
  return playbook.id;
}

describe('playbooks on disk', () => {
  it('has a file for every playbook, and a playbook for every file', () => {
    expect(PLAYBOOK_IDS.length).toBeGreaterThanOrEqual(20);
    expect(PLAYBOOK_IDS.filter((id) => !exists(playbookPath(id)))).toEqual([]);
    const files = fs
      .readdirSync(path.join(ROOT, 'docs/playbooks'))
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .map((name) => name.replace(/\.md$/, ''));
    expect(files.filter((name) => !(PLAYBOOK_IDS as string[]).includes(name))).toEqual([]);
  });

  it('bundles every playbook, the index, the SRE runbook and the escalation doc into the plugin, as they are on disk', () => {
    const files = fs
      .readdirSync(path.join(ROOT, PLAYBOOKS_DIR))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `${PLAYBOOKS_DIR}/${name}`);
    expect(files.filter((file) => bundledDocAt(file) === undefined)).toEqual([]);
    expect(PLAYBOOK_IDS.filter((id) => bundledDoc(id)?.path !== playbookPath(id))).toEqual([]);
    expect(bundledDoc('')?.path).toBe(PLAYBOOKS_INDEX);
    for (const [page, file] of Object.entries(OTHER_DOC_PAGES)) expect(bundledDoc(page)?.path).toBe(file);
    // Bundled by import, never a copy: what the plugin shows is the file.
    for (const doc of BUNDLED_DOCS) expect([doc.path, doc.source === onDiskText(doc.path)]).toEqual([doc.path, true]);
    expect(BUNDLED_DOCS.length).toBe(new Set(BUNDLED_DOCS.map((d) => d.page)).size);
  });

  it('keeps the other docs’ pages apart from every playbook id, under the app’s route', () => {
    expect(Object.keys(OTHER_DOC_PAGES).filter((page) => (PLAYBOOK_IDS as string[]).includes(page))).toEqual([]);
    expect(PLAYBOOKS_APP_PATH).toBe(prefixRoute(ROUTES.Playbooks));
    expect(playbooksAppUrl('slo-fast-burn', { service: 'checkout-api', anchor: 'triage' })).toBe(
      '/a/opsdeck-sre-app/playbooks/slo-fast-burn?service=checkout-api#triage'
    );
  });

  it('lists every playbook in the index, and each file starts with its title', () => {
    const linked = new Set(index.links.map((l) => l.target.split('#')[0]));
    expect(PLAYBOOK_IDS.filter((id) => !linked.has(`${id}.md`))).toEqual([]);
    for (const id of PLAYBOOK_IDS) {
      const firstLine = fs.readFileSync(path.join(ROOT, playbookPath(id)), 'utf8').split('\n')[0];
      expect([id, firstLine]).toEqual([id, `# ${PLAYBOOKS[id]}`]);
    }
  });

  it('gives every playbook the same sections, so a reader at 3 a.m. knows where to look', () => {
    const sections = ['symptoms', 'triage', 'mitigation', 'escalation', 'verify-recovery'];
    for (const id of PLAYBOOK_IDS) {
      const anchors = readMarkdown(playbookPath(id)).anchors;
      expect([id, sections.filter((s) => !anchors.has(s))]).toEqual([id, []]);
    }
  });
});

describe('every alert we ship has a playbook', () => {
  const rules = fs
    .readdirSync(path.join(ROOT, 'provisioning/prometheus'))
    .filter((name) => /\.ya?ml$/.test(name))
    .flatMap((name) => {
      const doc = YAML.parse(fs.readFileSync(path.join(ROOT, 'provisioning/prometheus', name), 'utf8')) as {
        groups: Array<{ rules: Array<{ alert?: string; labels?: Record<string, string> }> }>;
      };
      return doc.groups.flatMap((g) => g.rules).filter((r) => r.alert !== undefined);
    });

  it('finds the Prometheus rules', () => {
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining(['OpsdeckErrorBudgetExhausted', 'OpsdeckHealthScoreLow', 'OpsdeckKpisStale'])
    );
  });

  it.each(rules.map((r) => [r.alert!, r.labels ?? {}] as const))('Prometheus rule %s', (alertname, labels) => {
    // As Alertmanager delivers it: the rule's labels plus the alertname.
    const alert = { source: 'alertmanager', labels: { ...labels, alertname, service: 'checkout-api' } };
    expect(playbookFor(alert).matchedBy).toBe('alertname');
    onDisk(alert);
  });

  function objective(sli: SloSli, id: string): SloObjectiveFigures {
    const rule = (severity: 'page' | 'ticket') => ({
      severity,
      longWindow: '1h' as const,
      shortWindow: '5m' as const,
      threshold: 14.4,
      longBurnRate: 20,
      shortBurnRate: 21,
      firing: true,
    });
    return {
      id,
      sli,
      target: 0.999,
      windowDays: 30,
      attainment: 0.99,
      errorBudget: { total: 0.001, spent: 0.5, remaining: 0.5 },
      burnRates: { '5m': 21, '30m': 20, '1h': 20, '2h': 15, '6h': 9, '1d': 2, '3d': 1 },
      alerts: [rule('page'), rule('ticket')],
      exhaustsAt: null,
      exhaustsAtByRate: { '1h': null, '6h': null },
      sliSource: 'test counts',
      good: 99,
      total: 100,
    };
  }

  it.each([
    [{ kind: 'availability' }, 'availability', 'page', 'slo-fast-burn'],
    [{ kind: 'availability' }, 'availability', 'ticket', 'slo-slow-burn'],
    [{ kind: 'latency', thresholdMs: 400 }, 'p99', 'page', 'latency-slo-breach'],
    [{ kind: 'latency-percentile', thresholdMs: 400 }, 'latency', 'ticket', 'latency-slo-breach'],
  ] as const)('burn-rate alert on %j (%s, %s) → %s', (sli, id, severity, expected) => {
    const alert = burnAlert(checkout, objective(sli, id), severity, 0, 0);
    expect(playbookFor(alert).matchedBy).toBe('alertname');
    expect(onDisk(alert)).toBe(expected);
  });

  const demoIncident = (overrides: Partial<DemoIncident>): DemoIncident => ({
    id: 'INC-1',
    service: 'checkout-api',
    start: 1_000,
    end: 2_000,
    severity: 'degraded',
    errorRate: 0.01,
    latencyFactor: 1.2,
    cause: DEMO_INCIDENT_CAUSES[0],
    ...overrides,
  });
  const demoAlert = (incident: DemoIncident): Alert => demoDeliveries(incident, checkout, 1_500)[0].batch.alerts[0];

  const causes = DEMO_INCIDENT_CAUSES.flatMap((cause) =>
    (['degraded', 'down'] as const).map((severity): [string, DemoIncident['severity']] => [cause, severity])
  );
  it.each(causes)('demo alert "%s" (%s) names its playbook', (cause, severity) => {
    const alert = demoAlert(demoIncident({ cause, severity }));
    expect(playbookFor(alert).matchedBy).toBe('label');
    onDisk(alert);
    // Without its label, its alertname alone still maps.
    const { playbook: _label, ...labels } = alert.labels;
    expect(playbookFor({ ...alert, labels }).matchedBy).toBe('alertname');
  });

  it('sends a deploy-caused demo incident to the 5xx-after-deploy playbook', () => {
    const alert = demoAlert(demoIncident({ cause: 'Error spike after deploying v1.2.3', causedBy: 'dep-1' }));
    expect(onDisk(alert)).toBe('http-5xx-spike');
  });

  it('maps every demo alertname', () => {
    for (const name of Object.values(DEMO_ALERTNAMES)) expect(ALERT_RULE_PLAYBOOKS[name]).toBeDefined();
  });

  function alarm(
    name: string,
    description?: string,
    metric = { Namespace: 'AWS/EC2', MetricName: 'NetworkOut' }
  ): Alert {
    const message: SnsMessage = {
      Type: 'Notification',
      MessageId: 'm1',
      TopicArn: 'arn:aws:sns:eu-west-1:111111111111:opsdeck-critical',
      Message: JSON.stringify({
        AlarmName: name,
        AlarmDescription: description,
        AWSAccountId: '111111111111',
        NewStateValue: 'ALARM',
        NewStateReason: 'Threshold Crossed',
        StateChangeTime: '2026-11-27T10:00:00.000+0000',
        Region: 'EU (Ireland)',
        AlarmArn: `arn:aws:cloudwatch:eu-west-1:111111111111:alarm:${name}`,
        Trigger: { ...metric, Dimensions: [], Statistic: 'SUM', Period: 60 },
      }),
      Timestamp: '2026-11-27T10:00:00.000Z',
      SignatureVersion: '1',
      Signature: 'x',
      SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/cert.pem',
    };
    return parseSnsNotification(message, { catalog: catalog.services, receivedAt: 0 }).alerts[0];
  }

  it.each(CLOUDWATCH_ALARM_KIND_NAMES)('CloudWatch alarm kind %s, named by cloudwatchAlarmName', (kind) => {
    const name = cloudwatchAlarmName('checkout-api', kind);
    expect(cloudwatchAlarmKind(name)).toBe(kind);
    const alert = alarm(name, 'service=checkout-api');
    expect(playbookFor(alert).matchedBy).toBe('alarm-kind');
    expect(onDisk(alert)).toBe(CLOUDWATCH_ALARM_KINDS[kind].playbook);
  });

  it.each(Object.values(CLOUDWATCH_ALARM_KINDS).flatMap((k) => k.metrics.map((m) => [m, k.playbook] as const)))(
    'any CloudWatch alarm on %s → %s',
    (metric, expected) => {
      const [Namespace, MetricName] = metric.split(':');
      const alert = alarm('hand-made alarm', undefined, { Namespace, MetricName });
      expect(playbookFor(alert).matchedBy).toBe('metric');
      expect(onDisk(alert)).toBe(expected);
    }
  );

  it('takes a playbook=<id> tag of the alarm description over everything else', () => {
    const alert = alarm('checkout-api-cpu', 'service=checkout-api severity=warning playbook=disk-full');
    expect(alert.labels.playbook).toBe('disk-full');
    expect(playbookFor(alert)).toMatchObject({ id: 'disk-full', matchedBy: 'label' });
  });

  it('has a file for every registered alarm name', () => {
    for (const id of Object.values(CLOUDWATCH_ALARM_PLAYBOOKS)) expect(exists(playbookPath(id))).toBe(true);
  });

  it('maps PagerDuty incidents by an alert name in their title, else by service and urgency', () => {
    const incident = { source: 'pagerduty', service: 'checkout-api', severity: 'critical', alertIds: ['p1'] };
    expect(playbookForIncident({ ...incident, title: '[FIRING:1] OpsdeckKpisStale (opsdeck)' })).toMatchObject({
      id: 'opsdeck-kpis-stale',
      matchedBy: 'title',
    });
    expect(
      playbookForIncident({ ...incident, title: 'ALARM: "checkout-api-rds-connections" in EU (Ireland)' })
    ).toMatchObject({ id: 'rds-connection-pool', matchedBy: 'title' });
    expect(playbookForIncident({ ...incident, title: 'Checkout is on fire' })).toMatchObject({
      id: 'service-down',
      matchedBy: 'service',
    });
    expect(playbookForIncident({ ...incident, severity: 'warning', title: 'Checkout is slow' }).id).toBe(
      'service-degraded'
    );
    expect(playbookFor({ source: 'grafana', summary: 'Something' })).toMatchObject({
      id: 'service-degraded',
      matchedBy: 'default',
    });
  });

  it('reads only its own tables: label values such as "constructor" match nothing', () => {
    const odd = {
      labels: { alertname: 'constructor', playbook: '__proto__', alarm_name: 'toString' },
      summary: 'hasOwnProperty',
    };
    expect(playbookFor(odd).matchedBy).toBe('default');
    expect(cloudwatchAlarmKind('checkout-api-rds-cpu')).toBe('rds-cpu');
    expect(cloudwatchAlarmKind('cpu')).toBeUndefined();
  });

  it('builds URLs under another docs base', () => {
    expect(
      playbookFor(
        { labels: { alertname: 'OpsdeckKpisStale' }, service: 'checkout-api' },
        { baseUrl: 'https://git.internal/sre/opsdeck/-/blob/main' }
      )
    ).toMatchObject({
      url: 'https://git.internal/sre/opsdeck/-/blob/main/docs/playbooks/opsdeck-kpis-stale.md',
      inApp: false,
    });
  });

  it('opens the app’s page of the playbook by default, for the alert’s service when it has one', () => {
    expect(playbookFor({ labels: { alertname: 'OpsdeckKpisStale' } })).toMatchObject({
      url: `${PLAYBOOKS_APP_PATH}/opsdeck-kpis-stale`,
      inApp: true,
    });
    expect(
      playbookFor({ labels: { alertname: 'OpsdeckKpisStale' }, service: 'checkout-api' }, { baseUrl: '' }).url
    ).toBe(`${PLAYBOOKS_APP_PATH}/opsdeck-kpis-stale?service=checkout-api`);
  });
});

describe('the demo catalog', () => {
  it.each(catalog.services.filter((s) => s.runbookUrl).map((s) => [s.name, s.runbookUrl!]))(
    '%s links its runbook to its section of the playbook index, in the app',
    (name, url) => {
      expect(url).toBe(playbooksAppUrl(undefined, { anchor: name }));
      expect(index.anchors).toContain(name);
    }
  );

  it('has a section in the index for every service, runbook or not', () => {
    expect(catalog.services.map((s) => s.name).filter((name) => !index.anchors.has(name))).toEqual([]);
  });
});
