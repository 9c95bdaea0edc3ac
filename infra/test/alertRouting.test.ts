/**
 * Opsdeck-AlertRouting-*: severity topics subscribed by the gateway, and the catalog's alarms; and that every alarm
 * the app ships reaches the gateway as an alert of the right service, severity and playbook.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  CLOUDWATCH_ALARM_KINDS,
  cloudwatchAlarmKind,
  PLAYBOOKS,
  playbookFor,
  playbookPath,
  type CatalogService,
} from '@opsdeck/contract';
import { loadCatalog } from '../../gateway/src/catalog';
import { parseSnsNotification } from '../../gateway/src/sources/sns/cloudwatchAlarm';
import type { SnsMessage } from '../../gateway/src/sources/sns/message';
import { listAlarms, planCatalogAlarms } from '../lib/alarms/catalogAlarms';
import { alarmDescription, planServiceAlarms, type AlarmSpec } from '../lib/alarms/plan';
import { REPO_ROOT } from '../lib/config';
import { BASE_CONTEXT, buildApp, configOf, HOME } from './support';

const FIXTURE = path.join(__dirname, 'fixtures/catalog.yaml');
const { stacks } = buildApp(BASE_CONTEXT, { awsEvents: false });
const templates = stacks.alertRouting.map((stack) => ({ stack, template: Template.fromStack(stack) }));
const demo = loadCatalog(path.join(REPO_ROOT, 'provisioning/opsdeck/services.yaml')).services;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- template JSON
type Resource = { Properties: Record<string, any>; DependsOn?: string[] };
const alarmsOf = (template: Template): Record<string, Resource> =>
  ({
    ...template.findResources('AWS::CloudWatch::Alarm'),
    ...template.findResources('AWS::CloudWatch::CompositeAlarm'),
  }) as Record<string, Resource>;

describe('alert routing', () => {
  it('has one stack per account and region of the catalog, the gateway’s first', () => {
    expect(stacks.alertRouting.map((s) => `${s.account}/${s.region}`)).toEqual([
      '111111111111/eu-west-1',
      '222222222222/us-east-1',
      '333333333333/eu-west-1',
      '333333333333/us-east-1',
    ]);
  });

  it('has a topic per severity in each, every one subscribed to the gateway’s /webhooks/sns over HTTPS', () => {
    for (const { template } of templates) {
      template.resourceCountIs('AWS::SNS::Topic', 3);
      const topics = template.findResources('AWS::SNS::Topic');
      expect(
        Object.values(topics)
          .map((t) => t.Properties.TopicName)
          .sort()
      ).toEqual(['opsdeck-alerts-critical', 'opsdeck-alerts-info', 'opsdeck-alerts-warning']);
      for (const id of Object.keys(topics)) {
        template.hasResourceProperties('AWS::SNS::Subscription', {
          TopicArn: { Ref: id },
          Protocol: 'https',
          Endpoint: 'https://opsdeck.example.com/webhooks/sns',
          RawMessageDelivery: false,
          DeliveryPolicy: { healthyRetryPolicy: Match.objectLike({ numRetries: 50 }) },
        });
      }
    }
  });

  it('subscribes the home stack to the HTTP API when no gatewayUrl is set, and leaves other accounts for later', () => {
    const { gatewayUrl: _url, ...context } = BASE_CONTEXT;
    const built = buildApp(context, { awsEvents: false }).stacks;
    expect(built.alertRouting.map((s) => s.account)).toEqual(['111111111111']);
    expect(built.skipped.filter((s) => s.startsWith('Opsdeck-AlertRouting'))).toHaveLength(3);
    const [subscription] = Object.values(
      Template.fromStack(built.alertRouting[0]).findResources('AWS::SNS::Subscription')
    );
    expect(JSON.stringify(subscription.Properties.Endpoint)).toMatch(/Fn::ImportValue.*Opsdeck-Gateway.*ApiEndpoint/);
  });

  it('adds the email and SMS subscriptions of the config', () => {
    const context = {
      ...BASE_CONTEXT,
      alarmSubscriptions: {
        critical: { emails: ['oncall@example.com'], sms: ['+4915112345678'] },
        warning: { emails: ['team@example.com'] },
      },
    };
    const template = Template.fromStack(buildApp(context, { awsEvents: false }).stacks.alertRouting[0]);
    const topic = (severity: string) =>
      Object.keys(
        template.findResources('AWS::SNS::Topic', { Properties: { TopicName: `opsdeck-alerts-${severity}` } })
      )[0];
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: topic('critical') },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sms',
      Endpoint: '+4915112345678',
      TopicArn: { Ref: topic('critical') },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'team@example.com',
      TopicArn: { Ref: topic('warning') },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 3 + 3);
    expect(() => configOf({ ...BASE_CONTEXT, alarmSubscriptions: { critical: { sms: ['015112345678'] } } })).toThrow(
      /E.164/
    );
  });

  it('creates exactly the planned alarms, each in its service’s account and region, named stably', () => {
    const listed = listAlarms(demo, HOME);
    const created = templates.flatMap(({ stack, template }) =>
      Object.values(alarmsOf(template)).map((a) => ({
        name: a.Properties.AlarmName as string,
        account: stack.account,
        region: stack.region,
      }))
    );
    expect(created.map((a) => a.name).sort()).toEqual(listed.map((a) => a.name).sort());
    for (const alarm of created) {
      expect(listed.find((l) => l.name === alarm.name)).toMatchObject({ account: alarm.account, region: alarm.region });
    }
    expect(stacks.alarms).toEqual(listed);
    // The names of checkout-api (ALB, RDS with a pool, cache, ASG; availability and latency objectives).
    expect(listed.filter((a) => a.service === 'checkout-api').map((a) => a.name)).toEqual([
      'checkout-api-http-5xx',
      'checkout-api-latency',
      'checkout-api-availability-1h-burn-rate',
      'checkout-api-availability-5m-burn-rate',
      'checkout-api-availability-6h-burn-rate',
      'checkout-api-availability-30m-burn-rate',
      'checkout-api-availability-burn-rate',
      'checkout-api-rds-connections',
      'checkout-api-rds-cpu',
      'checkout-api-rds-storage',
      'checkout-api-cache-evictions',
      'checkout-api-asg-capacity',
      'checkout-api-cpu',
      'checkout-api-memory',
    ]);
  });

  it('has every service with a metric for it alarm on its 5xx rate, and on p99 latency where it has a threshold', () => {
    const listed = listAlarms(demo, HOME);
    for (const service of demo) {
      const kinds = listed.filter((a) => a.service === service.name).map((a) => a.kind);
      const front = service.aws.loadBalancer ?? service.aws.apiGateway ?? service.aws.lambdaFunction;
      expect([service.name, kinds.includes('http-5xx')]).toEqual([service.name, Boolean(front)]);
      expect([service.name, kinds.includes('latency')]).toEqual([
        service.name,
        Boolean((service.aws.loadBalancer ?? service.aws.lambdaFunction) && service.slo.latencyP99Ms),
      ]);
      expect([service.name, kinds.includes('burn-rate')]).toEqual([service.name, Boolean(front)]);
    }
  });

  it('notifies the topic of each alarm’s severity on ALARM and OK; burn-rate windows notify nobody', () => {
    for (const { template } of templates) {
      const topicBySeverity = Object.fromEntries(
        Object.entries(template.findResources('AWS::SNS::Topic')).map(([id, t]) => [
          String(t.Properties.TopicName).split('-').pop(),
          id,
        ])
      );
      for (const alarm of Object.values(alarmsOf(template))) {
        const p = alarm.Properties as {
          AlarmName: string;
          AlarmDescription: string;
          AlarmActions?: unknown[];
          OKActions?: unknown[];
          ActionsEnabled: boolean;
        };
        const severity = /severity=(\w+)/.exec(p.AlarmDescription)![1];
        if (/-(1h|5m|6h|30m)-burn-rate$/.test(p.AlarmName)) {
          expect(p.ActionsEnabled).toBe(false);
          expect(p.AlarmActions).toBeUndefined();
          continue;
        }
        expect(p.AlarmActions).toEqual([{ Ref: topicBySeverity[severity] }]);
        expect(p.OKActions).toEqual([{ Ref: topicBySeverity[severity] }]);
      }
    }
  });

  it('gives each burn-rate composite the Workbook’s page rules over windows that exist', () => {
    const [home] = templates;
    const composite = Object.values(home.template.findResources('AWS::CloudWatch::CompositeAlarm')).find(
      (a) => a.Properties.AlarmName === 'checkout-api-availability-burn-rate'
    )!;
    expect(composite.Properties.AlarmRule).toBe(
      '(ALARM("checkout-api-availability-1h-burn-rate") AND ALARM("checkout-api-availability-5m-burn-rate")) OR ' +
        '(ALARM("checkout-api-availability-6h-burn-rate") AND ALARM("checkout-api-availability-30m-burn-rate"))'
    );
    expect(composite.DependsOn).toHaveLength(4);
    home.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'checkout-api-availability-1h-burn-rate',
      Threshold: 14.4,
      Metrics: Match.arrayWith([
        Match.objectLike({
          Id: 'result',
          Expression: 'IF(total > 0, FILL(bad, 0) / total / 0.001, 0)',
          ReturnData: true,
        }),
        Match.objectLike({ Id: 'bad', MetricStat: Match.objectLike({ Period: 3600, Stat: 'Sum' }) }),
      ]),
    });
    home.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'checkout-api-availability-6h-burn-rate',
      Threshold: 6,
    });
  });

  it('plans from the catalog: PR latency objectives, API Gateway, target groups, tiers, other accounts', () => {
    const services = loadCatalog(FIXTURE).services;
    const byName = (name: string) => services.find((s) => s.name === name)!;
    const orders = planServiceAlarms(byName('orders-api'));
    // A 28-day objective scales the Workbook's thresholds: 2 % × 28 × 24 / 1 h = 13.44.
    const fast1h = orders.find((a) => a.name === 'orders-api-fast-1h-burn-rate');
    expect(fast1h).toMatchObject({ type: 'metric', threshold: 13.44 });
    expect(fast1h?.type === 'metric' && fast1h.query).toMatchObject({
      type: 'expression',
      expression: 'IF(total > 0, (100 - FILL(good, 100)) / 100 / 0.01, 0)',
      // The ALB publishes seconds: 250 ms is PR(:0.25).
      metrics: { good: { metricName: 'TargetResponseTime', stat: 'PR(:0.25)' }, total: { metricName: 'RequestCount' } },
    });
    expect(orders.find((a) => a.name === 'orders-api-unhealthy-hosts')).toMatchObject({
      query: {
        metric: {
          dimensions: {
            TargetGroup: 'targetgroup/orders/fedcba9876543210',
            LoadBalancer: 'app/orders-alb/0123456789abcdef',
          },
        },
      },
    });
    expect(orders.find((a) => a.name === 'orders-api-rds-connections')).toMatchObject({ threshold: 45 });
    const quotes = planServiceAlarms(byName('quotes-api'));
    expect(quotes.find((a) => a.kind === 'http-5xx')).toMatchObject({
      severity: 'warning',
      query: {
        metrics: { bad: { namespace: 'AWS/ApiGateway', metricName: '5XXError' }, total: { metricName: 'Count' } },
      },
    });
    // Tier 3: one step down; no front door, no 5xx or burn-rate alarm.
    const reports = planServiceAlarms(byName('reports'));
    expect(reports.map((a) => [a.kind, a.severity])).toEqual([
      ['asg-capacity', 'info'],
      ['cpu', 'info'],
      ['memory', 'info'],
    ]);
    const planned = planCatalogAlarms(services, HOME, {});
    expect([...planned.keys()]).toEqual(['111111111111-eu-west-1', '444444444444-eu-central-1']);
    expect(planned.get('111111111111-eu-west-1')!.alarms.map((a) => a.service)).toContain('reports');
    expect(planned.get('444444444444-eu-central-1')!.alarms.every((a) => a.service === 'ledger')).toBe(true);
  });

  it('applies overrides by name and refuses names it does not know', () => {
    const overrides = {
      'checkout-api-http-5xx': { threshold: 2, severity: 'warning' as const },
      'checkout-api-availability-burn-rate': { enabled: false },
      'checkout-api-memory': { enabled: false },
    };
    const listed = listAlarms(demo, HOME, overrides);
    const names = listed.map((a) => a.name);
    expect(names.filter((n) => n.startsWith('checkout-api-availability'))).toEqual([]);
    expect(names).not.toContain('checkout-api-memory');
    expect(listed.find((a) => a.name === 'checkout-api-http-5xx')?.severity).toBe('warning');
    const spec = planCatalogAlarms(demo, HOME, overrides)
      .get('111111111111-eu-west-1')!
      .alarms.find((a) => a.name === 'checkout-api-http-5xx');
    expect(spec).toMatchObject({ threshold: 2 });
    expect(() => listAlarms(demo, HOME, { 'checkout-api-htp-5xx': { threshold: 1 } })).toThrow(/no alarm of that name/);
    expect(() => listAlarms(demo, HOME, { 'checkout-api-availability-5m-burn-rate': { enabled: false } })).toThrow(
      /override its composite/
    );
  });
});

describe('every alarm the app ships reaches the gateway with its playbook', () => {
  const snsMessage = (spec: AlarmSpec, account: string, region: string): SnsMessage => ({
    Type: 'Notification',
    MessageId: spec.name,
    TopicArn: `arn:aws:sns:${region}:${account}:opsdeck-alerts-${spec.severity}`,
    Message: JSON.stringify({
      AlarmName: spec.name,
      AlarmDescription: alarmDescription(spec),
      AWSAccountId: account,
      NewStateValue: 'ALARM',
      NewStateReason: 'Threshold Crossed',
      StateChangeTime: '2026-12-01T10:00:00.000+0000',
      AlarmArn: `arn:aws:cloudwatch:${region}:${account}:alarm:${spec.name}`,
      ...(spec.type === 'metric' && spec.query.type === 'metric'
        ? {
            Trigger: {
              MetricName: spec.query.metric.metricName,
              Namespace: spec.query.metric.namespace,
              Dimensions: Object.entries(spec.query.metric.dimensions).map(([name, value]) => ({ name, value })),
            },
          }
        : {}),
    }),
    Timestamp: '2026-12-01T10:00:00.000Z',
    SignatureVersion: '1',
    Signature: 'unchecked here',
    SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/cert.pem',
  });

  const cases = (services: CatalogService[]) =>
    [...planCatalogAlarms(services, HOME, {}).values()].flatMap(({ env, alarms }) =>
      alarms.map((spec) => ({ spec, env }))
    );

  it.each([
    ['the demo catalog', demo],
    ['the test catalog', loadCatalog(FIXTURE).services],
  ])('%s', (_name, services) => {
    for (const { spec, env } of cases(services)) {
      const [alert] = parseSnsNotification(snsMessage(spec, env.account, env.region), {
        catalog: services,
        receivedAt: 0,
      }).alerts;
      const expected = {
        name: spec.name,
        service: spec.service === 'opsdeck-gateway' ? undefined : spec.service,
        severity: spec.severity,
        playbook: spec.playbook,
      };
      expect({
        name: spec.name,
        service: alert.service,
        severity: alert.severity,
        playbook: playbookFor(alert).id,
      }).toEqual(expected);
      // The playbook is one the contract knows and the docs have, and the name alone already leads to its kind.
      expect(Object.hasOwn(PLAYBOOKS, spec.playbook)).toBe(true);
      expect(fs.existsSync(path.join(REPO_ROOT, playbookPath(spec.playbook)))).toBe(true);
      expect(cloudwatchAlarmKind(spec.name)).toBe(spec.kind);
      if (spec.service !== 'opsdeck-gateway') expect(CLOUDWATCH_ALARM_KINDS[spec.kind].playbook).toBe(spec.playbook);
    }
  });
});
