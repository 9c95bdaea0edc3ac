/**
 * EventBridge events → the gateway's vocabulary (contract/src/awsEvents.ts), pure. One function per rule's event;
 * anything else, and an event whose fields do not read, is skipped with the reason (logged by the handler, never
 * retried: a malformed event stays malformed). Field names and values are those of the AWS event references:
 * CloudWatch "Alarm events and EventBridge", CodeDeploy "Monitoring deployments with Amazon EventBridge", ECS
 * "Amazon ECS service deployment state change events", CodePipeline "CodePipeline events reference", EC2 Auto
 * Scaling "Amazon EC2 Auto Scaling event reference".
 */
import type {
  AwsAlarmEvent,
  AwsAlarmMetric,
  AwsAlarmState,
  AwsCapacityEvent,
  AwsDeploymentEvent,
  AwsDeploymentStatus,
  AwsDeploymentTarget,
  AwsEvent,
  AwsEventEnvelope,
} from '@opsdeck/contract';

export type Normalised = { event: AwsEvent } | { skipped: string };

type Json = Record<string, unknown>;

/** What the rules forward, by `source` and `detail-type`. */
export const FORWARDED = {
  'aws.cloudwatch': ['CloudWatch Alarm State Change'],
  'aws.codedeploy': ['CodeDeploy Deployment State-change Notification'],
  'aws.ecs': ['ECS Deployment State Change'],
  'aws.codepipeline': ['CodePipeline Pipeline Execution State Change'],
  'aws.autoscaling': [
    'EC2 Instance Launch Successful',
    'EC2 Instance Launch Unsuccessful',
    'EC2 Instance Terminate Successful',
    'EC2 Instance Terminate Unsuccessful',
  ],
} as const satisfies Record<string, readonly string[]>;

class Unreadable extends Error {}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(obj: Json, key: string, path: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') throw new Unreadable(`${path}.${key} is not a non-empty string`);
  return value;
}

function optionalText(obj: Json, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function object(obj: Json, key: string, path: string): Json {
  const value = obj[key];
  if (!isObject(value)) throw new Unreadable(`${path}.${key} is not an object`);
  return value;
}

// CloudWatch writes offsets without a colon ("2019-10-02T17:04:40.989+0000"), which ECMAScript's format lacks.
const OFFSET_WITHOUT_COLON = /([+-]\d{2})(\d{2})$/;

/** Epoch ms, or undefined for absent or unreadable text (the documentation's "yyyy-mm-ddThh:mm:ssZ" placeholders). */
export function epochMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value.replace(OFFSET_WITHOUT_COLON, '$1:$2'));
  return Number.isFinite(ms) ? ms : undefined;
}

function requiredTime(value: unknown, path: string): number {
  const ms = epochMs(value);
  if (ms === undefined) throw new Unreadable(`${path} is not a timestamp: ${JSON.stringify(value)?.slice(0, 40)}`);
  return ms;
}

/** One EventBridge event (as the rule delivers it, or an SQS message body holding it) → what the gateway stores. */
export function normalise(input: unknown): Normalised {
  if (!isObject(input)) return { skipped: 'not an EventBridge event (not a JSON object)' };
  const source = input.source;
  const detailType = input['detail-type'];
  if (typeof source !== 'string' || typeof detailType !== 'string') {
    return { skipped: 'not an EventBridge event (no source or detail-type)' };
  }
  // Own keys only: a `source` named after an Object.prototype member is no rule.
  const forwarded = Object.hasOwn(FORWARDED, source) ? (FORWARDED as Record<string, readonly string[]>)[source] : [];
  if (!forwarded.includes(detailType)) return { skipped: `not forwarded: ${source} "${detailType}"` };
  try {
    const envelope: AwsEventEnvelope = {
      id: text(input, 'id', 'event'),
      source,
      detailType,
      account: text(input, 'account', 'event'),
      region: text(input, 'region', 'event'),
      time: requiredTime(input.time, 'event.time'),
    };
    const detail = object(input, 'detail', 'event');
    const resources = Array.isArray(input.resources)
      ? input.resources.filter((r): r is string => typeof r === 'string')
      : [];
    switch (source) {
      case 'aws.cloudwatch':
        return alarm(envelope, detail, resources);
      case 'aws.codedeploy':
        return codeDeploy(envelope, detail);
      case 'aws.ecs':
        return ecs(envelope, detail, resources);
      case 'aws.codepipeline':
        return codePipeline(envelope, detail);
      default:
        return capacity(envelope, detail);
    }
  } catch (error) {
    if (error instanceof Unreadable) return { skipped: `unreadable ${source} "${detailType}": ${error.message}` };
    throw error;
  }
}

