/**
 * A CloudWatch alarm state change from EventBridge → the alert SNS would give for the same change. The event is
 * rewritten as the alarm JSON an SNS notification carries and goes through the same parser (sns/cloudwatchAlarm.ts),
 * as the DescribeAlarms poller does: same alert id (from the alarm ARN), service, severity, playbook and labels, so an
 * alarm that reaches Opsdeck both ways is one alert. The delivery id is the poller's (alarm ARN, state, state change
 * time), so the poller and EventBridge never store one change twice.
 */
import type { AwsAlarmEvent, AwsAlarmMetric } from '@opsdeck/contract';
import { alertId, type IngestBatch, type ParseContext } from '../../upstream/alertIngest';
import { alarmStateDeliveryId } from '../cloudwatch/alarmStateKey';
import { parseSnsNotification } from '../sns/cloudwatchAlarm';

export interface AlarmDelivery {
  /** The alert the change updates (alertId('sns', alarm ARN)). */
  alertId: string;
  deliveryId: string;
  batch: IngestBatch;
}

// SNS writes dimension keys in lowercase (`name`, `value`): the parser reads that spelling.
const snsDimensions = (metric: AwsAlarmMetric) => metric.dimensions.map((d) => ({ name: d.name, value: d.value }));

/** One metric and no expression: SNS's single-metric `Trigger`; anything else: its `Trigger.Metrics[]` form. */
function trigger(metrics: readonly AwsAlarmMetric[]): Record<string, unknown> {
  const [only] = metrics;
  if (metrics.length === 1 && only.expression === undefined && only.name !== undefined) {
    return { MetricName: only.name, Namespace: only.namespace, Dimensions: snsDimensions(only) };
  }
  return {
    Metrics: metrics.map((m) => ({
      Id: m.id,
      Expression: m.expression,
      MetricStat:
        m.name === undefined
          ? undefined
          : { Metric: { MetricName: m.name, Namespace: m.namespace, Dimensions: snsDimensions(m) } },
    })),
  };
}

export function alarmDelivery(event: AwsAlarmEvent, ctx: ParseContext): AlarmDelivery {
  const { alarm } = event;
  const changedAt = new Date(alarm.changedAt).toISOString();
  const message = {
    AlarmName: alarm.name,
    AlarmDescription: alarm.description,
    AWSAccountId: event.account,
    NewStateValue: alarm.state,
    NewStateReason: alarm.reason,
    StateChangeTime: changedAt,
    OldStateValue: alarm.previousState,
    AlarmArn: alarm.arn,
    Trigger: trigger(alarm.metrics),
  };
  const batch = parseSnsNotification(
    {
      Type: 'Notification',
      MessageId: `eventbridge:${event.id}`,
      TopicArn: 'eventbridge',
      Message: JSON.stringify(message),
      Timestamp: changedAt,
      SignatureVersion: '',
      Signature: '',
      SigningCertURL: '',
    },
    ctx
  );
  return {
    alertId: batch.alerts[0]?.id ?? alertId('sns', alarm.arn),
    deliveryId: alarmStateDeliveryId(alarm.arn, alarm.state, alarm.changedAt),
    batch,
  };
}
