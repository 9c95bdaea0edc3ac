/** Settings of the inbound webhooks, read from the environment (see the README of issue 4 for each key). */
import { parseSecretList } from './sharedSecret';

export interface WebhookConfig {
  /** OPSDECK_PAGERDUTY_WEBHOOK_SECRET, comma-separated while a secret rotates. */
  pagerdutySecrets: string[];
  /** OPSDECK_SNS_TOPIC_ARNS: the only topics whose deliveries are accepted and whose subscriptions are confirmed. */
  snsTopicArns: string[];
  /** OPSDECK_SNS_CERTS_DIR: signing certificates provided up front, named as the last segment of SigningCertURL. */
  snsCertsDir?: string;
  /** OPSDECK_WEBHOOK_TOKEN: bearer token(s) of the Alertmanager and Grafana webhooks. */
  webhookTokens: string[];
  /** OPSDECK_OPSGENIE_WEBHOOK_TOKEN: value(s) Opsgenie must send in `opsgenieHeader`. */
  opsgenieTokens: string[];
  /** OPSDECK_OPSGENIE_WEBHOOK_HEADER, default X-Opsdeck-Token (a custom header set on the Opsgenie integration). */
  opsgenieHeader: string;
  /** OPSDECK_WEBHOOK_BODY_LIMIT in bytes, default 1 MiB. */
  bodyLimitBytes: number;
}

export const DEFAULT_OPSGENIE_HEADER = 'X-Opsdeck-Token';
export const DEFAULT_WEBHOOK_BODY_LIMIT = 1024 * 1024;

export function webhookConfigFromEnv(env: NodeJS.ProcessEnv): WebhookConfig {
  const limit = Number(env.OPSDECK_WEBHOOK_BODY_LIMIT ?? DEFAULT_WEBHOOK_BODY_LIMIT);
  if (!Number.isInteger(limit) || limit <= 0) {
    throw new Error('OPSDECK_WEBHOOK_BODY_LIMIT must be a positive number of bytes');
  }
  return {
    pagerdutySecrets: parseSecretList(env.OPSDECK_PAGERDUTY_WEBHOOK_SECRET),
    snsTopicArns: parseSecretList(env.OPSDECK_SNS_TOPIC_ARNS),
    snsCertsDir: env.OPSDECK_SNS_CERTS_DIR || undefined,
    webhookTokens: parseSecretList(env.OPSDECK_WEBHOOK_TOKEN),
    opsgenieTokens: parseSecretList(env.OPSDECK_OPSGENIE_WEBHOOK_TOKEN),
    opsgenieHeader: env.OPSDECK_OPSGENIE_WEBHOOK_HEADER || DEFAULT_OPSGENIE_HEADER,
    bodyLimitBytes: limit,
  };
}
