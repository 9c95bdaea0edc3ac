/**
 * The body of POST /webhooks/aws-events (contract/src/awsEvents.ts), validated. Objects are not strict: a newer
 * Lambda may send fields this gateway does not know yet, and refusing them would drop events (a 400 is final for
 * the Lambda). Ids that become keys refuse control characters; times are whole epoch ms between 1970 and 2100.
 */
import { z } from 'zod';
import { AWS_ALARM_STATES, AWS_EVENTS_MAX_BATCH, type AwsEventsRequest } from '@opsdeck/contract';
import { MalformedPayloadError } from '../../upstream/parse/errors';
import { epochMsProblem } from '../../time/epoch';

const CONTROL = /[\u0000-\u001f\u007f]/;

/** A name or id: what keys, ids and labels are made of. */
const id = z
  .string()
  .min(1, { error: 'must be a non-empty string' })
  .max(512, { error: 'must be at most 512 characters' })
  .refine((value) => !CONTROL.test(value), { error: 'must not contain control characters' });

/** Free text (reasons, descriptions): stored as sent, cut by the schema's bound. */
const prose = z.string().max(4096, { error: 'must be at most 4096 characters' });

const epochMs = z.number().superRefine((value, ctx) => {
  const problem = epochMsProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const envelope = {
  id,
  source: id,
  detailType: id,
  account: z.string().regex(/^\d{12}$/, { error: 'must be a 12-digit AWS account id' }),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { error: 'must be an AWS region such as eu-west-1' }),
  time: epochMs,
};

const alarmState = z.enum(AWS_ALARM_STATES, { error: `must be one of ${AWS_ALARM_STATES.join(', ')}` });

const alarmEvent = z.object({
  ...envelope,
  kind: z.literal('alarm'),
  alarm: z.object({
    name: id,
    arn: id.refine((value) => /^arn:aws[a-z-]*:cloudwatch:/.test(value), { error: 'must be a CloudWatch alarm ARN' }),
    state: alarmState,
    previousState: alarmState.optional(),
    reason: prose.optional(),
    changedAt: epochMs,
    description: prose.optional(),
    metrics: z
      .array(
        z.object({
          id,
          expression: prose.optional(),
          namespace: id.optional(),
          name: id.optional(),
          dimensions: z.array(z.object({ name: id, value: id })).max(30, { error: 'must be at most 30 dimensions' }),
        })
      )
      .max(100, { error: 'must be at most 100 metrics' }),
  }),
});

const deploymentTarget = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('codedeploy'), application: id, deploymentGroup: id, deploymentId: id }),
    z.object({ kind: z.literal('codepipeline'), pipeline: id, executionId: id }),
    z.object({ kind: z.literal('ecs'), cluster: id.optional(), service: id, deploymentId: id }),
  ],
  { error: 'must be a codedeploy, codepipeline or ecs target' }
);

const deploymentEvent = z.object({
  ...envelope,
  kind: z.literal('deployment'),
  deployment: z.object({
    target: deploymentTarget,
    status: z.enum(['in_progress', 'succeeded', 'failed'], { error: 'must be in_progress, succeeded or failed' }),
    state: id,
    at: epochMs,
    reason: prose.optional(),
    actor: id.optional(),
  }),
});

const capacityEvent = z.object({
  ...envelope,
  kind: z.literal('capacity'),
  capacity: z.object({
    autoScalingGroup: id,
    activity: z.enum(['launch', 'terminate'], { error: 'must be launch or terminate' }),
    outcome: z.enum(['succeeded', 'failed'], { error: 'must be succeeded or failed' }),
    activityId: id,
    instanceId: id.optional(),
    at: epochMs,
    cause: prose.optional(),
    statusMessage: prose.optional(),
    description: prose.optional(),
  }),
});

const requestSchema = z.object({
  events: z
    .array(
      z.discriminatedUnion('kind', [alarmEvent, deploymentEvent, capacityEvent], {
        error: 'must have kind alarm, deployment or capacity',
      }),
      { error: 'must be a list of events' }
    )
    .min(1, { error: 'must hold at least one event' })
    .max(AWS_EVENTS_MAX_BATCH, { error: `must hold at most ${AWS_EVENTS_MAX_BATCH} events` }),
});

type Validated = z.infer<typeof requestSchema>;
/** True only when A and B are the same type (contractAgreement.ts's test): a field added on one side fails tsc. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;
export type AwsEventsAgree = Holds<Same<Validated, AwsEventsRequest>>;

function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}

/** The parsed JSON body, validated; a MalformedPayloadError (400) names the first field at fault. */
export function parseAwsEventsRequest(body: unknown): AwsEventsRequest {
  const result = requestSchema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new MalformedPayloadError(issuePath(issue.path) || 'body', issue.message);
}
