/**
 * Test support (not bundled: handler.ts does not import it): the sample events AWS publishes for each rule, read
 * from ../shared/fixtures as the other ingest tests do (skipped with a message when a clone has no such folder,
 * a failure in CI; see ../shared/fixtures/README.md for each file's source).
 *
 * The Auto Scaling event reference documents "EC2 Instance Terminate Successful" and "...Unsuccessful" with the very
 * detail fields of the launch events; its samples carry "yyyy-mm-ddThh:mm:ssZ" placeholders instead of times, so
 * the terminate events here are the published launch samples with the terminate detail-type (and, for the
 * successful one, the reference's "Terminating EC2 instance" description).
 */
import { describeWithFixtures, fixturesPresent, readFixture } from '../../../gateway/tests/ingest/support/fixtures';

export { describeWithFixtures, fixturesPresent };

export const SAMPLE_FILES = {
  alarmSingleMetric: 'aws-events/awsdocs-amazon-cloudwatch-user-guide.alarm-state-change-single-metric.json',
  alarmMetricMath: 'aws-events/awsdocs-amazon-cloudwatch-user-guide.alarm-state-change-metric-math.json',
  codeDeploy: 'aws-events/aws-lambda-go.events-testdata.codedeploy-deployment-event.json',
  codePipeline: 'aws-events/aws-lambda-go.events-testdata.codepipeline-execution-state-change-event.json',
  ecsInProgress: 'aws-events/awsdocs-amazon-ecs-developer-guide.deployment-state-change-in-progress.json',
  ecsCompleted: 'aws-events/awsdocs-amazon-ecs-developer-guide.deployment-state-change-completed.json',
  ecsFailed: 'aws-events/awsdocs-amazon-ecs-developer-guide.deployment-state-change-failed.json',
  launchSuccessful: 'aws-events/aws-aws-lambda-go.autoscaling-event-launch-successful.json',
  launchUnsuccessful: 'aws-events/aws-aws-lambda-go.autoscaling-event-launch-unsuccessful.json',
  /** An event a broad `aws.ecs` rule also catches, which the Lambda does not forward. */
  ecsTaskStateChange: 'aws-events/aws-aws-lambda-dotnet.ecs-task-state-change-event.json',
} as const;

export type SampleName = keyof typeof SAMPLE_FILES | 'terminateSuccessful' | 'terminateUnsuccessful';

export type EventBridgeEvent = Record<string, unknown> & {
  id: string;
  'detail-type': string;
  detail: Record<string, unknown>;
};

function readJson(relative: string): EventBridgeEvent {
  // The dotnet sample starts with a UTF-8 byte order mark.
  return JSON.parse(
    readFixture(relative)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
  ) as EventBridgeEvent;
}

/** A fresh copy of a sample (tests may change ids and times without touching the others). */
export function sample(name: SampleName): EventBridgeEvent {
  if (name === 'terminateSuccessful' || name === 'terminateUnsuccessful') {
    const launch = readJson(SAMPLE_FILES[name === 'terminateSuccessful' ? 'launchSuccessful' : 'launchUnsuccessful']);
    const successful = name === 'terminateSuccessful';
    return {
      ...launch,
      'detail-type': successful ? 'EC2 Instance Terminate Successful' : 'EC2 Instance Terminate Unsuccessful',
      detail: successful ? { ...launch.detail, Description: 'Terminating EC2 instance: i-12345678' } : launch.detail,
    };
  }
  return readJson(SAMPLE_FILES[name]);
}

/** The sample with another event id (EventBridge gives each event its own; two ECS samples share one). */
export function withId(event: EventBridgeEvent, id: string): EventBridgeEvent {
  return { ...event, id };
}

/**
 * A service catalog naming the samples' resources, so that each sample lands on a service: the CodeDeploy
 * application/group, the pipeline, the ECS cluster/service and the Auto Scaling group of the published events.
 */
export const SAMPLE_CATALOG_YAML = `services:
  - name: orders-api
    team: orders
    tier: 1
    owners: [orders@example.com]
    aws: { autoScalingGroup: my-auto-scaling-group }
    deployTarget: { kind: codedeploy, name: myApplication/myDeploymentGroup }
  - name: orders-web
    team: orders
    tier: 2
    owners: [orders@example.com]
    deployTarget: { kind: codepipeline, name: myPipeline }
  - name: orders-worker
    team: orders
    tier: 2
    owners: [orders@example.com]
    deployTarget: { kind: ecs, name: default/servicetest }
`;
