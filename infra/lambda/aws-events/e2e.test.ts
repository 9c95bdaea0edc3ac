/**
 * End to end: AWS's sample events through the handler into a real gateway (in process, SQLite, on loopback), then
 * read back through the gateway's API as Grafana would: the alarm in /api/alerts, the deployments in
 * /api/deployments, the Auto Scaling failure as an alert its success resolves. A wrong token stores nothing; the
 * same event twice is stored once. Prints how long an alarm takes from the handler's invocation to the API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Alert, Deployment } from '@opsdeck/contract';
import { startTestGateway, type TestGateway } from '../../../gateway/tests/support/gateway';
import { alertId } from '../../../gateway/src/upstream/alertIngest';
import type { Logger } from './deliver';
import { createHandler } from './handler';
import { describeWithFixtures, SAMPLE_CATALOG_YAML, sample, withId } from './samples';

jest.setTimeout(60_000);

const TOKEN = 'e2e-aws-events-token-0123456789';

describeWithFixtures('the event Lambda into a real gateway', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-aws-events-e2e-'));
  let gateway: TestGateway;
  const logged: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const log: Logger = {
    info: (message, fields) => logged.push({ level: 'info', message, fields }),
    warn: (message, fields) => logged.push({ level: 'warn', message, fields }),
    error: (message, fields) => logged.push({ level: 'error', message, fields }),
  };
  const handlerWith = (token: string) => createHandler({ gatewayUrl: gateway.url, token, log, baseDelayMs: 10 });

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'services.yaml'), SAMPLE_CATALOG_YAML);
    gateway = await startTestGateway({
      catalogFile: path.join(dir, 'services.yaml'),
      webhooks: { awsEventsToken: TOKEN },
      deployments: { mode: { kind: 'none' }, settings: { pollIntervalMs: 0 } },
    });
  });

  afterAll(async () => {
    await gateway?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function read<T>(url: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${gateway.url}${url}`, { headers: { authorization: `Bearer ${gateway.token}` } });
    return { status: response.status, body: (await response.json()) as T };
  }

  const awsAlerts = async () =>
    (await read<{ alerts: Alert[] }>('/api/alerts?source=sns&status=all&limit=1000')).body.alerts;
  const deployments = async () =>
    (await read<{ deployments: Deployment[] }>('/api/deployments?service=orders-api,orders-web,orders-worker')).body
      .deployments;

  it('stores nothing for a wrong token: the 401 is logged and the event dropped', async () => {
    await expect(handlerWith('not-the-token')(sample('alarmMetricMath'))).resolves.toEqual({
      delivered: 0,
      skipped: 0,
      dropped: 1,
    });
    expect(logged.at(-1)).toMatchObject({ level: 'error', fields: { status: 401 } });
    expect(await awsAlerts()).toEqual([]);
  });

  it('puts a CloudWatch alarm in /api/alerts as soon as the handler returns, and times it', async () => {
    const event = sample('alarmSingleMetric');
    const id = alertId('sns', 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh');
    const started = performance.now();
    await handlerWith(TOKEN)(event);
    let found = await read<{ alert: Alert }>(`/api/alerts/${id}`);
    while (found.status !== 200 && performance.now() - started < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      found = await read<{ alert: Alert }>(`/api/alerts/${id}`);
    }
    const elapsedMs = performance.now() - started;
    expect(found.status).toBe(200);
    expect(found.body.alert).toMatchObject({
      source: 'sns',
      status: 'firing',
      severity: 'critical',
      summary: 'ServerCpuTooHigh',
      startsAt: Date.UTC(2019, 9, 2, 17, 4, 40, 989),
      labels: {
        alarm_name: 'ServerCpuTooHigh',
        metric_name: 'CPUUtilization',
        dimension_InstanceId: 'i-12345678901234567',
      },
    });
    process.stdout.write(
      `aws-events e2e: handler invoked → alarm visible in GET /api/alerts after ${elapsedMs.toFixed(1)} ms ` +
        '(in process; EventBridge delivery to the Lambda comes on top)\n'
    );
    expect(elapsedMs).toBeLessThan(30_000);
  });

  it('stores the same event once however often it comes', async () => {
    const handle = handlerWith(TOKEN);
    await handle(sample('codeDeploy'));
    await handle(sample('codeDeploy'));
    const records = (await deployments()).filter((d) => d.id === 'codedeploy:d-123456789');
    expect(records).toEqual([
      expect.objectContaining({ service: 'orders-api', source: 'codedeploy', status: 'succeeded', version: 'unknown' }),
    ]);
    const delivered = logged.filter((l) => l.message === 'delivered').slice(-2);
    expect(delivered.map((l) => [l.fields?.stored, l.fields?.duplicate])).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('takes an SQS batch of every rule’s samples, and each lands where the gateway keeps its kind', async () => {
    const batch = [
      sample('alarmMetricMath'),
      sample('codePipeline'),
      sample('ecsInProgress'),
      sample('ecsCompleted'),
      sample('launchUnsuccessful'),
      // The samples share one id; EventBridge gives each event its own.
      withId(sample('launchSuccessful'), 'launch-ok-1'),
      withId(sample('terminateUnsuccessful'), 'terminate-failed-1'),
      sample('ecsTaskStateChange'),
    ];
    const started = performance.now();
    const answer = await handlerWith(TOKEN)({
      Records: batch.map((event, i) => ({ messageId: `m${i}`, body: JSON.stringify(event), eventSource: 'aws:sqs' })),
    });
    const elapsedMs = performance.now() - started;
    expect(answer).toEqual({ batchItemFailures: [] });

    const alerts = await awsAlerts();
    expect(alerts.find((a) => a.labels.alarm_name === 'TotalNetworkTrafficTooHigh')).toMatchObject({
      status: 'firing',
      labels: { expression: 'SUM(METRICS())', metric_name: 'NetworkIn', namespace: 'AWS/EC2' },
    });
    const launch = alerts.find((a) => a.labels.alertname === 'AutoScalingLaunchFailed');
    expect(launch).toMatchObject({
      service: 'orders-api',
      team: 'orders',
      status: 'resolved',
      labels: { playbook: 'asg-capacity', auto_scaling_group: 'my-auto-scaling-group' },
    });
    expect(launch?.description).toContain('message-text');
    expect(alerts.find((a) => a.labels.alertname === 'AutoScalingTerminateFailed')).toMatchObject({
      status: 'firing',
      severity: 'info',
    });

    const records = await deployments();
    expect(records.find((d) => d.id === 'codepipeline:myPipeline:01234567-0123-0123-0123-012345678901')).toMatchObject({
      service: 'orders-web',
      status: 'in_progress',
    });
    expect(records.filter((d) => d.id === 'ecs:default/servicetest:ecs-svc/123')).toEqual([
      expect.objectContaining({ service: 'orders-worker', status: 'succeeded' }),
    ]);
    process.stdout.write(
      `aws-events e2e: an SQS batch of ${batch.length} sample events stored in ${elapsedMs.toFixed(1)} ms\n`
    );
  });
});
