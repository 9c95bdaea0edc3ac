/**
 * POST /webhooks/aws-events: AWS events caught by EventBridge rules, normalised by the event Lambda
 * (infra/lambda/aws-events) and posted in batches with the bearer token OPSDECK_AWS_EVENTS_TOKEN. The Lambda
 * turns each EventBridge event into one of three kinds the gateway stores: an alarm state change (stored as the
 * CloudWatch alarm's alert, the one SNS and the DescribeAlarms poller also feed), a deployment state change
 * (CodeDeploy, CodePipeline, ECS: the record the deploy pollers keep, same id) and an Auto Scaling activity (a
 * failed launch or termination is an alert; the next successful one of the same kind resolves it).
 */
import type { DeploymentStatus } from './deployments';

export const AWS_EVENTS_WEBHOOK_PATH = '/webhooks/aws-events';
/** Events per request; the Lambda splits larger batches. */
export const AWS_EVENTS_MAX_BATCH = 100;

/** What every event keeps of its EventBridge envelope. */
export interface AwsEventEnvelope {
  /** The EventBridge event id: the same on every redelivery of one event, so it is the idempotency key. */
  id: string;
  /** EventBridge `source` and `detail-type`, e.g. `aws.codedeploy`, `CodeDeploy Deployment State-change Notification`. */
  source: string;
  detailType: string;
  account: string;
  region: string;
  /** Epoch ms of the event (`time`). */
  time: number;
}

export const AWS_ALARM_STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;
export type AwsAlarmState = (typeof AWS_ALARM_STATES)[number];

/** One metric (or expression) of the alarm's configuration; EventBridge's dimension map as a list. */
export interface AwsAlarmMetric {
  id: string;
  expression?: string;
  namespace?: string;
  name?: string;
  dimensions: Array<{ name: string; value: string }>;
}

export interface AwsAlarmEvent extends AwsEventEnvelope {
  kind: 'alarm';
  alarm: {
    name: string;
    arn: string;
    state: AwsAlarmState;
    previousState?: AwsAlarmState;
    reason?: string;
    /** Epoch ms of the state change (`detail.state.timestamp`): with the ARN, what identifies the change. */
    changedAt: number;
    /** `severity=`, `service=` and `playbook=` tags in it are read as for SNS notifications. */
    description?: string;
    metrics: AwsAlarmMetric[];
  };
}

export type AwsDeploymentTarget =
  | { kind: 'codedeploy'; application: string; deploymentGroup: string; deploymentId: string }
  | { kind: 'codepipeline'; pipeline: string; executionId: string }
  /** `cluster` is absent when the service ARN has the old format without it. */
  | { kind: 'ecs'; cluster?: string; service: string; deploymentId: string };

export type AwsDeploymentStatus = Extract<DeploymentStatus, 'in_progress' | 'succeeded' | 'failed'>;

export interface AwsDeploymentEvent extends AwsEventEnvelope {
  kind: 'deployment';
  deployment: {
    target: AwsDeploymentTarget;
    status: AwsDeploymentStatus;
    /** The upstream's own word: `FAILURE`, `SUPERSEDED`, `SERVICE_DEPLOYMENT_FAILED`… */
    state: string;
    /** Epoch ms of the change. */
    at: number;
    reason?: string;
    /** Who or what started it, when the event says (CodePipeline's execution trigger). */
    actor?: string;
  };
}

export interface AwsCapacityEvent extends AwsEventEnvelope {
  kind: 'capacity';
  capacity: {
    autoScalingGroup: string;
    activity: 'launch' | 'terminate';
    outcome: 'succeeded' | 'failed';
    activityId: string;
    instanceId?: string;
    /** Epoch ms the activity ended (`EndTime`, else the event's time). */
    at: number;
    cause?: string;
    /** Why it failed (`StatusMessage`). */
    statusMessage?: string;
    description?: string;
  };
}

export type AwsEvent = AwsAlarmEvent | AwsDeploymentEvent | AwsCapacityEvent;

export interface AwsEventsRequest {
  events: AwsEvent[];
}

/**
 * `stored`: written (or merged into what was there); `duplicate`: this event, or the same alarm state change from
 * SNS or the poller, was already stored; `ignored`: nothing Opsdeck keeps (a deploy target no catalog service has,
 * a successful launch with no failure open).
 */
export type AwsEventOutcome = 'stored' | 'duplicate' | 'ignored';

export interface AwsEventsResponse {
  results: Array<{ id: string; outcome: AwsEventOutcome; reason?: string }>;
}
