/**
 * POST /webhooks/aws-events on the in-process gateway, SQLite and Postgres: the token, validation, idempotency per
 * EventBridge event id, and where each kind lands — alarms on the same alert as SNS and the DescribeAlarms poller
 * (one alert, one stored state change), Auto Scaling failures as alerts resolved by the next success, deployments on
 * the record the deploy poller keeps. Events are written as the contract describes them (the Lambda's own tests
 * cover AWS's sample events end to end).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  AWS_EVENTS_WEBHOOK_PATH,
  type Alert,
  type AwsAlarmEvent,
  type AwsCapacityEvent,
  type AwsDeploymentEvent,
  type AwsDeploymentTarget,
  type AwsEvent,
  type AwsEventsResponse,
  type Deployment,
} from '@opsdeck/contract';
import { ConfigError, loadConfig } from '../../src/config';
import { DeploymentStore } from '../../src/deployments/store/deploymentStore';
import type { Store } from '../../src/store';
import { alertId } from '../../src/upstream/alertIngest';
import { CloudWatchFake } from '../fakes/aws';
import { sameDatabase } from '../hardening/support/sameDatabase';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { postgresBackend, sqliteBackend } from '../support/storeBackends';
import { createTestSigner, type TestSigner } from './support/testCertificate';

jest.setTimeout(60_000);

const TOKEN = 'aws-events-test-token';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:opsdeck-alarms';
const CERT_NAME = 'SimpleNotificationService-0123456789abcdef0123456789abcdef.pem';
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const T0 = Date.UTC(2026, 10, 27, 9, 0, 0, 250);
const MINUTE = 60_000;

const CATALOG = `services:
  - name: orders-api
    team: orders
    tier: 1
    owners: [orders@example.com]
    aws: { autoScalingGroup: orders-asg, loadBalancer: app/orders-alb/50dc6c495c0c9188 }
    deployTarget: { kind: codedeploy, name: orders/production }
  - name: orders-web
    team: orders
    tier: 2
    owners: [orders@example.com]
    deployTarget: { kind: codepipeline, name: orders-web-pipeline }
  - name: orders-worker
    team: orders
    tier: 2
    owners: [orders@example.com]
    deployTarget: { kind: ecs, name: orders-cluster/orders-worker }
`;

const ARN = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:orders-api-http-5xx`;

function envelope(id: string, source: string, detailType: string, time: number) {
  return { id, source, detailType, account: ACCOUNT, region: REGION, time };
}

function alarm(id: string, state: AwsAlarmEvent['alarm']['state'], changedAt: number, arn = ARN): AwsAlarmEvent {
  return {
    ...envelope(id, 'aws.cloudwatch', 'CloudWatch Alarm State Change', Math.floor(changedAt / 1000) * 1000),
    kind: 'alarm',
    alarm: {
      name: arn.slice(arn.lastIndexOf(':') + 1),
      arn,
      state,
      reason: `Threshold Crossed: went ${state}`,
      changedAt,
      description: 'severity=warning',
      metrics: [
        {
          id: 'm1',
          namespace: 'AWS/ApplicationELB',
          name: 'HTTPCode_Target_5XX_Count',
          dimensions: [{ name: 'LoadBalancer', value: 'app/orders-alb/50dc6c495c0c9188' }],
        },
      ],
    },
  };
}

function capacity(
  id: string,
  outcome: 'failed' | 'succeeded',
  at: number,
  activity: 'launch' | 'terminate' = 'launch'
): AwsCapacityEvent {
  const verb = activity === 'launch' ? 'Launch' : 'Terminate';
  return {
    ...envelope(
      id,
      'aws.autoscaling',
      `EC2 Instance ${verb} ${outcome === 'failed' ? 'Unsuccessful' : 'Successful'}`,
      at
    ),
    kind: 'capacity',
    capacity: {
      autoScalingGroup: 'orders-asg',
      activity,
      outcome,
      activityId: `activity-${id}`,
      instanceId: 'i-0123456789abcdef0',
      at,
      cause:
        'At 2026-11-27T09:00:00Z an instance was started in response to a difference between desired and actual capacity',
      statusMessage: outcome === 'failed' ? 'We currently do not have sufficient m5.large capacity.' : undefined,
    },
  };
}

function deployment(
  id: string,
  target: AwsDeploymentTarget,
  status: AwsDeploymentEvent['deployment']['status'],
  at: number,
  state = status.toUpperCase()
): AwsDeploymentEvent {
  return {
    ...envelope(id, `aws.${target.kind}`, 'state change', at),
    kind: 'deployment',
    deployment: { target, status, state, at },
  };
}

const codeDeploy = (deploymentId: string, application = 'orders'): AwsDeploymentTarget => ({
  kind: 'codedeploy',
  application,
  deploymentGroup: 'production',
  deploymentId,
});

describe('OPSDECK_AWS_EVENTS_TOKEN', () => {
  it('is read as the webhook setting awsEventsToken, and never shown when refused', () => {
    expect(loadConfig({ OPSDECK_AWS_EVENTS_TOKEN: 'new-token,old-token' }, os.tmpdir()).webhooks.awsEventsToken).toBe(
      'new-token,old-token'
    );
    let refused: unknown;
    try {
      loadConfig({ OPSDECK_AWS_EVENTS_TOKEN: '   ' }, os.tmpdir());
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).key).toBe('OPSDECK_AWS_EVENTS_TOKEN');
    expect((refused as ConfigError).message).toContain('not shown: it is a secret');
  });
});

describe.each([
  ['sqlite', sqliteBackend],
  ['postgres', postgresBackend],
] as const)('POST /webhooks/aws-events on %s', (_name, makeBackend) => {
  const backend = makeBackend();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-aws-events-'));
  let reader: Store;
  let gateway: TestGateway;
  let cloudwatch: CloudWatchFake;
  let signer: TestSigner;

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'services.yaml'), CATALOG);
    signer = createTestSigner();
    fs.writeFileSync(path.join(dir, CERT_NAME), signer.certificatePem);
    cloudwatch = new CloudWatchFake({ now: () => T0 });
    const endpoint = await cloudwatch.start();
    reader = await backend.open();
    gateway = await startTestGateway({
      ...(await sameDatabase(reader)),
      catalogFile: path.join(dir, 'services.yaml'),
      // A rotated-out token still listed: both are accepted while the Lambda's secret changes.
      webhooks: { awsEventsToken: `old-aws-events-token,${TOKEN}`, snsTopicArns: TOPIC, snsCertsDir: dir },
      alertActions: {
        timers: false,
        cloudwatch: [
          new CloudWatchClient({
            region: REGION,
            endpoint,
            credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
            maxAttempts: 1,
          }),
        ],
      },
      deployments: { mode: { kind: 'none' }, settings: { pollIntervalMs: 0 } },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await reader?.close();
    await cloudwatch?.stop();
    await backend.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function post(body: unknown, authorization: string | null = `Bearer ${TOKEN}`) {
    const response = await fetch(`${gateway.url}${AWS_EVENTS_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as AwsEventsResponse & { error?: string; field?: string },
    };
  }

  const events = (...list: AwsEvent[]) => ({ events: list });

  async function read<T>(url: string): Promise<T> {
    const response = await fetch(`${gateway.url}${url}`, { headers: { authorization: `Bearer ${gateway.token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  const awsAlerts = async () =>
    (await read<{ alerts: Alert[] }>('/api/alerts?source=sns&status=all&limit=1000')).alerts;
  const alertById = async (id: string) => (await read<{ alert: Alert }>(`/api/alerts/${id}`)).alert;
  const deployments = async () =>
    (
      await read<{ deployments: Deployment[] }>(
        '/api/deployments?service=orders-api,orders-web,orders-worker&limit=5000'
      )
    ).deployments;
  /** Event-log rows whose payload holds `text` (the demo fleet writes its own rows all along). */
  async function eventsAbout(text: string) {
    const found = [];
    for (let after = 0; ;) {
      const page = await reader.listEventsSince(after, 1000);
      if (page.length === 0) return found;
      found.push(...page.filter((e) => JSON.stringify(e.payload).includes(text)));
      after = page[page.length - 1].id;
    }
  }

  describe('who may post', () => {
    it('refuses a missing or wrong token with 401 and stores nothing; both listed tokens work', async () => {
      const body = events(alarm('auth-1', 'ALARM', T0, `${ARN}-auth`));
      for (const authorization of [null, 'Bearer wrong', `Bearer ${gateway.token}`, TOKEN, `Basic ${TOKEN}`]) {
        const answer = await post(body, authorization);
        expect({ authorization, status: answer.status }).toEqual({ authorization, status: 401 });
        expect(answer.body.error).toBe(
          'webhook refused: missing or wrong Authorization: Bearer <OPSDECK_AWS_EVENTS_TOKEN>'
        );
      }
      expect(await awsAlerts()).toEqual([]);
      expect((await post(body, 'Bearer old-aws-events-token')).body.results).toEqual([
        { id: 'auth-1', outcome: 'stored' },
      ]);
      expect(await awsAlerts()).toHaveLength(1);
    });
  });

  describe('what it accepts', () => {
    it.each([
      ['not JSON', '{"events": [', 'body', 'body: is not valid JSON'],
      ['no events', { events: [] }, 'events', 'events: must hold at least one event'],
      [
        'an unknown kind',
        { events: [{ ...alarm('invalid', 'ALARM', T0, `${ARN}-invalid`), kind: 'weather' }] },
        'events[0].kind',
        undefined,
      ],
      [
        'a state CloudWatch has not',
        {
          events: [
            {
              ...alarm('invalid', 'ALARM', T0, `${ARN}-invalid`),
              alarm: { ...alarm('invalid', 'ALARM', T0, `${ARN}-invalid`).alarm, state: 'RED' },
            },
          ],
        },
        'events[0].alarm.state',
        'events[0].alarm.state: must be one of ALARM, OK, INSUFFICIENT_DATA',
      ],
      [
        'a time past 2100',
        { events: [capacity('invalid', 'failed', Date.UTC(2200, 0, 1))] },
        'events[0].time',
        undefined,
      ],
      [
        'a control character in an id',
        { events: [deployment('invalid', codeDeploy('d-invalid-\u0000'), 'succeeded', T0)] },
        'events[0].deployment.target.deploymentId',
        'events[0].deployment.target.deploymentId: must not contain control characters',
      ],
      [
        'more than a batch',
        { events: Array.from({ length: 101 }, (_, i) => alarm(`invalid-${i}`, 'ALARM', T0, `${ARN}-invalid`)) },
        'events',
        'events: must hold at most 100 events',
      ],
    ])('refuses %s with a 400 naming the field, storing nothing of the batch', async (_what, body, field, error) => {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expect(answer.body.field).toBe(field);
      if (error) expect(answer.body.error).toBe(error);
      else expect(answer.body.error).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: `));
      expect(await eventsAbout('invalid')).toEqual([]);
    });

    it('takes fields it does not know (a newer Lambda) and leaves them out', async () => {
      const event = { ...deployment('newer-1', codeDeploy('d-NEWER'), 'succeeded', T0), addedLater: { x: 1 } };
      expect((await post(events(event))).body.results).toEqual([{ id: 'newer-1', outcome: 'stored' }]);
    });
  });

  describe('alarms', () => {
    it('stores an alarm as the CloudWatch alarm’s alert, and the same event again as a duplicate', async () => {
      const first = await post(events(alarm('eb-1', 'ALARM', T0)));
      expect(first).toEqual({ status: 200, body: { results: [{ id: 'eb-1', outcome: 'stored' }] } });
      const stored = await alertById(alertId('sns', ARN));
      expect(stored).toMatchObject({
        source: 'sns',
        dedupKey: ARN,
        service: 'orders-api',
        team: 'orders',
        severity: 'warning',
        status: 'firing',
        startsAt: T0,
        summary: 'orders-api-http-5xx',
        description: 'Threshold Crossed: went ALARM',
        labels: {
          alarm_name: 'orders-api-http-5xx',
          aws_account: ACCOUNT,
          metric_name: 'HTTPCode_Target_5XX_Count',
          namespace: 'AWS/ApplicationELB',
          dimension_LoadBalancer: 'app/orders-alb/50dc6c495c0c9188',
        },
      });
      expect(await eventsAbout(`"${ARN}"`)).toHaveLength(1);
      const again = await post(events(alarm('eb-1', 'ALARM', T0)));
      expect(again.body.results).toEqual([
        { id: 'eb-1', outcome: 'duplicate', reason: 'this alarm state change is already stored' },
      ]);
      expect(await eventsAbout(`"${ARN}"`)).toHaveLength(1);
    });

    it('resolves on OK, and ignores an OK for an alarm it never saw firing, as the poller does', async () => {
      expect((await post(events(alarm('eb-2', 'OK', T0 + MINUTE)))).body.results).toEqual([
        { id: 'eb-2', outcome: 'stored' },
      ]);
      expect(await alertById(alertId('sns', ARN))).toMatchObject({ status: 'resolved', endsAt: T0 + MINUTE });
      const never = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:never-fired`;
      expect((await post(events(alarm('eb-3', 'OK', T0, never)))).body.results).toEqual([
        { id: 'eb-3', outcome: 'ignored', reason: 'OK for an alarm Opsdeck never saw firing' },
      ]);
    });

    function snsNotification(arn: string, state: string, changedAt: string, messageId: string) {
      return signer.sign({
        Type: 'Notification',
        MessageId: messageId,
        TopicArn: TOPIC,
        Subject: `ALARM: "${arn.slice(arn.lastIndexOf(':') + 1)}" in US East (N. Virginia)`,
        Message: JSON.stringify({
          AlarmName: arn.slice(arn.lastIndexOf(':') + 1),
          AlarmDescription: 'severity=warning',
          AWSAccountId: ACCOUNT,
          NewStateValue: state,
          NewStateReason: `Threshold Crossed: went ${state}`,
          StateChangeTime: changedAt,
          Region: 'US East (N. Virginia)',
          AlarmArn: arn,
          OldStateValue: 'OK',
          Trigger: {
            MetricName: 'HTTPCode_Target_5XX_Count',
            Namespace: 'AWS/ApplicationELB',
            Dimensions: [{ value: 'app/orders-alb/50dc6c495c0c9188', name: 'LoadBalancer' }],
          },
        }),
        Timestamp: new Date().toISOString(),
        SignatureVersion: '2',
        SigningCertURL: `https://sns.${REGION}.amazonaws.com/${CERT_NAME}`,
      });
    }

    async function postSns(message: unknown) {
      const response = await fetch(`${gateway.url}/webhooks/sns`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=UTF-8' },
        body: JSON.stringify(message),
      });
      expect(response.status).toBe(200);
    }

    it('is one alert and one stored change when SNS brought the same state change first', async () => {
      const arn = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:orders-api-latency`;
      await postSns(snsNotification(arn, 'ALARM', '2026-11-27T09:10:00.250+0000', 'sns-msg-latency'));
      expect(await eventsAbout(`"${arn}"`)).toHaveLength(1);
      const answer = await post(events(alarm('eb-sns-1', 'ALARM', T0 + 10 * MINUTE, arn)));
      expect(answer.body.results).toEqual([
        { id: 'eb-sns-1', outcome: 'duplicate', reason: 'this alarm state change is already stored' },
      ]);
      expect(await eventsAbout(`"${arn}"`)).toHaveLength(1);
      expect((await awsAlerts()).filter((a) => a.dedupKey === arn)).toHaveLength(1);
      // SNS's own wording stays: its long region name is what EventBridge does not carry.
      expect(await alertById(alertId('sns', arn))).toMatchObject({
        labels: { aws_region_name: 'US East (N. Virginia)' },
      });
    });

    it('is one alert when EventBridge came first and SNS follows with the same change', async () => {
      const arn = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:orders-api-unhealthy-hosts`;
      expect((await post(events(alarm('eb-sns-2', 'ALARM', T0 + 20 * MINUTE, arn)))).body.results[0].outcome).toBe(
        'stored'
      );
      await postSns(snsNotification(arn, 'ALARM', '2026-11-27T09:20:00.250+0000', 'sns-msg-hosts'));
      const alerts = (await awsAlerts()).filter((a) => a.dedupKey === arn);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ status: 'firing', startsAt: T0 + 20 * MINUTE, service: 'orders-api' });
    });

    it('shares the DescribeAlarms poller’s key: a change one of them stored, the other stores no more', async () => {
      const polled = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:orders-api-rds-cpu`;
      const posted = `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:orders-api-cpu`;
      const wire = (arn: string, at: number) => ({
        AlarmName: arn.slice(arn.lastIndexOf(':') + 1),
        AlarmArn: arn,
        StateValue: 'ALARM' as const,
        StateReason: 'Threshold Crossed: went ALARM',
        // JSON 1.0 sends epoch seconds: whole milliseconds survive it.
        StateUpdatedTimestamp: at / 1000,
        MetricName: 'CPUUtilization',
        Namespace: 'AWS/EC2',
        Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'orders-asg' }],
      });
      // The poller first, EventBridge second.
      cloudwatch.alarms.push(wire(polled, T0 + 30 * MINUTE));
      await gateway.runPolls();
      expect(await alertById(alertId('sns', polled))).toMatchObject({ status: 'firing', service: 'orders-api' });
      expect((await post(events(alarm('eb-poll-1', 'ALARM', T0 + 30 * MINUTE, polled)))).body.results[0].outcome).toBe(
        'duplicate'
      );
      expect(await eventsAbout(`"${polled}"`)).toHaveLength(1);
      // EventBridge first, the poller second.
      expect((await post(events(alarm('eb-poll-2', 'ALARM', T0 + 31 * MINUTE, posted)))).body.results[0].outcome).toBe(
        'stored'
      );
      cloudwatch.alarms.push(wire(posted, T0 + 31 * MINUTE));
      await gateway.runPolls();
      expect(await eventsAbout(`"${posted}"`)).toHaveLength(1);
    });
  });

  describe('Auto Scaling activities', () => {
    const id = () => alertId('sns', `autoscaling:${ACCOUNT}:${REGION}:orders-asg:launch-failed`);

    it('ignores a successful launch with no failure open', async () => {
      expect((await post(events(capacity('asg-0', 'succeeded', T0)))).body.results).toEqual([
        { id: 'asg-0', outcome: 'ignored', reason: 'no failed launch open for orders-asg' },
      ]);
    });

    it('fires on a failed launch and resolves on the next successful one', async () => {
      expect((await post(events(capacity('asg-1', 'failed', T0)))).body.results).toEqual([
        { id: 'asg-1', outcome: 'stored' },
      ]);
      expect(await alertById(id())).toMatchObject({
        source: 'sns',
        service: 'orders-api',
        severity: 'warning',
        status: 'firing',
        summary: 'orders-asg: instance launch failed',
        labels: { alertname: 'AutoScalingLaunchFailed', playbook: 'asg-capacity', auto_scaling_group: 'orders-asg' },
      });
      // An older success does not resolve a newer failure.
      expect((await post(events(capacity('asg-old', 'succeeded', T0 - MINUTE)))).body.results[0]).toEqual({
        id: 'asg-old',
        outcome: 'ignored',
        reason: 'older than the failure it would resolve',
      });
      expect((await post(events(capacity('asg-2', 'succeeded', T0 + MINUTE)))).body.results).toEqual([
        { id: 'asg-2', outcome: 'stored' },
      ]);
      const resolved = await alertById(id());
      expect(resolved).toMatchObject({ status: 'resolved', startsAt: T0, endsAt: T0 + MINUTE });
      expect(resolved.description).toContain('We currently do not have sufficient m5.large capacity.');
      expect(resolved.description).toContain('Resolved: launched i-0123456789abcdef0');
      expect((await post(events(capacity('asg-2', 'succeeded', T0 + MINUTE)))).body.results[0].outcome).toBe('ignored');
    });

    it('weighs each event against what the batch before it did: a failure and its success in one batch', async () => {
      const answer = await post(
        events(capacity('asg-3', 'failed', T0 + 5 * MINUTE), capacity('asg-4', 'succeeded', T0 + 6 * MINUTE))
      );
      expect(answer.body.results).toEqual([
        { id: 'asg-3', outcome: 'stored' },
        { id: 'asg-4', outcome: 'stored' },
      ]);
      expect(await alertById(id())).toMatchObject({
        status: 'resolved',
        startsAt: T0 + 5 * MINUTE,
        endsAt: T0 + 6 * MINUTE,
      });
      expect((await post(events(capacity('asg-3', 'failed', T0 + 5 * MINUTE)))).body.results[0].outcome).toBe(
        'duplicate'
      );
    });
  });

  describe('deployments', () => {
    const record = async (id: string) => (await deployments()).filter((d) => d.id === id);

    it('makes the CodeDeploy poller’s record and follows it to the end, once per event', async () => {
      expect(
        (await post(events(deployment('cd-1', codeDeploy('d-ORDERS1'), 'in_progress', T0, 'START')))).body.results
      ).toEqual([{ id: 'cd-1', outcome: 'stored' }]);
      expect(await record('codedeploy:d-ORDERS1')).toEqual([
        {
          id: 'codedeploy:d-ORDERS1',
          service: 'orders-api',
          environment: 'production',
          version: 'unknown',
          status: 'in_progress',
          source: 'codedeploy',
          url: `https://${REGION}.console.aws.amazon.com/codesuite/codedeploy/deployments/d-ORDERS1?region=${REGION}`,
          startedAt: T0,
          progress: { detail: 'state change: START' },
        },
      ]);
      expect(
        (await post(events(deployment('cd-2', codeDeploy('d-ORDERS1'), 'succeeded', T0 + 5 * MINUTE, 'SUCCESS')))).body
          .results
      ).toEqual([{ id: 'cd-2', outcome: 'stored' }]);
      // The same event again, and a late START (a new event id) that must not reopen it.
      expect(
        (await post(events(deployment('cd-2', codeDeploy('d-ORDERS1'), 'succeeded', T0 + 5 * MINUTE, 'SUCCESS')))).body
          .results
      ).toEqual([{ id: 'cd-2', outcome: 'duplicate' }]);
      expect(
        (await post(events(deployment('cd-3', codeDeploy('d-ORDERS1'), 'in_progress', T0 + MINUTE, 'START')))).body
          .results[0]
      ).toMatchObject({
        outcome: 'ignored',
      });
      expect(await record('codedeploy:d-ORDERS1')).toEqual([
        expect.objectContaining({ status: 'succeeded', startedAt: T0, finishedAt: T0 + 5 * MINUTE }),
      ]);
      // Pushed live twice: opened, then finished.
      expect((await eventsAbout('"codedeploy:d-ORDERS1"')).map((e) => e.type)).toEqual([
        'deployment.changed',
        'deployment.changed',
      ]);
    });

    it('keeps what the poller read when the event comes after it', async () => {
      const polled: Deployment = {
        id: 'codedeploy:d-ORDERS2',
        service: 'orders-api',
        environment: 'production',
        version: 'orders-2.4.zip#dd56cfd1',
        status: 'in_progress',
        source: 'codedeploy',
        commit: 'a1b2c3d4e5f6',
        actor: 'user',
        startedAt: T0 - MINUTE,
        progress: { percent: 50, detail: '1 of 2 targets done' },
        previousVersion: 'orders-2.3.zip#99aa88bb',
      };
      await new DeploymentStore(reader.db).upsertDeployments([polled]);
      await post(events(deployment('cd-4', codeDeploy('d-ORDERS2'), 'failed', T0 + 2 * MINUTE, 'FAILURE')));
      expect(await record('codedeploy:d-ORDERS2')).toEqual([
        {
          ...polled,
          status: 'failed',
          finishedAt: T0 + 2 * MINUTE,
          url: `https://${REGION}.console.aws.amazon.com/codesuite/codedeploy/deployments/d-ORDERS2?region=${REGION}`,
          progress: { detail: 'FAILURE' },
        },
      ]);
    });

    it('uses the CodePipeline and ECS pollers’ ids, the ECS cluster by name or absent', async () => {
      await post(
        events(
          deployment(
            'cp-1',
            { kind: 'codepipeline', pipeline: 'orders-web-pipeline', executionId: 'exec-1' },
            'in_progress',
            T0
          ),
          deployment(
            'ecs-1',
            { kind: 'ecs', cluster: 'orders-cluster', service: 'orders-worker', deploymentId: 'ecs-svc/1' },
            'succeeded',
            T0
          ),
          deployment('ecs-2', { kind: 'ecs', service: 'orders-worker', deploymentId: 'ecs-svc/2' }, 'failed', T0)
        )
      );
      const all = await deployments();
      expect(all.find((d) => d.id === 'codepipeline:orders-web-pipeline:exec-1')).toMatchObject({
        service: 'orders-web',
        source: 'codepipeline',
        status: 'in_progress',
      });
      expect(all.find((d) => d.id === 'ecs:orders-cluster/orders-worker:ecs-svc/1')).toMatchObject({
        service: 'orders-worker',
        source: 'ecs',
        status: 'succeeded',
      });
      expect(all.find((d) => d.id === 'ecs:orders-cluster/orders-worker:ecs-svc/2')).toMatchObject({
        status: 'failed',
      });
    });

    it('ignores a deploy target no catalog service has, naming it', async () => {
      const answer = await post(
        events(
          deployment('x-1', codeDeploy('d-X', 'billing'), 'succeeded', T0),
          deployment(
            'x-2',
            { kind: 'ecs', cluster: 'other-cluster', service: 'orders-worker', deploymentId: 'ecs-svc/3' },
            'succeeded',
            T0
          )
        )
      );
      expect(answer.body.results).toEqual([
        { id: 'x-1', outcome: 'ignored', reason: 'no catalog service deploys through codedeploy billing/production' },
        { id: 'x-2', outcome: 'ignored', reason: 'no catalog service deploys through ecs other-cluster/orders-worker' },
      ]);
    });
  });

  it('answers a mixed batch per event, in order', async () => {
    const answer = await post(
      events(
        deployment('mix-1', codeDeploy('d-MIX'), 'succeeded', T0),
        alarm('mix-2', 'ALARM', T0 + 40 * MINUTE, `${ARN}-mix`),
        capacity('mix-3', 'succeeded', T0, 'terminate')
      )
    );
    expect(answer.body.results.map((r) => [r.id, r.outcome])).toEqual([
      ['mix-1', 'stored'],
      ['mix-2', 'stored'],
      ['mix-3', 'ignored'],
    ]);
  });
});
