import { z } from 'zod';
import { LOG_LEVELS } from './types';
import { awsAccountsSetting } from '../sources/aws/config';
import { isRedisUrl } from '../cluster/redisUrl';

/**
 * Every setting once: its YAML key, its environment variable and how to read it. Environment values are always
 * strings, YAML values may be numbers, so each schema accepts both and produces the final type.
 */
export interface SettingSpec {
  key: SettingKey;
  env: string;
  /** Said in the error message: "expected <expected>, got ...". */
  expected: string;
  schema: z.ZodType<string | number>;
}

export type SettingKey = 'port' | 'host' | 'apiToken' | 'dataDir' | 'database' | 'catalog' | 'demoSeed' | 'logLevel'
  | 'replicaId'
  | 'redisUrl'
  | 'redisPrefix'
  | WebhookSettingKey
  | IncidentSettingKey
  | AwsSettingKey
  | DeploySettingKey;

/** Settings of deployments and rollback (gateway/deployments/config.ts reads them). */
export type DeploySettingKey =
  | 'ingestToken'
  | 'deployPollSeconds'
  | 'rollbackAdminOnly'
  | 'rollbackIamActions'
  | 'awsEndpointCodeDeploy'
  | 'awsEndpointCodePipeline'
  | 'awsEndpointLambda'
  | 'awsEndpointEcs';

/** Settings of the AWS sources (CloudWatch, Cost Explorer, Auto Scaling, Logs); sources/aws/config.ts reads them. */
export type AwsSettingKey =
  | 'awsAccounts'
  | 'awsEndpointCloudwatch'
  | 'awsEndpointCostExplorer'
  | 'awsEndpointAutoScaling'
  | 'awsEndpointLogs'
  | 'awsEndpointSts'
  | 'awsRefreshWindowMs'
  | 'awsCostCacheMs'
  | 'awsCostTag';

const integerText = z
  .union([z.number(), z.string().regex(/^\s*-?\d+\s*$/)])
  .transform((value) => (typeof value === 'number' ? value : Number(value)));

const nonEmptyText = z.string().trim().min(1);

/** Settings of the inbound alert webhooks (gateway/alerts/webhookConfig.ts reads them). */
export type WebhookSettingKey =
  | 'pagerdutyWebhookSecret'
  | 'snsTopicArns'
  | 'snsCertsDir'
  | 'webhookToken'
  | 'opsgenieWebhookToken'
  | 'opsgenieWebhookHeader'
  | 'jsmWebhookToken'
  | 'jsmWebhookHeader'
  | 'awsEventsToken'
  | 'webhookBodyLimit'
  | 'sqliteWriterThread';

/** Settings of incident actions, maintenance mirrors, polling and on-call (gateway/alerts/actions/config.ts). */
export type IncidentSettingKey =
  | 'pagerdutyApiToken'
  | 'pagerdutyApiUrl'
  | 'pagerdutyFromEmail'
  | 'pagerdutyFromByUser'
  | 'oncallEmailByUser'
  | 'opsgenieApiKey'
  | 'opsgenieApiUrl'
  | 'jsmCloudId'
  | 'jsmEmail'
  | 'jsmApiToken'
  | 'jsmApiUrl'
  | 'alertmanagerUrl'
  | 'grafanaUrl'
  | 'incidentPollSeconds';

const httpUrl = z.string().trim().regex(/^https?:\/\/\S+$/);

/** Never shown in error messages. */
export const SECRET_SETTINGS: ReadonlySet<SettingKey> = new Set<SettingKey>([
  'apiToken',
  'pagerdutyWebhookSecret',
  'webhookToken',
  'opsgenieWebhookToken',
  'pagerdutyApiToken',
  'opsgenieApiKey',
  'jsmWebhookToken',
  'awsEventsToken',
  'jsmApiToken',
  'ingestToken',
  // May carry the Redis password.
  'redisUrl',
]);