const ALARM_STATES: readonly string[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] satisfies AwsAlarmState[];

function alarmState(value: unknown): AwsAlarmState | undefined {
  return typeof value === 'string' && ALARM_STATES.includes(value) ? (value as AwsAlarmState) : undefined;
}

function alarm(envelope: AwsEventEnvelope, detail: Json, resources: string[]): Normalised {
  const name = text(detail, 'alarmName', 'detail');
  const state = object(detail, 'state', 'detail');
  const value = alarmState(state.value);
  if (!value) throw new Unreadable(`detail.state.value ${JSON.stringify(state.value)} is not an alarm state`);
  const previous = isObject(detail.previousState) ? alarmState(detail.previousState.value) : undefined;
  const configuration = isObject(detail.configuration) ? detail.configuration : {};
  // The rule's event names the alarm's ARN as its one resource; the partition (aws, aws-cn…) comes with it.
  const arn =
    resources.find((r) => r.includes(':cloudwatch:') && r.includes(':alarm:')) ??
    `arn:aws:cloudwatch:${envelope.region}:${envelope.account}:alarm:${name}`;
  const event: AwsAlarmEvent = {
    ...envelope,
    kind: 'alarm',
    alarm: {
      name,
      arn,
      state: value,
      previousState: previous,
      reason: optionalText(state, 'reason'),
      changedAt: epochMs(state.timestamp) ?? envelope.time,
      description: optionalText(configuration, 'description'),
      metrics: Array.isArray(configuration.metrics) ? configuration.metrics.filter(isObject).map(alarmMetric) : [],
    },
  };
  return { event };
}

function alarmMetric(metric: Json, index: number): AwsAlarmMetric {
  const stat = isObject(metric.metricStat) ? metric.metricStat : {};
  const inner = isObject(stat.metric) ? stat.metric : {};
  const dimensions = isObject(inner.dimensions) ? inner.dimensions : {};
  return {
    id: optionalText(metric, 'id') ?? `m${index + 1}`,
    expression: optionalText(metric, 'expression'),
    namespace: optionalText(inner, 'namespace'),
    name: optionalText(inner, 'name'),
    dimensions: Object.entries(dimensions)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
      .map(([dimension, v]) => ({ name: dimension, value: String(v) })),
  };
}

function deployment(
  envelope: AwsEventEnvelope,
  target: AwsDeploymentTarget,
  status: AwsDeploymentStatus,
  state: string,
  fields: { at?: number; reason?: string; actor?: string }
): Normalised {
  const event: AwsDeploymentEvent = {
    ...envelope,
    kind: 'deployment',
    deployment: { target, status, state, at: fields.at ?? envelope.time, reason: fields.reason, actor: fields.actor },
  };
  return { event };
}

// CodeDeploy's deployment states (START, SUCCESS, FAILURE, STOP, READY: blue/green waiting to reroute traffic).
const CODEDEPLOY_STATUS: Record<string, AwsDeploymentStatus> = {
  START: 'in_progress',
  READY: 'in_progress',
  SUCCESS: 'succeeded',
  FAILURE: 'failed',
  STOP: 'failed',
};

