import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { ConfigError, ENVIRONMENT } from './ConfigError';
import { awsConfigFromSettings, type AwsSourceConfig } from '../sources/aws/config';
import { deploySettings } from '../deployments/config';
import { CONFIG_FILE_ENV, DEFAULTS, SECRET_SETTINGS, SETTINGS, type SettingKey, type SettingSpec } from './settings';
import { type IncidentSettings, type LoadedConfig, type LogLevel, type WebhookSettings } from './types';

type RawSettings = Partial<Record<SettingKey, unknown>>;
type ParsedSettings = Partial<Record<SettingKey, string | number>>;

const settingsSchema = z.strictObject(
  Object.fromEntries(SETTINGS.map((spec) => [spec.key, spec.schema.optional()])) as Record<
    SettingKey,
    z.ZodOptional<z.ZodType<string | number>>
  >
);

const byKey = new Map<string, SettingSpec>(SETTINGS.map((spec) => [spec.key, spec]));
const byEnv = new Map<string, SettingSpec>(SETTINGS.map((spec) => [spec.env, spec]));

/**
 * Reads the settings: defaults, then the YAML file named by OPSDECK_CONFIG, then OPSDECK_* environment variables.
 * Relative paths are resolved against `cwd`. Throws ConfigError naming the key and the file on anything wrong.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): LoadedConfig {
  const fromEnv = validate(readEnvironment(env), ENVIRONMENT, (key) => byKey.get(key)?.env ?? key);
  const configFile = env[CONFIG_FILE_ENV] ? path.resolve(cwd, env[CONFIG_FILE_ENV] as string) : undefined;
  const fromFile = configFile ? validate(readYamlFile(configFile), configFile, (key) => key) : {};
  const merged = { ...fromFile, ...fromEnv };
  requireTogether(JSM_CREDENTIALS, merged, fromEnv, configFile);

  const dataDir = path.resolve(cwd, String(merged.dataDir ?? DEFAULTS.dataDir));
  const database = merged.database === undefined ? path.join(dataDir, 'opsdeck.sqlite') : String(merged.database);
  return {
    port: Number(merged.port ?? DEFAULTS.port),
    host: String(merged.host ?? DEFAULTS.host),
    apiToken: merged.apiToken === undefined ? undefined : String(merged.apiToken),
    dataDir,
    database: isPostgresUrl(database) ? database : path.resolve(cwd, database),
    catalog: path.resolve(cwd, String(merged.catalog ?? DEFAULTS.catalog)),
    demoSeed: Number(merged.demoSeed ?? DEFAULTS.demoSeed),
    logLevel: (merged.logLevel ?? DEFAULTS.logLevel) as LogLevel,
    replicaId: merged.replicaId === undefined ? undefined : String(merged.replicaId),
    redis:
      merged.redisUrl === undefined
        ? undefined
        : { url: String(merged.redisUrl).trim(), prefix: String(merged.redisPrefix ?? DEFAULTS.redisPrefix) },
    configFile,
    webhooks: webhookSettings(merged, cwd),
    incidents: incidentSettings(merged),
    aws: awsSettings(merged),
    deployments: deploySettings(merged),
  };
}

function awsSettings(merged: ParsedSettings): AwsSourceConfig | undefined {
  const text = (key: SettingKey) => (merged[key] === undefined ? undefined : String(merged[key]));
  const number = (key: SettingKey) => (merged[key] === undefined ? undefined : Number(merged[key]));
  return awsConfigFromSettings({
    awsAccounts: text('awsAccounts'),
    awsEndpointCloudwatch: text('awsEndpointCloudwatch'),
    awsEndpointCostExplorer: text('awsEndpointCostExplorer'),
    awsEndpointAutoScaling: text('awsEndpointAutoScaling'),
    awsEndpointLogs: text('awsEndpointLogs'),
    awsEndpointSts: text('awsEndpointSts'),
    awsRefreshWindowMs: number('awsRefreshWindowMs'),
    awsCostCacheMs: number('awsCostCacheMs'),
    awsCostTag: text('awsCostTag'),
  });
}

function incidentSettings(merged: ParsedSettings): IncidentSettings {
  const text = (key: SettingKey) => (merged[key] === undefined ? undefined : String(merged[key]).trim());
  return {
    pagerdutyApiToken: text('pagerdutyApiToken'),
    pagerdutyApiUrl: text('pagerdutyApiUrl'),
    pagerdutyFromEmail: text('pagerdutyFromEmail'),
    pagerdutyFromByUser: text('pagerdutyFromByUser'),
    oncallEmailByUser: text('oncallEmailByUser'),
    opsgenieApiKey: text('opsgenieApiKey'),
    opsgenieApiUrl: text('opsgenieApiUrl'),
    jsmCloudId: text('jsmCloudId'),
    jsmEmail: text('jsmEmail'),
    jsmApiToken: text('jsmApiToken'),
    jsmApiUrl: text('jsmApiUrl'),
    alertmanagerUrl: text('alertmanagerUrl'),
    grafanaUrl: text('grafanaUrl'),
    incidentPollSeconds: merged.incidentPollSeconds === undefined ? undefined : Number(merged.incidentPollSeconds),
  };
}

function webhookSettings(merged: ParsedSettings, cwd: string): WebhookSettings {
  const text = (key: SettingKey) => (merged[key] === undefined ? undefined : String(merged[key]));
  return {
    pagerdutyWebhookSecret: text('pagerdutyWebhookSecret'),
    snsTopicArns: text('snsTopicArns'),
    snsCertsDir: merged.snsCertsDir === undefined ? undefined : path.resolve(cwd, String(merged.snsCertsDir)),
    webhookToken: text('webhookToken'),
    opsgenieWebhookToken: text('opsgenieWebhookToken'),
    opsgenieWebhookHeader: text('opsgenieWebhookHeader'),
    jsmWebhookToken: text('jsmWebhookToken'),
    jsmWebhookHeader: text('jsmWebhookHeader'),
    awsEventsToken: text('awsEventsToken'),
    webhookBodyLimit: merged.webhookBodyLimit === undefined ? undefined : Number(merged.webhookBodyLimit),
    sqliteWriterThread: merged.sqliteWriterThread === undefined ? undefined : text('sqliteWriterThread') === 'true',
  };
}

/** JSM Operations acts with a site, an account and its token: one without the others is a mistake, not "off". */
const JSM_CREDENTIALS: SettingKey[] = ['jsmCloudId', 'jsmEmail', 'jsmApiToken'];

