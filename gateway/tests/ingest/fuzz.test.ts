/**
 * Property: whatever JSON arrives, a parser returns a well-formed batch or throws MalformedPayloadError — never a
 * TypeError or anything else that would surface as a 500. Bodies are random JSON, and valid bodies with one field
 * replaced by random JSON or removed (the near-misses that reach deep into a parser).
 */
import fc from 'fast-check';
import { ALERT_SEVERITIES, ALERT_STATUSES, TIMELINE_KINDS } from '@opsdeck/contract';
import { MalformedPayloadError } from '../../src/upstream/parse/errors';
import type { IngestBatch, ParseContext } from '../../src/upstream/alertIngest';
import { parseAlertmanagerWebhook } from '../../src/sources/alertmanager/parseWebhook';
import { parseGrafanaWebhook } from '../../src/sources/grafana/parseWebhook';
import { parseOpsgenieWebhook } from '../../src/sources/opsgenie/parseWebhook';
import { parsePagerDutyWebhook } from '../../src/sources/pagerduty/parseWebhook';
import { parseSnsNotification } from '../../src/sources/sns/cloudwatchAlarm';
import { parseSnsMessage } from '../../src/sources/sns/message';
import { parseContext } from './support/context';
import { fixturesPresent, readFixtureJson } from './support/fixtures';

const ctx = parseContext();
type Parser = (body: unknown, ctx: ParseContext) => IngestBatch;

const parseSnsBody: Parser = (body, c) => parseSnsNotification(parseSnsMessage(body), c);
// SNS carries the alarm as a JSON string: fuzz the alarm object itself inside a valid envelope too.
const parseAlarmObject: Parser = (alarm, c) =>
  parseSnsNotification(parseSnsMessage({ ...snsEnvelope, Message: JSON.stringify(alarm) ?? '' }), c);

const alarm = {
  AlarmName: 'checkout-api-cpu-high',
  AWSAccountId: '111111111111',
  NewStateValue: 'ALARM',
  StateChangeTime: '2026-11-27T10:00:00.000+0000',
  AlarmArn: 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:checkout-api-cpu-high',
  Trigger: {
    Dimensions: [{ name: 'AutoScalingGroupName', value: 'checkout-api-asg' }],
    Metrics: [
      {
        Id: 'm1',
        Expression: 'a+b',
        MetricStat: { Metric: { MetricName: 'CPU', Dimensions: [{ name: 'FunctionName', value: 'f' }] } },
      },
    ],
  },
};
const snsEnvelope = {
  Type: 'Notification',
  MessageId: 'm-1',
  TopicArn: 'arn:aws:sns:eu-west-1:111111111111:alarms',
  Subject: 'ALARM',
  Message: JSON.stringify(alarm),
  Timestamp: '2026-11-27T10:00:00.000Z',
  SignatureVersion: '1',
  Signature: 'c2ln',
  SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-x.pem',
};

const amAlert = {
  status: 'firing',
  labels: { alertname: 'A', service: 'checkout-api', severity: 'critical' },
  annotations: { summary: 's', runbook_url: 'https://r' },
  startsAt: '2026-11-27T10:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://p',
  silenceURL: 'http://s',
};
const alertGroup = {
  version: '4',
  status: 'firing',
  commonLabels: { a: 'b' },
  commonAnnotations: {},
  externalURL: 'http://am',
  alerts: [amAlert, amAlert],
};

const pagerDutyEvent = {
  event: {
    event_type: 'incident.annotated',
    resource_type: 'incident',
    occurred_at: '2026-11-27T10:05:00Z',
    agent: { summary: 'Alice' },
    data: {
      id: 'P1',
      type: 'incident',
      status: 'acknowledged',
      title: 't',
      urgency: 'high',
      created_at: '2026-11-27T10:00:00Z',
      service: { id: 'PCHK001', summary: 'x' },
      teams: [{ summary: 'payments' }],
      priority: { summary: 'P2' },
      content: 'note',
      incident: { id: 'P1' },
    },
  },
};

const opsgenieBody = {
  action: 'AddNote',
  alert: {
    alertId: 'a',
    alias: 'b',
    message: 'm',
    tags: ['service:checkout-api'],
    teams: [{ name: 't' }],
    details: { service: 'x' },
    priority: 'P1',
    createdAt: 1,
    updatedAt: 1e18,
    note: 'n',
  },
  source: { name: 'web' },
};