function codeDeploy(envelope: AwsEventEnvelope, detail: Json): Normalised {
  const state = text(detail, 'state', 'detail');
  const status = Object.hasOwn(CODEDEPLOY_STATUS, state) ? CODEDEPLOY_STATUS[state] : undefined;
  if (!status) return { skipped: `CodeDeploy state ${state} is not a deployment change` };
  const target: AwsDeploymentTarget = {
    kind: 'codedeploy',
    application: text(detail, 'application', 'detail'),
    deploymentGroup: text(detail, 'deploymentGroup', 'detail'),
    deploymentId: text(detail, 'deploymentId', 'detail'),
  };
  return deployment(envelope, target, status, state, {});
}

// Superseded and cancelled executions deployed nothing: the CodePipeline poller leaves them out too.
const PIPELINE_STATUS: Record<string, AwsDeploymentStatus> = {
  STARTED: 'in_progress',
  RESUMED: 'in_progress',
  STOPPING: 'in_progress',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  STOPPED: 'failed',
};

function codePipeline(envelope: AwsEventEnvelope, detail: Json): Normalised {
  const state = text(detail, 'state', 'detail');
  const status = Object.hasOwn(PIPELINE_STATUS, state) ? PIPELINE_STATUS[state] : undefined;
  if (!status) return { skipped: `CodePipeline execution state ${state} deployed nothing` };
  const trigger = isObject(detail['execution-trigger']) ? detail['execution-trigger'] : {};
  const target: AwsDeploymentTarget = {
    kind: 'codepipeline',
    pipeline: text(detail, 'pipeline', 'detail'),
    executionId: text(detail, 'execution-id', 'detail'),
  };
  return deployment(envelope, target, status, state, {
    actor: optionalText(trigger, 'trigger-detail') ?? optionalText(trigger, 'trigger-type'),
  });
}

const ECS_STATUS: Record<string, AwsDeploymentStatus> = {
  SERVICE_DEPLOYMENT_IN_PROGRESS: 'in_progress',
  SERVICE_DEPLOYMENT_COMPLETED: 'succeeded',
  SERVICE_DEPLOYMENT_FAILED: 'failed',
};

// arn:aws:ecs:<region>:<account>:service/<cluster>/<service>, or the old service/<service> without the cluster.
const ECS_SERVICE_ARN = /^arn:aws[a-z-]*:ecs:[^:]+:\d{12}:service\/(?:([^/]+)\/)?([^/]+)$/;

function ecs(envelope: AwsEventEnvelope, detail: Json, resources: string[]): Normalised {
  const state = text(detail, 'eventName', 'detail');
  const status = Object.hasOwn(ECS_STATUS, state) ? ECS_STATUS[state] : undefined;
  if (!status) return { skipped: `ECS deployment event ${state} is not a deployment change` };
  const match = resources.map((r) => ECS_SERVICE_ARN.exec(r)).find((m) => m !== null);
  if (!match) throw new Unreadable('resources name no ECS service ARN');
  const target: AwsDeploymentTarget = {
    kind: 'ecs',
    cluster: match[1],
    service: match[2],
    deploymentId: text(detail, 'deploymentId', 'detail'),
  };
  return deployment(envelope, target, status, state, {
    at: epochMs(detail.updatedAt),
    reason: optionalText(detail, 'reason'),
  });
}

function capacity(envelope: AwsEventEnvelope, detail: Json): Normalised {
  // "EC2 Instance Launch Successful", "EC2 Instance Terminate Unsuccessful", …
  const [, verb, result] = /^EC2 Instance (Launch|Terminate) (Successful|Unsuccessful)$/.exec(envelope.detailType)!;
  const event: AwsCapacityEvent = {
    ...envelope,
    kind: 'capacity',
    capacity: {
      autoScalingGroup: text(detail, 'AutoScalingGroupName', 'detail'),
      activity: verb === 'Launch' ? 'launch' : 'terminate',
      outcome: result === 'Successful' ? 'succeeded' : 'failed',
      activityId: text(detail, 'ActivityId', 'detail'),
      instanceId: optionalText(detail, 'EC2InstanceId'),
      at: epochMs(detail.EndTime) ?? envelope.time,
      cause: optionalText(detail, 'Cause'),
      statusMessage: optionalText(detail, 'StatusMessage'),
      description: optionalText(detail, 'Description'),
    },
  };
  return { event };
}
