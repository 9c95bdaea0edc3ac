/**
 * The AWS event forwarder (lib/constructs/awsEventsForwarder.ts): the Lambda, its queue and rules in the gateway's
 * account and region, and forwarding rules in every other account and region of the catalog.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AwsEventsForwarder, AwsEventsForwardRules } from '../constructs/awsEventsForwarder';
import { partitionOf } from '../naming';

export interface AwsEventsStackProps extends StackProps {
  codeDir: string;
  gatewayUrl: string;
  tokenSecret: secretsmanager.ISecret;
  sourceAccounts: readonly string[];
  logRetentionDays: logs.RetentionDays;
}

export class AwsEventsStack extends Stack {
  readonly forwarder: AwsEventsForwarder;

  constructor(scope: Construct, id: string, props: AwsEventsStackProps) {
    super(scope, id, props);
    this.forwarder = new AwsEventsForwarder(this, 'Forwarder', {
      codeDir: props.codeDir,
      gatewayUrl: props.gatewayUrl,
      tokenSecret: props.tokenSecret,
      sourceAccounts: props.sourceAccounts,
      logRetentionDays: props.logRetentionDays,
    });
  }
}

export interface AwsEventsForwardStackProps extends StackProps {
  /** Where the gateway's Lambda runs. */
  gatewayEnv: { account: string; region: string };
}

export class AwsEventsForwardStack extends Stack {
  constructor(scope: Construct, id: string, props: AwsEventsForwardStackProps) {
    super(scope, id, props);
    const { account, region } = props.gatewayEnv;
    new AwsEventsForwardRules(this, 'Forward', {
      targetBusArn: `arn:${partitionOf(region)}:events:${region}:${account}:event-bus/default`,
    });
  }
}