export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'port',
    env: 'OPSDECK_PORT',
    expected: 'a port number from 0 to 65535',
    schema: integerText.pipe(z.number().int().min(0).max(65535)),
  },
  { key: 'host', env: 'OPSDECK_HOST', expected: 'an address to listen on, e.g. 0.0.0.0', schema: nonEmptyText },
  {
    key: 'apiToken',
    env: 'OPSDECK_API_TOKEN',
    expected: 'a token of at least 16 characters without spaces',
    schema: z.string().regex(/^\S{16,}$/),
  },
  { key: 'dataDir', env: 'OPSDECK_DATA_DIR', expected: 'a directory path', schema: nonEmptyText },
  {
    key: 'database',
    env: 'OPSDECK_DATABASE',
    expected: 'a SQLite file path or a postgres:// URL',
    // Anything with a scheme must be Postgres; a typo like "postgress://" must not silently become a file name.
    schema: nonEmptyText.refine(
      (value) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^postgres(ql)?:\/\//i.test(value)
    ),
  },
  { key: 'catalog', env: 'OPSDECK_CATALOG', expected: 'the path of services.yaml', schema: nonEmptyText },
  {
    key: 'demoSeed',
    env: 'OPSDECK_DEMO_SEED',
    expected: 'a whole number from 0 to 4294967295',
    schema: integerText.pipe(z.number().int().min(0).max(0xffffffff)),
  },
  {
    key: 'logLevel',
    env: 'OPSDECK_LOG_LEVEL',
    expected: `one of ${LOG_LEVELS.join(', ')}`,
    schema: z.enum(LOG_LEVELS),
  },
  {
    key: 'replicaId',
    env: 'OPSDECK_REPLICA_ID',
    expected: 'a name for this gateway among replicas: 1 to 100 letters, digits, ".", "_", ":" or "-"',
    schema: z.string().trim().regex(/^[A-Za-z0-9._:-]{1,100}$/),
  },
  {
    key: 'redisUrl',
    env: 'OPSDECK_REDIS_URL',
    expected: 'a redis:// or rediss:// URL with a host, e.g. redis://127.0.0.1:6379',
    schema: nonEmptyText.refine(isRedisUrl),
  },
  {
    key: 'redisPrefix',
    env: 'OPSDECK_REDIS_PREFIX',
    expected: 'the start of every Redis key: 1 to 64 letters, digits, ".", "_", ":" or "-"',
    schema: z.string().trim().regex(/^[A-Za-z0-9._:-]{1,64}$/),
  },
  {
    key: 'pagerdutyWebhookSecret',
    env: 'OPSDECK_PAGERDUTY_WEBHOOK_SECRET',
    expected: 'the PagerDuty webhook signing secret(s), comma-separated while rotating',
    schema: nonEmptyText,
  },
  {
    key: 'snsTopicArns',
    env: 'OPSDECK_SNS_TOPIC_ARNS',
    expected: 'comma-separated SNS topic ARNs (arn:aws:sns:...)',
    schema: nonEmptyText.refine((value) =>
      value.split(',').every((arn) => arn.trim() === '' || arn.trim().startsWith('arn:'))
    ),
  },
  { key: 'snsCertsDir', env: 'OPSDECK_SNS_CERTS_DIR', expected: 'a directory path', schema: nonEmptyText },
  {
    key: 'webhookToken',
    env: 'OPSDECK_WEBHOOK_TOKEN',
    expected: 'the bearer token(s) of the Alertmanager/Grafana webhooks, comma-separated',
    schema: nonEmptyText,
  },
  {
    key: 'opsgenieWebhookToken',
    env: 'OPSDECK_OPSGENIE_WEBHOOK_TOKEN',
    expected: 'the header value(s) Opsgenie sends, comma-separated',
    schema: nonEmptyText,
  },
  {
    key: 'opsgenieWebhookHeader',
    env: 'OPSDECK_OPSGENIE_WEBHOOK_HEADER',
    expected: 'an HTTP header name, e.g. X-Opsdeck-Token',
    schema: z.string().regex(/^[A-Za-z0-9-]+$/),
  },
  {
    key: 'jsmWebhookToken',
    env: 'OPSDECK_JSM_WEBHOOK_TOKEN',
    expected: 'the header value(s) the JSM Operations Webhook integration sends, comma-separated',
    schema: nonEmptyText,
  },
  {
    key: 'jsmWebhookHeader',
    env: 'OPSDECK_JSM_WEBHOOK_HEADER',
    expected: 'an HTTP header name, e.g. X-Opsdeck-Token',
    schema: z.string().regex(/^[A-Za-z0-9-]+$/),
  },
  {
    key: 'awsEventsToken',
    env: 'OPSDECK_AWS_EVENTS_TOKEN',
    expected: 'the bearer token(s) the AWS event Lambda posts to /webhooks/aws-events with, comma-separated',
    schema: nonEmptyText,
  },
  {
    key: 'webhookBodyLimit',
    env: 'OPSDECK_WEBHOOK_BODY_LIMIT',
    expected: 'a positive number of bytes',
    schema: integerText.pipe(z.number().int().min(1)),
  },
  {
    key: 'sqliteWriterThread',
    env: 'OPSDECK_SQLITE_WRITER_THREAD',
    expected: 'true or false (true: webhook deliveries are committed on a worker thread; for disks with slow fsync)',
    schema: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((value) => String(value)),
  },
  { key: 'pagerdutyApiToken', env: 'OPSDECK_PAGERDUTY_API_TOKEN', expected: 'a PagerDuty REST API key', schema: nonEmptyText },
  {
    key: 'pagerdutyApiUrl',
    env: 'OPSDECK_PAGERDUTY_API_URL',
    expected: 'an http(s) URL (default https://api.pagerduty.com)',
    schema: httpUrl,
  },
  {
    key: 'pagerdutyFromEmail',
    env: 'OPSDECK_PAGERDUTY_FROM_EMAIL',
    expected: 'the email of a PagerDuty user, sent as the From header of actions',
    schema: z.string().trim().regex(/^[^\s@,]+@[^\s@,]+$/),
  },
  {
    key: 'pagerdutyFromByUser',
    env: 'OPSDECK_PAGERDUTY_FROM_BY_USER',
    expected: 'comma-separated grafanaLogin=pagerduty@email pairs',
    schema: z.string().trim().regex(/^[^=,\s]+=[^\s@,]+@[^\s@,]+(\s*,\s*[^=,\s]+=[^\s@,]+@[^\s@,]+)*$/),
  },
  {
    key: 'oncallEmailByUser',
    env: 'OPSDECK_ONCALL_EMAIL_BY_USER',
    expected: 'comma-separated grafanaLogin=email pairs (who each Grafana user is on the on-call roster)',
    schema: z.string().trim().regex(/^[^=,\s]+=[^\s@,]+@[^\s@,]+(\s*,\s*[^=,\s]+=[^\s@,]+@[^\s@,]+)*$/),
  },
  { key: 'opsgenieApiKey', env: 'OPSDECK_OPSGENIE_API_KEY', expected: 'an Opsgenie API key', schema: nonEmptyText },
  {
    key: 'opsgenieApiUrl',
    env: 'OPSDECK_OPSGENIE_API_URL',
    expected: 'an http(s) URL (default https://api.opsgenie.com)',
    schema: httpUrl,
  },
  {
    key: 'jsmCloudId',
    env: 'OPSDECK_JSM_CLOUD_ID',
    expected: 'the Atlassian site cloud id (a UUID; https://<site>.atlassian.net/_edge/tenant_info answers it)',
    schema: z.string().trim().regex(/^[A-Za-z0-9-]+$/),
  },
  {
    key: 'jsmEmail',
    env: 'OPSDECK_JSM_EMAIL',
    expected: 'the email of the Atlassian account whose API token acts on JSM Operations',
    schema: z.string().trim().regex(/^[^\s@,:]+@[^\s@,:]+$/),
  },
  { key: 'jsmApiToken', env: 'OPSDECK_JSM_API_TOKEN', expected: 'an Atlassian account API token', schema: nonEmptyText },
  {
    key: 'jsmApiUrl',
    env: 'OPSDECK_JSM_API_URL',
    expected: 'an http(s) URL (default https://api.atlassian.com)',
    schema: httpUrl,
  },
  { key: 'alertmanagerUrl', env: 'OPSDECK_ALERTMANAGER_URL', expected: 'the http(s) URL of Alertmanager', schema: httpUrl },
  {
    key: 'grafanaUrl',
    env: 'OPSDECK_GRAFANA_URL',
    expected: "the http(s) URL of the Grafana Opsdeck runs in (for links in the gateway's own alerts)",
    schema: httpUrl,
  },
  {
    key: 'incidentPollSeconds',
    env: 'OPSDECK_INCIDENT_POLL_SECONDS',
    expected: 'seconds between PagerDuty/CloudWatch polls, 10 to 3600, or 0 to turn polling off',
    schema: integerText.pipe(z.number().int().refine((n) => n === 0 || (n >= 10 && n <= 3600))),
  },
  {
    key: 'awsAccounts',
    env: 'OPSDECK_AWS_ACCOUNTS',
    expected:
      'a list of AWS accounts (JSON in the environment), each {id: 12 digits, regions: [..], roleArn?: "arn:…", externalId?}',
    schema: awsAccountsSetting,
  },
  ...awsEndpointSetting('awsEndpointCloudwatch', 'OPSDECK_AWS_ENDPOINT_CLOUDWATCH', 'CloudWatch'),
  ...awsEndpointSetting('awsEndpointCostExplorer', 'OPSDECK_AWS_ENDPOINT_COSTEXPLORER', 'Cost Explorer'),
  ...awsEndpointSetting('awsEndpointAutoScaling', 'OPSDECK_AWS_ENDPOINT_AUTOSCALING', 'Auto Scaling'),
  ...awsEndpointSetting('awsEndpointLogs', 'OPSDECK_AWS_ENDPOINT_LOGS', 'CloudWatch Logs'),
  ...awsEndpointSetting('awsEndpointSts', 'OPSDECK_AWS_ENDPOINT_STS', 'STS'),
  {
    key: 'awsRefreshWindowMs',
    env: 'OPSDECK_AWS_REFRESH_WINDOW_MS',
    expected: 'milliseconds from 0 to 5000 during which CloudWatch requests are merged',
    schema: integerText.pipe(z.number().int().min(0).max(5000)),
  },
  {
    key: 'awsCostCacheMs',
    env: 'OPSDECK_AWS_COST_CACHE_MS',
    expected: 'milliseconds to keep Cost Explorer answers (0 or more)',
    schema: integerText.pipe(z.number().int().min(0)),
  },
  {
    key: 'awsCostTag',
    env: 'OPSDECK_AWS_COST_TAG',
    expected: 'the cost-allocation tag key that names services, e.g. service',
    schema: nonEmptyText,
  },
  {
    key: 'ingestToken',
    env: 'OPSDECK_INGEST_TOKEN',
    expected: 'a token of at least 16 characters without spaces (CI systems post deploy events with it)',
    schema: z.string().regex(/^\S{16,}$/),
  },
  {
    key: 'deployPollSeconds',
    env: 'OPSDECK_DEPLOY_POLL_SECONDS',
    expected: 'seconds between deploy target polls, 5 to 3600, or 0 to turn polling off',
    schema: integerText.pipe(z.number().int().refine((n) => n === 0 || (n >= 5 && n <= 3600))),
  },
  {
    key: 'rollbackAdminOnly',
    env: 'OPSDECK_ROLLBACK_ADMIN_ONLY',
    expected: 'true or false (true: only Grafana Admins may start rollbacks)',
    schema: z.union([z.boolean(), z.enum(['true', 'false'])]).transform((value) => String(value)),
  },
  {
    key: 'rollbackIamActions',
    env: 'OPSDECK_ROLLBACK_IAM_ACTIONS',
    expected: 'comma-separated IAM actions the role may use for rollbacks, e.g. lambda:UpdateAlias,ecs:UpdateService',
    schema: nonEmptyText.refine((value) => value.split(',').every((a) => /^[a-z0-9-]+:[A-Za-z]+$/.test(a.trim()))),
  },
  ...deployEndpointSetting('awsEndpointCodeDeploy', 'OPSDECK_AWS_ENDPOINT_CODEDEPLOY', 'CodeDeploy'),
  ...deployEndpointSetting('awsEndpointCodePipeline', 'OPSDECK_AWS_ENDPOINT_CODEPIPELINE', 'CodePipeline'),
  ...deployEndpointSetting('awsEndpointLambda', 'OPSDECK_AWS_ENDPOINT_LAMBDA', 'Lambda'),
  ...deployEndpointSetting('awsEndpointEcs', 'OPSDECK_AWS_ENDPOINT_ECS', 'ECS'),
];

function deployEndpointSetting(key: DeploySettingKey, env: string, api: string): SettingSpec[] {
  return [{ key, env, expected: `the http(s) URL of a ${api} endpoint (VPC endpoint or test fake)`, schema: httpUrl }];
}

function awsEndpointSetting(key: AwsSettingKey, env: string, api: string): SettingSpec[] {
  return [{ key, env, expected: `the http(s) URL of a ${api} endpoint (VPC endpoint or test fake)`, schema: httpUrl }];
}

/** Names the YAML file; read by the loader itself, so it is not a setting. */
export const CONFIG_FILE_ENV = 'OPSDECK_CONFIG';

export const DEFAULTS = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: './data',
  catalog: 'provisioning/opsdeck/services.yaml',
  demoSeed: 42,
  logLevel: 'info',
  redisPrefix: 'opsdeck',
} as const;
