/**
 * AWS events to the gateway in seconds instead of at the next poll (contract/src/awsEvents.ts): EventBridge rules
 * for alarm state changes, CodeDeploy / CodePipeline / ECS deployment state changes and Auto Scaling launch and
 * terminate outcomes put the events on an SQS queue; one Lambda (Node 24) takes them in batches and posts them to
 * `POST /webhooks/aws-events` with the token OPSDECK_AWS_EVENTS_TOKEN. The handler's code is its own
 * (infra/lambda/aws-events/handler.ts, which also takes events straight from a rule); this construct takes the
 * directory of its built bundle.
 *
 * Other accounts and regions forward the same events to this account's default event bus (AwsEventsForwardRules),
 * so there is one Lambda and one token, in the gateway's account.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AWS_EVENTS_MAX_BATCH, AWS_EVENTS_WEBHOOK_PATH } from '@opsdeck/contract';
import { partitionOf } from '../naming';

/** The events the gateway takes, as EventBridge patterns (detail-types as AWS documents them). */
export const AWS_EVENT_PATTERNS: ReadonlyArray<{ id: string; pattern: events.EventPattern }> = [
  { id: 'AlarmStateChange', pattern: { source: ['aws.cloudwatch'], detailType: ['CloudWatch Alarm State Change'] } },
  {
    id: 'CodeDeployDeployment',
    pattern: { source: ['aws.codedeploy'], detailType: ['CodeDeploy Deployment State-change Notification'] },
  },
  {
    id: 'CodePipelineExecution',
    pattern: { source: ['aws.codepipeline'], detailType: ['CodePipeline Pipeline Execution State Change'] },
  },
  { id: 'EcsDeployment', pattern: { source: ['aws.ecs'], detailType: ['ECS Deployment State Change'] } },
  {
    id: 'AutoScalingActivity',
    pattern: {
      source: ['aws.autoscaling'],
      detailType: [
        'EC2 Instance Launch Successful',
        'EC2 Instance Launch Unsuccessful',
        'EC2 Instance Terminate Successful',
        'EC2 Instance Terminate Unsuccessful',
      ],
    },
  },
];

/** The handler's environment (infra/lambda/aws-events/handler.ts optionsFromEnv): the gateway's base URL and the token. */
export const AWS_EVENTS_LAMBDA_ENV = {
  gatewayUrl: 'OPSDECK_GATEWAY_URL',
  token: 'OPSDECK_EVENTS_TOKEN',
} as const;

export interface AwsEventsForwarderProps {
  /** A directory holding the built handler (e.g. `index.js` exporting `handler`). */
  codeDir: string;
  /** `<file>.<export>` within codeDir. */
  handler?: string;
  /** The gateway's public base URL. */
  gatewayUrl: string;
  tokenSecret: secretsmanager.ISecret;
  /** Accounts allowed to put events on this account's default bus (the forwarding rules of the others). */
  sourceAccounts?: readonly string[];
  logRetentionDays?: logs.RetentionDays;
}

export class AwsEventsForwarder extends Construct {
  readonly function: lambda.Function;
  readonly queue: sqs.Queue;
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: AwsEventsForwarderProps) {
    super(scope, id);
    const timeout = Duration.seconds(30);
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', { retentionPeriod: Duration.days(14), enforceSSL: true });
    this.queue = new sqs.Queue(this, 'Events', {
      // At least six times the function's timeout (AWS guidance for SQS event sources).
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      retentionPeriod: Duration.days(1),
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });

    this.function = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(props.codeDir),
      handler: props.handler ?? 'index.handler',
      memorySize: 256,
      timeout,
      description: `Normalises AWS events and posts them to the gateway's ${AWS_EVENTS_WEBHOOK_PATH}`,
      environment: {
        [AWS_EVENTS_LAMBDA_ENV.gatewayUrl]: props.gatewayUrl,
        // A dynamic reference: CloudFormation puts the secret's value in the function's configuration, the template
        // only names the secret. Rotating the token takes a deploy of this stack (and of the gateway's tasks).
        [AWS_EVENTS_LAMBDA_ENV.token]: props.tokenSecret.secretValue.unsafeUnwrap(),
        NODE_OPTIONS: '--enable-source-maps',
      },
      logGroup: new logs.LogGroup(this, 'Logs', { retention: props.logRetentionDays ?? logs.RetentionDays.ONE_MONTH }),
    });
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: AWS_EVENTS_MAX_BATCH,
        // Up to 5 s to fill a batch: the gateway sees a change within seconds, in one request per burst.
        maxBatchingWindow: Duration.seconds(5),
        reportBatchItemFailures: true,
      })
    );

    for (const { id: ruleId, pattern } of AWS_EVENT_PATTERNS) {
      new events.Rule(this, ruleId, {
        description: `Opsdeck: ${pattern.detailType!.join(', ')}`,
        eventPattern: pattern,
        targets: [new targets.SqsQueue(this.queue)],
      });
    }
    const stack = Stack.of(this);
    (props.sourceAccounts ?? []).forEach((account) => {
      new events.CfnEventBusPolicy(this, `From${account}`, {
        eventBusName: 'default',
        statementId: `opsdeck-events-from-${account}`,
        statement: {
          Sid: `opsdeck-events-from-${account}`,
          Effect: 'Allow',
          Principal: { AWS: `arn:${partitionOf(stack.region)}:iam::${account}:root` },
          Action: 'events:PutEvents',
          Resource: `arn:${partitionOf(stack.region)}:events:${stack.region}:${stack.account}:event-bus/default`,
        },
      });
    });
  }
}

export interface AwsEventsForwardRulesProps {
  /** ARN of the default event bus in the gateway's account and region. */
  targetBusArn: string;
}

/** In another account or region: the same rules, sending the events on to the gateway's event bus. */
export class AwsEventsForwardRules extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AwsEventsForwardRulesProps) {
    super(scope, id);
    const bus = events.EventBus.fromEventBusArn(this, 'GatewayBus', props.targetBusArn);
    this.role = new iam.Role(this, 'PutEventsRole', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
    for (const { id: ruleId, pattern } of AWS_EVENT_PATTERNS) {
      new events.Rule(this, ruleId, {
        description: `Opsdeck: ${pattern.detailType!.join(', ')} to the gateway's account`,
        eventPattern: pattern,
        targets: [new targets.EventBus(bus, { role: this.role })],
      });
    }
  }
}
