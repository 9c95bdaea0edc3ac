/** Settings of the inbound webhooks, from the loaded config (keys in config/settings.ts). */
import type { WebhookSettings } from '../config/types';
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
  /** OPSDECK_JSM_WEBHOOK_TOKEN: value(s) the JSM Operations Webhook integration must send in `jsmHeader`. */
  jsmTokens: string[];
  /** OPSDECK_JSM_WEBHOOK_HEADER, default X-Opsdeck-Token (a custom header set on the JSM Webhook integration). */
  jsmHeader: string;
  /** OPSDECK_WEBHOOK_BODY_LIMIT in bytes, default 1 MiB. */
  bodyLimitBytes: number;
}

export const DEFAULT_OPSGENIE_HEADER = 'X-Opsdeck-Token';
export const DEFAULT_WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** The webhook settings as loaded by config/loadConfig.ts (registered in SETTINGS, validated there). */
export function webhookConfigFromSettings(settings: WebhookSettings): WebhookConfig {
  return {
    pagerdutySecrets: parseSecretList(settings.pagerdutyWebhookSecret),
    snsTopicArns: parseSecretList(settings.snsTopicArns),
    snsCertsDir: settings.snsCertsDir,
    webhookTokens: parseSecretList(settings.webhookToken),
    opsgenieTokens: parseSecretList(settings.opsgenieWebhookToken),
    opsgenieHeader: settings.opsgenieWebhookHeader ?? DEFAULT_OPSGENIE_HEADER,
    jsmTokens: parseSecretList(settings.jsmWebhookToken),
    jsmHeader: settings.jsmWebhookHeader ?? DEFAULT_OPSGENIE_HEADER,
    bodyLimitBytes: settings.webhookBodyLimit ?? DEFAULT_WEBHOOK_BODY_LIMIT,
  };
}
