import type { AwsSourceConfig } from '../sources/aws/config';
import type { DeploySettings } from '../deployments/config';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings read from the environment and the optional YAML file, after defaults and path resolution. */
export interface LoadedConfig {
  port: number;
  host: string;
  /** Absent when the operator did not set one; the gateway then generates and keeps one in the data dir. */
  apiToken?: string;
  /** Absolute path. */
  dataDir: string;
  /** Absolute SQLite file path, or a postgres:// URL. */
  database: string;
  /** Absolute path of the service catalog. */
  catalog: string;
  demoSeed: number;
  logLevel: LogLevel;
  /** OPSDECK_REPLICA_ID; absent = hostname and pid (cluster/replicaId.ts). */
  replicaId?: string;
  /** OPSDECK_REDIS_URL and OPSDECK_REDIS_PREFIX: the cache the replicas share; absent = each process its own. */
  redis?: RedisSettings;
  /** The YAML file the settings were read from, if any. */
  configFile?: string;
  /** Inbound alert webhooks; absent keys keep that webhook closed (gateway/src/upstream/webhookConfig.ts). */
  webhooks: WebhookSettings;
  /** Incident actions, maintenance mirrors, polling, on-call (gateway/alerts/actions/config.ts). */
  incidents: IncidentSettings;
  /** The AWS sources; absent when no accounts are configured (demo mode). */
  aws?: AwsSourceConfig;
  /** CI ingest token, deploy polling, rollback policy (gateway/deployments/config.ts). */
  deployments: DeploySettings;
}

export interface RedisSettings {
  url: string;
  /** Every key starts with `<prefix>:` (default `opsdeck`). */
  prefix: string;
}

/** Raw incident-tool settings; absent = that tool is not used. */
export interface IncidentSettings {
  pagerdutyApiToken?: string;
  pagerdutyApiUrl?: string;
  pagerdutyFromEmail?: string;
  /** `login=email,login2=email2` as written. */
  pagerdutyFromByUser?: string;
  /** `login=email,…` as written: who each Grafana user is on the on-call roster (over pagerdutyFromByUser). */
  oncallEmailByUser?: string;
  opsgenieApiKey?: string;
  opsgenieApiUrl?: string;
  /** JSM Operations: all three or none (loadConfig refuses a partial set). */
  jsmCloudId?: string;
  jsmEmail?: string;
  jsmApiToken?: string;
  jsmApiUrl?: string;
  alertmanagerUrl?: string;
  /** Where Grafana is: Grafana-relative links (runbooks, the app's pages) in burn alerts are made absolute with it. */
  grafanaUrl?: string;
  incidentPollSeconds?: number;
}

/** Raw webhook settings; lists are comma-separated as written by the operator. */
export interface WebhookSettings {
  pagerdutyWebhookSecret?: string;
  snsTopicArns?: string;
  /** Absolute path. */
  snsCertsDir?: string;
  webhookToken?: string;
  opsgenieWebhookToken?: string;
  opsgenieWebhookHeader?: string;
  jsmWebhookToken?: string;
  jsmWebhookHeader?: string;
  /** Bearer token(s) of POST /webhooks/aws-events (the AWS event Lambda). */
  awsEventsToken?: string;
  webhookBodyLimit?: number;
  /** SQLite file only: commit webhook deliveries on a worker thread (alerts/writer/). */
  sqliteWriterThread?: boolean;
}

/** What the app runs with: the loaded settings with the api token settled. */
export interface GatewayConfig extends LoadedConfig {
  apiToken: string;
}
