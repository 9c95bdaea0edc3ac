/** normalise() on the sample events AWS publishes for each rule, and on what the rules must not forward. */
import { AWS_EVENTS_MAX_BATCH, AWS_EVENTS_WEBHOOK_PATH, type AwsEvent } from '@opsdeck/contract';
import { MAX_BATCH, WEBHOOK_PATH } from './deliver';
import { FORWARDED, epochMs, normalise } from './normalise';
import { describeWithFixtures, sample, type EventBridgeEvent, type SampleName } from './samples';

function normalised(event: unknown): AwsEvent {
  const result = normalise(event);
  if (!('event' in result)) throw new Error(`skipped: ${result.skipped}`);
  return result.event;
}

it('posts where the contract says, in batches the gateway takes', () => {
  expect(WEBHOOK_PATH).toBe(AWS_EVENTS_WEBHOOK_PATH);
  expect(MAX_BATCH).toBe(AWS_EVENTS_MAX_BATCH);
});

it('reads CloudWatch times with colon-less offsets, and nothing from placeholders', () => {
  expect(epochMs('2019-10-02T17:04:40.989+0000')).toBe(Date.UTC(2019, 9, 2, 17, 4, 40, 989));
  expect(epochMs('2016-06-30T22:06:31Z')).toBe(Date.UTC(2016, 5, 30, 22, 6, 31));
  expect(epochMs('yyyy-mm-ddThh:mm:ssZ')).toBeUndefined();
  expect(epochMs(undefined)).toBeUndefined();
});