const cases: Array<{ name: string; parse: Parser; samples: unknown[] }> = [
  { name: 'PagerDuty', parse: parsePagerDutyWebhook, samples: [pagerDutyEvent] },
  { name: 'Opsgenie', parse: parseOpsgenieWebhook, samples: [opsgenieBody] },
  { name: 'Alertmanager', parse: parseAlertmanagerWebhook, samples: [alertGroup] },
  { name: 'Grafana', parse: parseGrafanaWebhook, samples: [{ ...alertGroup, version: '1' }] },
  {
    name: 'SNS envelope',
    parse: parseSnsBody,
    samples: [snsEnvelope, { ...snsEnvelope, Type: 'SubscriptionConfirmation', Token: 't', SubscribeURL: 'https://x' }],
  },
  { name: 'CloudWatch alarm', parse: parseAlarmObject, samples: [alarm] },
];

if (fixturesPresent) {
  cases[0].samples.push(readFixtureJson('pagerduty/go-pagerduty.webhookv3.incident.priority_updated.body.json'));
  cases[1].samples.push(readFixtureJson('opsgenie/zulip.opsgenie-webhook.create.json'));
  cases[2].samples.push(readFixtureJson('alertmanager/prometheus-msteams.alertmanager-webhook.prom_post_request.json'));
}

/** Every path to a value inside `value` (object keys and array indexes). */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).flatMap(([key, child]) => {
    const here = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [here, ...paths(child, here)];
  });
}

function replaceAt(value: unknown, path: Array<string | number>, replacement: unknown, remove: boolean): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (remove && Array.isArray(node)) {
    // Splice, not delete: JSON has no array holes.
    node.splice(Number(last), 1);
  } else if (remove) {
    delete node[last];
  } else {
    node[last] = replacement;
  }
  return copy;
}

function expectOnlyTypedErrors(parse: Parser, body: unknown): void {
  let batch: IngestBatch;
  try {
    batch = parse(body, ctx);
  } catch (error) {
    if (!(error instanceof MalformedPayloadError)) {
      throw error;
    }
    expect(error.field.length).toBeGreaterThan(0);
    return;
  }
  for (const alert of batch.alerts) {
    expect(ALERT_SEVERITIES).toContain(alert.severity);
    expect(ALERT_STATUSES).toContain(alert.status);
    expect(Number.isFinite(alert.startsAt) && Number.isFinite(alert.updatedAt)).toBe(true);
    expect(typeof alert.summary).toBe('string');
  }
  for (const incident of batch.incidents) {
    expect(TIMELINE_KINDS).toContain(incident.entry.kind);
    expect(Number.isFinite(incident.entry.at)).toBe(true);
  }
}

describe.each(cases)('$name parser under fuzzed bodies', ({ parse, samples }) => {
  it('every valid sample parses', () => {
    for (const sample of samples) {
      expect(() => parse(sample, ctx)).not.toThrow();
    }
  });

  it('random JSON yields a batch or a MalformedPayloadError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => expectOnlyTypedErrors(parse, body)),
      { numRuns: 300 }
    );
  });

  it('a valid body with one field replaced or removed yields a batch or a MalformedPayloadError', () => {
    const mutations = fc
      .tuple(fc.nat({ max: samples.length - 1 }), fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
      .map(([sampleIndex, pathSeed, replacement, remove]) => {
        const sample = samples[sampleIndex];
        const all = paths(sample);
        return replaceAt(sample, all[pathSeed % all.length], replacement, remove);
      });
    fc.assert(
      fc.property(mutations, (body) => expectOnlyTypedErrors(parse, body)),
      { numRuns: 500 }
    );
  });

  // Found by the hostile-input suite: an Opsgenie action of "valueOf" indexed a plain lookup table and came back as
  // Object.prototype.valueOf. Every field, in turn, set to each name a plain object inherits.
  it("a field set to one of Object.prototype's names yields a batch or a MalformedPayloadError", () => {
    for (const sample of samples) {
      for (const path of paths(sample)) {
        for (const name of Object.getOwnPropertyNames(Object.prototype)) {
          expectOnlyTypedErrors(parse, replaceAt(sample, path, name, false));
        }
      }
    }
  });
});
