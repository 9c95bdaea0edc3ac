/**
 * The polling safety net: PagerDuty incidents (paginated) and CloudWatch DescribeAlarms against the protocol fakes,
 * through the same persist path as webhooks. Repeated polls change nothing.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { alertId } from '../../src/upstream/alertIngest';
import { CloudWatchFake } from '../fakes/aws';
import { PagerDutyFake } from '../fakes/pagerduty';
import { startActionsGateway, START, type ActionsGateway } from './support/actionsGateway';

const ALARM_ARN = 'arn:aws:cloudwatch:eu-west-1:111111111111:alarm:checkout-5xx';

describe('polling safety net', () => {
  let pd: PagerDutyFake;
  let cw: CloudWatchFake;
  let gw: ActionsGateway;

  beforeAll(async () => {
    pd = new PagerDutyFake({ now: () => START });
    cw = new CloudWatchFake({ now: () => START });
    await pd.start();
    const endpoint = await cw.start();
    const client = new CloudWatchClient({
      region: 'eu-west-1',
      endpoint,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    gw = await startActionsGateway({
      settings: { pagerdutyApiToken: pd.token, pagerdutyApiUrl: pd.url },
      cloudwatch: [client],
    });
  });

  afterAll(async () => {
    await gw.close();
    await pd.stop();
    await cw.stop();
  });

  it('catches up PagerDuty incidents and CloudWatch alarms a webhook missed, once', async () => {
    for (let i = 0; i < 130; i++) {
      pd.addIncident({
        id: `PPOLL${i}`,
        serviceId: i % 2 ? 'PCHK001' : 'PINV004',
        status: i < 120 ? 'triggered' : 'resolved',
      });
    }
    cw.alarms.push(
      {
        AlarmName: 'checkout-5xx',
        AlarmArn: ALARM_ARN,
        StateValue: 'ALARM',
        StateReason: 'Threshold crossed',
        StateUpdatedTimestamp: START / 1000 - 120,
        MetricName: 'HTTPCode_Target_5XX_Count',
        Namespace: 'AWS/ApplicationELB',
        Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'inventory-api-asg' }],
      },
      { AlarmName: 'never-fired', StateValue: 'OK', StateUpdatedTimestamp: START / 1000 - 3600 }
    );

    await gw.app.alertActions.polling.runOnce();
    expect(pd.callsTo('GET', '/incidents').length).toBe(2);
    const stored = await gw.read('/api/alerts?source=pagerduty&status=all&limit=1000');
    expect(stored.body.alerts).toHaveLength(130);
    const one = await gw.read(`/api/alerts/${alertId('pagerduty', 'PPOLL1')}`);
    expect(one.body.alert).toMatchObject({ status: 'firing', service: 'checkout-api' });
    const alarm = await gw.read(`/api/alerts/${alertId('sns', ALARM_ARN)}`);
    expect(alarm.body.alert).toMatchObject({ status: 'firing', service: 'inventory-api', source: 'sns' });
    expect((await gw.read('/api/alerts?source=sns&status=all')).body.alerts).toHaveLength(1);

    const eventsBefore = (await gw.store.listEventsSince(0, 1000)).length;
    await gw.app.alertActions.polling.runOnce();
    expect((await gw.store.listEventsSince(0, 1000)).length).toBe(eventsBefore);

    // A state change upstream is picked up by the next round.
    pd.incidents.get('PPOLL1')!.status = 'acknowledged';
    pd.incidents.get('PPOLL1')!.updatedAt = new Date(START + 1000).toISOString();
    cw.alarms[0].StateValue = 'OK';
    cw.alarms[0].StateUpdatedTimestamp = START / 1000 + 1;
    gw.clock.now = START + 60_000;
    await gw.app.alertActions.polling.runOnce();
    expect((await gw.read(`/api/alerts/${alertId('pagerduty', 'PPOLL1')}`)).body.alert.status).toBe('acknowledged');
    expect((await gw.read(`/api/alerts/${alertId('sns', ALARM_ARN)}`)).body.alert.status).toBe('resolved');
  });

  it('keeps polling through a rate limit', async () => {
    pd.rateLimitNext(1);
    pd.calls.length = 0;
    await gw.app.alertActions.polling.runOnce();
    expect(
      pd
        .callsTo('GET', '/incidents')
        .map((c) => c.status)
        .slice(0, 2)
    ).toEqual([429, 200]);
  });
});
