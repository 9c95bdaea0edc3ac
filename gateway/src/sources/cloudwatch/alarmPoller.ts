/**
 * Safety net for missed SNS deliveries: DescribeAlarms (all pages) and each alarm's current state goes through the
 * same CloudWatch-alarm parser as an SNS notification, so the alert id is the one SNS would give. The delivery id
 * names the alarm and its state change time (alarmStateKey.ts): repeated polls, and the EventBridge event of the
 * same change, store nothing more. OK alarms Opsdeck never saw firing are skipped (nothing to resolve).
 */
import { DescribeAlarmsCommand, type CloudWatchClient, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { alertId, type PollerDeps } from '../../upstream/alertIngest';
import { parseSnsNotification } from '../sns/cloudwatchAlarm';
import { alarmStateDeliveryId } from './alarmStateKey';

const ALARM_ARN = /^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:(\d{12}):alarm:/;

export class CloudWatchAlarmPoller {
  constructor(
    private readonly clients: CloudWatchClient[],
    private readonly deps: PollerDeps
  ) {}

  async poll(): Promise<number> {
    let persisted = 0;
    for (const client of this.clients) {
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm'], NextToken: nextToken, MaxRecords: 100 })
        );
        for (const alarm of page.MetricAlarms ?? []) persisted += await this.feed(alarm);
        nextToken = page.NextToken;
      } while (nextToken);
    }
    return persisted;
  }

  private async feed(alarm: MetricAlarm): Promise<number> {
    if (!alarm.AlarmName || !alarm.StateValue || !alarm.StateUpdatedTimestamp) return 0;
    const now = this.deps.clock();
    const arn = alarm.AlarmArn;
    const account = arn ? ALARM_ARN.exec(arn)?.[1] : undefined;
    const dedupKey = arn ?? `${account ?? 'unknown-account'}:${alarm.AlarmName}`;
    if (alarm.StateValue === 'OK' && !(await this.deps.alerts.getAlert(alertId('sns', dedupKey)))) return 0;
    const changedAt = alarm.StateUpdatedTimestamp.toISOString();
    const message = {
      AlarmName: alarm.AlarmName,
      AlarmDescription: alarm.AlarmDescription,
      AWSAccountId: account,
      NewStateValue: alarm.StateValue,
      NewStateReason: alarm.StateReason,
      StateChangeTime: changedAt,
      AlarmArn: arn,
      Trigger: alarm.MetricName
        ? {
            MetricName: alarm.MetricName,
            Namespace: alarm.Namespace,
            Dimensions: (alarm.Dimensions ?? []).map((d) => ({ name: d.Name, value: d.Value })),
          }
        : {
            Metrics: (alarm.Metrics ?? []).map((m) => ({
              Id: m.Id,
              Expression: m.Expression,
              MetricStat: m.MetricStat && {
                Metric: {
                  MetricName: m.MetricStat.Metric?.MetricName,
                  Namespace: m.MetricStat.Metric?.Namespace,
                  Dimensions: (m.MetricStat.Metric?.Dimensions ?? []).map((d) => ({ name: d.Name, value: d.Value })),
                },
              },
            })),
          },
    };
    const batch = parseSnsNotification(
      {
        Type: 'Notification',
        MessageId: `poll:${dedupKey}:${changedAt}`,
        TopicArn: 'poll',
        Message: JSON.stringify(message),
        Timestamp: changedAt,
        SignatureVersion: '',
        Signature: '',
        SigningCertURL: '',
      },
      { catalog: this.deps.catalog, receivedAt: now }
    );
    const { inserted } = await this.deps.alerts.persist({
      source: 'sns',
      deliveryId: alarmStateDeliveryId(dedupKey, alarm.StateValue, alarm.StateUpdatedTimestamp.getTime()),
      receivedAt: now,
      batch,
    });
    return inserted > 0 ? 1 : 0;
  }
}
