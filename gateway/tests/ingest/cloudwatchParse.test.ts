import { alertId } from '../../src/upstream/alertIngest';
import { parseSnsNotification } from '../../src/sources/sns/cloudwatchAlarm';
import { parseSnsMessage, type SnsMessage } from '../../src/sources/sns/message';
import { parseContext } from './support/context';
import { expectMalformed } from './support/expectMalformed';
import { describeWithFixtures, readFixtureJson } from './support/fixtures';

const ctx = parseContext();

/** aws-lambda-go's samples are Lambda events; the SNS envelope inside is what an HTTP subscription receives. */
function lambdaSnsRecord(file: string): SnsMessage {
  const event = readFixtureJson(`aws-sns/${file}`) as { Records: Array<{ Sns: unknown }> };
  return parseSnsMessage(event.Records[0].Sns);
}

const FIXTURE_ARN = 'arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE';
const FIXTURE_REASON =
  'Threshold Crossed: 1 out of the last 1 datapoints [1234.0 (06/03/15 17:43:27)] was greater than the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).';

describeWithFixtures('CloudWatch alarms through SNS: published samples', () => {
  it('maps the single-metric alarm (aws-lambda-go)', () => {
    const batch = parseSnsNotification(
      lambdaSnsRecord('aws-lambda-go.events-testdata.cloudwatch-alarm-sns-payload-single-metric.json'),
      ctx
    );
    expect(batch).toEqual({
      incidents: [],
      alerts: [
        {
          id: alertId('sns', FIXTURE_ARN),
          source: 'sns',
          dedupKey: FIXTURE_ARN,
          service: undefined,
          team: undefined,
          runbookUrl: undefined,
          severity: 'critical',
          status: 'firing',
          startsAt: Date.parse('2015-06-03T17:43:27.123Z'),
          endsAt: undefined,
          updatedAt: Date.parse('2015-06-03T17:43:27.123Z'),
          summary: 'EXAMPLE',
          description: FIXTURE_REASON,
          labels: {
            alarm_name: 'EXAMPLE',
            aws_account: '123456789012',
            aws_region_name: 'EXAMPLE',
            metric_name: 'NetworkOut',
            namespace: 'AWS/EC2',
            dimension_InstanceId: 'TestInstance',
          },
          links: [],
        },
      ],
    });
  });

  it('maps the metric-math alarm (aws-lambda-go multiple metrics): expression plus the input metric and dimensions', () => {
    const [alert] = parseSnsNotification(
      lambdaSnsRecord('aws-lambda-go.events-testdata.cloudwatch-alarm-sns-payload-multiple-metrics.json'),
      ctx
    ).alerts;
    expect(alert).toMatchObject({
      dedupKey: FIXTURE_ARN,
      status: 'firing',
      severity: 'critical',
      summary: 'EXAMPLE',
      description: FIXTURE_REASON,
    });
    expect(alert.labels).toEqual({
      alarm_name: 'EXAMPLE',
      aws_account: 'EXAMPLE',
      aws_region_name: 'EXAMPLE',
      expression: 'm1*1',
      metric_name: 'NetworkOut',
      namespace: 'AWS/EC2',
      dimension_InstanceId: 'TestInstance',
    });
  });

  it('accepts and ignores SNS messages that are not alarms (aws-lambda-go sns-event, awsdocs notification)', () => {
    expect(parseSnsNotification(lambdaSnsRecord('aws-lambda-go.events-testdata.sns-event.json'), ctx)).toEqual({
      alerts: [],
      incidents: [],
      ignored: 'SNS notification is not a CloudWatch alarm',
    });
    const docs = parseSnsMessage(readFixtureJson('aws-sns/awsdocs.http-Notification.example.body.json'));
    expect(docs).toMatchObject({ Subject: 'My First Message', Message: 'Hello world!' });
    expect(parseSnsNotification(docs, ctx).alerts).toEqual([]);
  });

  it.each(['SubscriptionConfirmation', 'UnsubscribeConfirmation'])(
    'reads the awsdocs %s example with its token and ignores it as an alert',
    (type) => {
      const message = parseSnsMessage(readFixtureJson(`aws-sns/awsdocs.http-${type}.example.body.json`));
      expect(message).toMatchObject({
        Type: type,
        Token: '2336412f37...',
        TopicArn: 'arn:aws:sns:us-west-2:123456789012:MyTopic',
      });
      expect(message.SubscribeURL).toMatch(/^https:\/\/sns\.us-west-2\.amazonaws\.com\/\?Action=ConfirmSubscription/);
      expect(parseSnsNotification(message, ctx)).toEqual({ alerts: [], incidents: [], ignored: `SNS ${type}` });
    }
  );
});

