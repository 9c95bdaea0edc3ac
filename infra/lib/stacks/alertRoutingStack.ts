/**
 * Alert routing in one account and region: an SNS topic per severity (critical, warning, info), each subscribed by
 * the gateway's `POST /webhooks/sns` (HTTPS; the gateway verifies every message's signature, accepts only these
 * topics, OPSDECK_SNS_TOPIC_ARNS, and confirms the subscription itself), plus the email and SMS subscriptions of the
 * config; and the catalog's alarms of this account and region, each notifying the topic of its severity on ALARM
 * and on OK (so the alert resolves in Opsdeck).
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { ALERT_SEVERITIES, type AlertSeverity } from '@opsdeck/contract';
import { alarmDescription, type AlarmQuery, type AlarmSpec, type MetricAlarmSpec } from '../alarms/plan';
import type { Subscriptions } from '../config';
import { alertTopicName, SNS_WEBHOOK_PATH } from '../naming';

export interface AlertRoutingStackProps extends StackProps {
  /** The gateway's public base URL (https://…): topics deliver to `<url>/webhooks/sns`. */
  gatewayUrl: string;
  alarms: readonly AlarmSpec[];
  subscriptions: Readonly<Record<AlertSeverity, Subscriptions>>;
}

export class AlertRoutingStack extends Stack {
  readonly topics = {} as Record<AlertSeverity, sns.Topic>;

  constructor(scope: Construct, id: string, props: AlertRoutingStackProps) {
    super(scope, id, props);
    for (const severity of ALERT_SEVERITIES) {
      const topic = new sns.Topic(this, `Alerts-${severity}`, {
        topicName: alertTopicName(severity),
        displayName: `Opsdeck ${severity} alerts`,
      });
      // SNS retries an HTTPS endpoint that fails; a gateway being replaced should not lose the alarm. 50 tries over
      // about 20 minutes (SNS's limit for a healthy retry policy is one hour).
      topic.addSubscription(
        new subscriptions.UrlSubscription(`${props.gatewayUrl}${SNS_WEBHOOK_PATH}`, {
          protocol: sns.SubscriptionProtocol.HTTPS,
          rawMessageDelivery: false,
          deliveryPolicy: {
            healthyRetryPolicy: {
              numRetries: 50,
              numNoDelayRetries: 3,
              minDelayTarget: Duration.seconds(5),
              maxDelayTarget: Duration.seconds(30),
              backoffFunction: sns.BackoffFunction.EXPONENTIAL,
            },
          },
        })
      );
      for (const email of props.subscriptions[severity].emails)
        topic.addSubscription(new subscriptions.EmailSubscription(email));
      for (const phone of props.subscriptions[severity].sms)
        topic.addSubscription(new subscriptions.SmsSubscription(phone));
      this.topics[severity] = topic;
    }

    const created = new Map<string, cloudwatch.CfnAlarm>();
    for (const spec of props.alarms) {
      const actions = spec.notifies ? [this.topics[spec.severity].topicArn] : [];
      if (spec.type === 'metric') {
        created.set(spec.name, this.metricAlarm(spec, actions));
        continue;
      }
      const composite = new cloudwatch.CfnCompositeAlarm(this, `Alarm-${spec.name}`, {
        alarmName: spec.name,
        alarmDescription: alarmDescription(spec),
        alarmRule: spec.anyOf.map((all) => `(${all.map((name) => `ALARM("${name}")`).join(' AND ')})`).join(' OR '),
        actionsEnabled: true,
        alarmActions: actions,
        okActions: actions,
      });
      // The rule names its alarms; they must exist first.
      for (const name of spec.anyOf.flat()) {
        const child = created.get(name);
        if (!child) throw new Error(`${spec.name} names ${name}, which is not planned before it`);
        composite.addResourceDependency(child);
      }
    }
  }

  private metricAlarm(spec: MetricAlarmSpec, actions: string[]): cloudwatch.CfnAlarm {
    return new cloudwatch.CfnAlarm(this, `Alarm-${spec.name}`, {
      alarmName: spec.name,
      alarmDescription: alarmDescription(spec),
      comparisonOperator: spec.comparison,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods,
      datapointsToAlarm: spec.datapointsToAlarm,
      treatMissingData: spec.treatMissingData,
      actionsEnabled: actions.length > 0,
      alarmActions: actions.length ? actions : undefined,
      okActions: actions.length ? actions : undefined,
      ...queryProperties(spec.query),
    });
  }
}

/** A spec's query as CfnAlarm properties: a single metric, or metric math with its inputs hidden. */
export function queryProperties(query: AlarmQuery): Partial<cloudwatch.CfnAlarmProps> {
  const dimensions = (d: Readonly<Record<string, string>>) =>
    Object.entries(d).map(([name, value]) => ({ name, value }));
  if (query.type === 'metric') {
    const m = query.metric;
    const percentile = /^(p\d|PR\(|tm|tc|ts|wm|IQM)/.test(m.stat);
    return {
      namespace: m.namespace,
      metricName: m.metricName,
      dimensions: dimensions(m.dimensions),
      period: query.periodS,
      ...(percentile ? { extendedStatistic: m.stat } : { statistic: m.stat }),
    };
  }
  return {
    metrics: [
      { id: 'result', expression: query.expression, label: query.label, returnData: true },
      ...Object.entries(query.metrics).map(([id, m]) => ({
        id,
        returnData: false,
        metricStat: {
          metric: { namespace: m.namespace, metricName: m.metricName, dimensions: dimensions(m.dimensions) },
          period: query.periodS,
          stat: m.stat,
        },
      })),
    ],
  };
}
