/**
 * Names that cross stacks, accounts and regions. A stack in another account cannot take a reference from the
 * gateway's stack, so the names the others must know are fixed here and ARNs are built from them:
 * the SNS topics (the gateway allows exactly these in OPSDECK_SNS_TOPIC_ARNS), the gateway's task role (trusted by
 * the member accounts' read roles) and the read role (assumed by the gateway, docs/aws-setup.md §4).
 */
import { ALERT_SEVERITIES, type AlertSeverity } from '@opsdeck/contract';
import type { AwsEnv } from './catalog';

export const GATEWAY_TASK_ROLE_NAME = 'opsdeck-gateway';
export const READ_ROLE_NAME = 'opsdeck-read';
/** The session name the gateway assumes the read roles with (gateway/src/sources/aws/clients.ts). */
export const READ_ROLE_SESSION_NAME = 'opsdeck';

export function alertTopicName(severity: AlertSeverity): string {
  return `opsdeck-alerts-${severity}`;
}

/** aws, aws-cn or aws-us-gov, from the region's name. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function alertTopicArn(env: AwsEnv, severity: AlertSeverity): string {
  return `arn:${partitionOf(env.region)}:sns:${env.region}:${env.account}:${alertTopicName(severity)}`;
}

/** Every alert topic of every env, in env order then severity order: OPSDECK_SNS_TOPIC_ARNS. */
export function allAlertTopicArns(envs: readonly AwsEnv[]): string[] {
  return envs.flatMap((env) => ALERT_SEVERITIES.map((severity) => alertTopicArn(env, severity)));
}

export function roleArn(account: string, region: string, name: string): string {
  return `arn:${partitionOf(region)}:iam::${account}:role/${name}`;
}

export function alarmArn(env: AwsEnv, alarmName: string): string {
  return `arn:${partitionOf(env.region)}:cloudwatch:${env.region}:${env.account}:alarm:${alarmName}`;
}

export const STACK_NAMES = {
  gateway: 'Opsdeck-Gateway',
  dashboards: 'Opsdeck-Dashboards',
  alertRouting: (env: AwsEnv) => `Opsdeck-AlertRouting-${env.account}-${env.region}`,
  crossAccountRead: (account: string) => `Opsdeck-CrossAccountRead-${account}`,
  awsEvents: (env: AwsEnv) => `Opsdeck-AwsEvents-${env.account}-${env.region}`,
} as const;

/** The gateway's HTTPS route SNS delivers to (gateway/src/alerts/webhookRoutes.ts: `/webhooks/${source}`). */
export const SNS_WEBHOOK_PATH = '/webhooks/sns';