function alarmNotification(alarm: Record<string, unknown>): SnsMessage {
  return {
    Type: 'Notification',
    MessageId: 'msg-1',
    TopicArn: 'arn:aws:sns:eu-west-1:111111111111:opsdeck-alarms',
    Message: JSON.stringify({
      AlarmName: 'checkout-api-cpu-high',
      AlarmDescription: 'CPU above 80% for 10 minutes',
      AWSAccountId: '111111111111',
      NewStateValue: 'ALARM',
      NewStateReason: 'Threshold Crossed',
      StateChangeTime: '2026-11-27T10:00:00.000+0000',
      Region: 'EU (Ireland)',
      AlarmArn: 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:checkout-api-cpu-high',
      OldStateValue: 'OK',
      Trigger: {
        MetricName: 'CPUUtilization',
        Namespace: 'AWS/EC2',
        Dimensions: [{ value: 'checkout-api-asg', name: 'AutoScalingGroupName' }],
      },
      ...alarm,
    }),
    Timestamp: '2026-11-27T10:00:01.000Z',
    SignatureVersion: '2',
    Signature: 'c2ln',
    SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-x.pem',
  };
}

describe('CloudWatch alarms through SNS: mapping rules', () => {
  it('resolves the service through its Auto Scaling group dimension and links the alarm in the console', () => {
    const [alert] = parseSnsNotification(alarmNotification({}), ctx).alerts;
    expect(alert).toMatchObject({
      service: 'checkout-api',
      team: 'payments',
      runbookUrl: '/a/opsdeck-sre-app/playbooks#checkout-api',
      severity: 'critical',
      status: 'firing',
      links: [
        {
          title: 'CloudWatch alarm',
          url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/checkout-api-cpu-high',
        },
      ],
    });
  });

  it('maps OK to resolved on the same alert, ended at the state change', () => {
    const firing = parseSnsNotification(alarmNotification({}), ctx).alerts[0];
    const ok = parseSnsNotification(
      alarmNotification({ NewStateValue: 'OK', StateChangeTime: '2026-11-27T10:30:00.000+0000' }),
      ctx
    ).alerts[0];
    expect(ok).toMatchObject({ id: firing.id, status: 'resolved', endsAt: Date.parse('2026-11-27T10:30:00Z') });
  });

  it('reads severity and service from the alarm description, and treats INSUFFICIENT_DATA as info', () => {
    const tagged = parseSnsNotification(
      alarmNotification({
        AlarmDescription: 'Queue backlog. severity=warning service=payments-worker',
        Trigger: { MetricName: 'Errors', Dimensions: [] },
      }),
      ctx
    ).alerts[0];
    expect(tagged).toMatchObject({ severity: 'warning', service: 'payments-worker' });
    const noData = parseSnsNotification(alarmNotification({ NewStateValue: 'INSUFFICIENT_DATA' }), ctx).alerts[0];
    expect(noData).toMatchObject({
      severity: 'info',
      status: 'firing',
      summary: 'checkout-api-cpu-high: insufficient data',
    });
  });

  it('resolves a metric-math alarm through its input metrics (Lambda function with alias)', () => {
    const [alert] = parseSnsNotification(
      alarmNotification({
        Trigger: {
          Metrics: [
            { Id: 'e1', Expression: 'errors / invocations', ReturnData: true },
            {
              Id: 'errors',
              MetricStat: {
                Metric: {
                  MetricName: 'Errors',
                  Namespace: 'AWS/Lambda',
                  Dimensions: [{ name: 'FunctionName', value: 'fraud-score:live' }],
                },
              },
            },
          ],
        },
      }),
      ctx
    ).alerts;
    expect(alert).toMatchObject({
      service: 'fraud-scoring',
      labels: { expression: 'errors / invocations', namespace: 'AWS/Lambda' },
    });
  });

  it.each([
    ['Message.NewStateValue', { NewStateValue: 'BROKEN' }],
    ['Message.StateChangeTime', { StateChangeTime: 'noon' }],
    ['Message.Trigger.Dimensions[0].value', { Trigger: { MetricName: 'm', Dimensions: [{ name: 'InstanceId' }] } }],
    ['Message.Trigger.Metrics[0]', { Trigger: { Metrics: ['m1'] } }],
    ['Message.AlarmName', { AlarmName: 5 }],
  ])('rejects a malformed alarm naming the field %s', (field, alarm) => {
    expectMalformed(() => parseSnsNotification(alarmNotification(alarm), ctx), field);
  });

  it.each([
    ['body', 'text'],
    ['Type', { Type: 'Other' }],
    ['TopicArn', { Type: 'Notification', MessageId: 'm', Message: '' }],
    ['Token', { ...alarmNotification({}), Type: 'SubscriptionConfirmation' }],
    ['SigningCertUrl', { ...alarmNotification({}), SigningCertURL: undefined }],
  ])('rejects a malformed SNS envelope naming the field %s', (field, body) => {
    expectMalformed(() => parseSnsMessage(body), field);
  });
});