describeWithFixtures('normalise on the published sample events', () => {
  it('CloudWatch Alarm State Change, single metric: the alarm, its ARN, the state change time and the metric', () => {
    expect(normalised(sample('alarmSingleMetric'))).toEqual({
      id: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
      source: 'aws.cloudwatch',
      detailType: 'CloudWatch Alarm State Change',
      account: '123456789012',
      region: 'us-east-1',
      time: Date.UTC(2019, 9, 2, 17, 4, 40),
      kind: 'alarm',
      alarm: {
        name: 'ServerCpuTooHigh',
        arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh',
        state: 'ALARM',
        previousState: 'OK',
        reason: expect.stringMatching(/^Threshold Crossed: 1 out of the last 1 datapoints \[99\.5/),
        changedAt: Date.UTC(2019, 9, 2, 17, 4, 40, 989),
        description: 'Goes into alarm when server CPU utilization is too high!',
        metrics: [
          {
            id: '30b6c6b2-a864-43a2-4877-c09a1afc3b87',
            expression: undefined,
            namespace: 'AWS/EC2',
            name: 'CPUUtilization',
            dimensions: [{ name: 'InstanceId', value: 'i-12345678901234567' }],
          },
        ],
      },
    });
  });

  it('CloudWatch Alarm State Change, metric math: the expression and its inputs', () => {
    const event = normalised(sample('alarmMetricMath'));
    expect(event).toMatchObject({
      kind: 'alarm',
      alarm: {
        name: 'TotalNetworkTrafficTooHigh',
        state: 'ALARM',
        previousState: 'INSUFFICIENT_DATA',
        changedAt: Date.UTC(2019, 9, 2, 17, 20, 48, 554),
        description: 'Goes into alarm if total network traffic exceeds 10Kb',
      },
    });
    expect(event.kind === 'alarm' && event.alarm.metrics).toEqual([
      { id: 'e1', expression: 'SUM(METRICS())', namespace: undefined, name: undefined, dimensions: [] },
      {
        id: 'm1',
        expression: undefined,
        namespace: 'AWS/EC2',
        name: 'NetworkIn',
        dimensions: [{ name: 'InstanceId', value: 'i-12345678901234567' }],
      },
      {
        id: 'm2',
        expression: undefined,
        namespace: 'AWS/EC2',
        name: 'NetworkOut',
        dimensions: [{ name: 'InstanceId', value: 'i-12345678901234567' }],
      },
    ]);
  });

  it('CodeDeploy Deployment State-change Notification: the deployment group and id, SUCCESS as succeeded', () => {
    expect(normalised(sample('codeDeploy'))).toEqual({
      id: 'c071bfbf-83c4-49ca-a6ff-3df053957145',
      source: 'aws.codedeploy',
      detailType: 'CodeDeploy Deployment State-change Notification',
      account: '123456789012',
      region: 'us-east-1',
      time: Date.UTC(2016, 5, 30, 22, 6, 31),
      kind: 'deployment',
      deployment: {
        target: {
          kind: 'codedeploy',
          application: 'myApplication',
          deploymentGroup: 'myDeploymentGroup',
          deploymentId: 'd-123456789',
        },
        status: 'succeeded',
        state: 'SUCCESS',
        at: Date.UTC(2016, 5, 30, 22, 6, 31),
      },
    });
  });

  it.each([
    ['START', 'in_progress'],
    ['READY', 'in_progress'],
    ['SUCCESS', 'succeeded'],
    ['FAILURE', 'failed'],
    ['STOP', 'failed'],
  ])('CodeDeploy state %s is %s', (state, status) => {
    const event = sample('codeDeploy');
    expect(normalised({ ...event, detail: { ...event.detail, state } })).toMatchObject({
      deployment: { status, state },
    });
  });

  it('CodePipeline Pipeline Execution State Change: the pipeline and execution, STARTED as in progress', () => {
    expect(normalised(sample('codePipeline'))).toEqual({
      id: 'CWE-event-id',
      source: 'aws.codepipeline',
      detailType: 'CodePipeline Pipeline Execution State Change',
      account: '123456789012',
      region: 'us-east-1',
      time: Date.UTC(2017, 3, 22, 3, 31, 47),
      kind: 'deployment',
      deployment: {
        target: { kind: 'codepipeline', pipeline: 'myPipeline', executionId: '01234567-0123-0123-0123-012345678901' },
        status: 'in_progress',
        state: 'STARTED',
        at: Date.UTC(2017, 3, 22, 3, 31, 47),
      },
    });
  });

  it.each([
    ['SUCCEEDED', 'succeeded'],
    ['FAILED', 'failed'],
    ['STOPPED', 'failed'],
    ['RESUMED', 'in_progress'],
  ])('CodePipeline state %s is %s; superseded and cancelled executions deployed nothing', (state, status) => {
    const event = sample('codePipeline');
    expect(normalised({ ...event, detail: { ...event.detail, state } })).toMatchObject({ deployment: { status } });
    for (const nothing of ['SUPERSEDED', 'CANCELED']) {
      expect(normalise({ ...event, detail: { ...event.detail, state: nothing } })).toEqual({
        skipped: `CodePipeline execution state ${nothing} deployed nothing`,
      });
    }
  });

  it.each([
    ['ecsInProgress', 'in_progress', 'SERVICE_DEPLOYMENT_IN_PROGRESS'],
    ['ecsCompleted', 'succeeded', 'SERVICE_DEPLOYMENT_COMPLETED'],
    ['ecsFailed', 'failed', 'SERVICE_DEPLOYMENT_FAILED'],
  ] as const)('ECS Deployment State Change (%s): cluster and service from the ARN, %s', (name, status, state) => {
    const event = normalised(sample(name));
    expect(event).toMatchObject({
      source: 'aws.ecs',
      account: '111122223333',
      region: 'us-west-2',
      kind: 'deployment',
      deployment: {
        target: { kind: 'ecs', cluster: 'default', service: 'servicetest', deploymentId: 'ecs-svc/123' },
        status,
        state,
        at: Date.UTC(2020, 4, 23, 11, 11, 11),
      },
    });
    if (name === 'ecsFailed') {
      expect(event).toMatchObject({ deployment: { reason: 'ECS deployment circuit breaker: task failed to start.' } });
    }
  });

  it('ECS service ARNs of the old format name no cluster', () => {
    const event = sample('ecsCompleted');
    const old = { ...event, resources: ['arn:aws:ecs:us-west-2:111122223333:service/servicetest'] };
    expect(normalised(old)).toMatchObject({
      deployment: { target: { kind: 'ecs', cluster: undefined, service: 'servicetest' } },
    });
  });

  it.each([
    ['launchUnsuccessful', 'launch', 'failed'],
    ['launchSuccessful', 'launch', 'succeeded'],
    ['terminateUnsuccessful', 'terminate', 'failed'],
    ['terminateSuccessful', 'terminate', 'succeeded'],
  ] as const)('Auto Scaling %s: the group, the activity and its outcome', (name, activity, outcome) => {
    const event = normalised(sample(name as SampleName));
    expect(event).toMatchObject({
      id: '12345678-1234-1234-1234-123456789012',
      source: 'aws.autoscaling',
      region: 'us-west-2',
      time: 0,
      kind: 'capacity',
      capacity: {
        autoScalingGroup: 'my-auto-scaling-group',
        activity,
        outcome,
        activityId: '87654321-4321-4321-4321-210987654321',
        instanceId: 'i-1234567890abcdef0',
        at: 0,
        cause: 'description-text',
      },
    });
    if (outcome === 'failed') expect(event).toMatchObject({ capacity: { statusMessage: 'message-text' } });
    else expect(event.kind === 'capacity' && event.capacity.statusMessage).toBeUndefined();
  });

  it('skips what the rules must not forward, and events whose fields do not read, saying why', () => {
    expect(normalise(sample('ecsTaskStateChange'))).toEqual({
      skipped: 'not forwarded: aws.ecs "ECS Task State Change"',
    });
    const alarm = sample('alarmSingleMetric');
    expect(normalise({ ...alarm, detail: { ...alarm.detail, state: { value: 'MAYBE' } } })).toEqual({
      skipped:
        'unreadable aws.cloudwatch "CloudWatch Alarm State Change": detail.state.value "MAYBE" is not an alarm state',
    });
    const placeholders: EventBridgeEvent = { ...sample('launchSuccessful'), time: 'yyyy-mm-ddThh:mm:ssZ' };
    expect(normalise(placeholders)).toEqual({
      skipped:
        'unreadable aws.autoscaling "EC2 Instance Launch Successful": event.time is not a timestamp: "yyyy-mm-ddThh:mm:ssZ"',
    });
    const codedeploy = sample('codeDeploy');
    expect(normalise({ ...codedeploy, detail: { ...codedeploy.detail, deploymentId: 42 } })).toMatchObject({
      skipped: expect.stringContaining('detail.deploymentId is not a non-empty string'),
    });
  });
});

it('skips anything that is not an EventBridge event', () => {
  expect(normalise('hello')).toEqual({ skipped: 'not an EventBridge event (not a JSON object)' });
  expect(normalise({ Records: [] })).toEqual({ skipped: 'not an EventBridge event (no source or detail-type)' });
  expect(normalise({ source: 'aws.ec2', 'detail-type': 'EC2 Instance State-change Notification' })).toEqual({
    skipped: 'not forwarded: aws.ec2 "EC2 Instance State-change Notification"',
  });
  // Own keys only: a detail-type named after an Object.prototype member is not a rule.
  expect(normalise({ source: 'constructor', 'detail-type': 'x' })).toEqual({
    skipped: 'not forwarded: constructor "x"',
  });
  expect(Object.keys(FORWARDED)).toEqual([
    'aws.cloudwatch',
    'aws.codedeploy',
    'aws.ecs',
    'aws.codepipeline',
    'aws.autoscaling',
  ]);
});