function requireTogether(
  keys: SettingKey[],
  merged: ParsedSettings,
  fromEnv: ParsedSettings,
  configFile: string | undefined
): void {
  const set = keys.filter((key) => merged[key] !== undefined);
  const missing = keys.find((key) => merged[key] === undefined);
  if (set.length === 0 || missing === undefined) return;
  // Named as the operator would write it where the others were written.
  const file = configFile === undefined || set.some((key) => fromEnv[key] !== undefined) ? ENVIRONMENT : configFile;
  const name = (key: SettingKey) => (file === ENVIRONMENT ? (byKey.get(key)?.env ?? key) : key);
  throw new ConfigError(name(missing), file, `required with ${set.map(name).join(', ')}`);
}

export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

function readEnvironment(env: NodeJS.ProcessEnv): RawSettings {
  const raw: RawSettings = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('OPSDECK_') || name === CONFIG_FILE_ENV) {
      continue;
    }
    const spec = byEnv.get(name);
    if (!spec) {
      const known = [CONFIG_FILE_ENV, ...SETTINGS.map((s) => s.env)].join(', ');
      throw new ConfigError(name, ENVIRONMENT, `unknown setting (known: ${known})`);
    }
    // An empty variable (e.g. `OPSDECK_API_TOKEN=` from a compose default) means "not set".
    if (value !== undefined && value !== '') {
      raw[spec.key] = value;
    }
  }
  return raw;
}

function readYamlFile(file: string): RawSettings {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      CONFIG_FILE_ENV,
      file,
      `cannot read the config file (${(error as NodeJS.ErrnoException).code})`
    );
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    const firstLine = (error as Error).message.split('\n')[0];
    throw new ConfigError(CONFIG_FILE_ENV, file, `not valid YAML: ${firstLine}`);
  }
  if (document === null || document === undefined) {
    return {};
  }
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ConfigError(CONFIG_FILE_ENV, file, 'expected a mapping of settings at the top level');
  }
  return document as RawSettings;
}

function validate(raw: RawSettings, file: string, displayKey: (key: string) => string): ParsedSettings {
  const result = settingsSchema.safeParse(raw);
  if (result.success) {
    return result.data;
  }
  const issue = result.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const known = SETTINGS.map((spec) => displayKey(spec.key)).join(', ');
    throw new ConfigError(displayKey(issue.keys[0]), file, `unknown setting (known: ${known})`);
  }
  const key = String(issue.path[0]);
  const spec = byKey.get(key);
  throw new ConfigError(
    displayKey(key),
    file,
    `expected ${spec?.expected ?? 'a valid value'}, got ${describe(raw[key as SettingKey], key)}`
  );
}

/** Shows the bad value so the operator can spot the typo, except for the token, which is a secret. */
function describe(value: unknown, key: string): string {
  if (SECRET_SETTINGS.has(key as SettingKey)) {
    return 'a value that does not qualify (not shown: it is a secret)';
  }
  return JSON.stringify(value) ?? String(value);
}
