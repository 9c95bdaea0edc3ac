/**
 * The app's settings, all from CDK context: `-c key=value` on the command line (strings, JSON for lists and
 * objects), or the same keys with native values under "context" in infra/cdk.json. Every key is documented in
 * docs/aws-cdk.md; an unknown key or a bad value stops synthesis with one line naming the key.
 */
import path from 'node:path';
import { ALERT_SEVERITIES, type AlertSeverity } from '@opsdeck/contract';

/** The repository root (infra/ is one level below it). */
export const REPO_ROOT = path.resolve(__dirname, '../..');
export const DEFAULT_CATALOG = path.join(REPO_ROOT, 'provisioning/opsdeck/services.yaml');

/** Third-party integrations whose credentials the gateway stack keeps in Secrets Manager. */
export const INTEGRATIONS = ['pagerduty', 'opsgenie', 'jsm'] as const;
export type Integration = (typeof INTEGRATIONS)[number];

export interface Subscriptions {
  emails: string[];
  sms: string[];
}

export interface AlarmOverride {
  threshold?: number;
  severity?: AlertSeverity;
  enabled?: boolean;
}

export interface InfraConfig {
  /** Where the gateway, its database and the dashboards live. */
  account: string;
  region: string;
  catalogFile: string;
  /** A pushed gateway image; when absent the image is built from the repository's Dockerfile (target `gateway`). */
  gatewayImage?: string;
  /** The gateway's public base URL (custom domain, or the HTTP API's URL after the first deploy). */
  gatewayUrl?: string;
  desiredCount: number;
  maxCount: number;
  cpu: number;
  memoryMiB: number;
  natGateways: number;
  availabilityZones?: string[];
  vpcCidr: string;
  logRetentionDays: number;
  apiThrottle: { rateLimit: number; burstLimit: number };
  database: {
    minCapacity: number;
    maxCapacity: number;
    readers: number;
    engineVersion: string;
    deletionProtection: boolean;
  };
  cache: { nodeType: string; replicas: number; engineVersion: string };
  integrations: Integration[];
  /** Gateway setting (environment variable) → ARN of a secret that already holds its value. */
  existingSecrets: Record<string, string>;
  /** Further plain gateway settings, e.g. OPSDECK_ALERTMANAGER_URL. */
  environment: Record<string, string>;
  /** Grant the rollback write actions (docs/aws-setup.md §6) on the catalog's deploy targets. */
  rollback: boolean;
  /** Asked by the cross-account read roles' trust policy when set. */
  externalId?: string;
  alarmSubscriptions: Record<AlertSeverity, Subscriptions>;
  /** Alarm name → threshold, severity or `enabled: false`. */
  alarmOverrides: Record<string, AlarmOverride>;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly key: string,
    detail: string
  ) {
    super(`CDK context ${key}: ${detail}`);
  }
}

/** Context keys CDK itself or its CLI sets; passed through unread. */
const CDK_OWN = /^(aws:|@aws-cdk\/|cdk-|availability-zones:|aws-cdk:)/;

const KEYS = [
  'account',
  'region',
  'catalog',
  'gatewayImage',
  'gatewayUrl',
  'desiredCount',
  'maxCount',
  'cpu',
  'memoryMiB',
  'natGateways',
  'availabilityZones',
  'vpcCidr',
  'logRetentionDays',
  'apiThrottle',
  'database',
  'cache',
  'integrations',
  'existingSecrets',
  'environment',
  'rollback',
  'externalId',
  'alarmSubscriptions',
  'alarmOverrides',
] as const;

const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Fargate's CPU units and, for each, the memory (MiB) it accepts. */
const FARGATE_MEMORY: Record<number, [number, number, number]> = {
  256: [512, 2048, 1024],
  512: [1024, 4096, 1024],
  1024: [2048, 8192, 1024],
  2048: [4096, 16384, 1024],
  4096: [8192, 30720, 1024],
};

/** Settings the stacks set themselves: config may not override them through `environment`. */
export const MANAGED_ENV = [
  'OPSDECK_PORT',
  'OPSDECK_HOST',
  'OPSDECK_DATABASE',
  'OPSDECK_REDIS_URL',
  'OPSDECK_API_TOKEN',
  'OPSDECK_INGEST_TOKEN',
  'OPSDECK_WEBHOOK_TOKEN',
  'OPSDECK_AWS_ACCOUNTS',
  'OPSDECK_SNS_TOPIC_ARNS',
  'OPSDECK_ROLLBACK_IAM_ACTIONS',
  'OPSDECK_REPLICA_ID',
  'OPSDECK_PAGERDUTY_API_TOKEN',
  'OPSDECK_PAGERDUTY_WEBHOOK_SECRET',
  'OPSDECK_OPSGENIE_API_KEY',
  'OPSDECK_OPSGENIE_WEBHOOK_TOKEN',
  'OPSDECK_JSM_API_TOKEN',
  'OPSDECK_JSM_WEBHOOK_TOKEN',
] as const;

type Raw = Record<string, unknown>;

/**
 * Reads the settings from a context lookup (`(key) => app.node.tryGetContext(key)`) and the context keys present
 * (to refuse unknown ones). `env` supplies CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION, which the CDK CLI sets from
 * the credentials in use.
 */
export function readConfig(
  lookup: (key: string) => unknown,
  presentKeys: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env
): InfraConfig {
  for (const key of presentKeys) {
    if (!CDK_OWN.test(key) && !(KEYS as readonly string[]).includes(key)) {
      throw new ConfigError(key, `unknown key; the keys are ${KEYS.join(', ')}`);
    }
  }
  const get = (key: (typeof KEYS)[number]) => lookup(key);

  const account = optionalText(get('account'), 'account') ?? env.CDK_DEFAULT_ACCOUNT;
  const region = optionalText(get('region'), 'region') ?? env.CDK_DEFAULT_REGION;
  if (!account || !/^\d{12}$/.test(account)) {
    throw new ConfigError(
      'account',
      account
        ? 'expected a 12-digit AWS account id'
        : 'required: the account the gateway runs in (-c account=123456789012)'
    );
  }
  if (!region || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new ConfigError(
      'region',
      region
        ? 'expected an AWS region such as eu-west-1'
        : 'required: the region the gateway runs in (-c region=eu-west-1)'
    );
  }

  const catalog = optionalText(get('catalog'), 'catalog');
  const desiredCount = integer(get('desiredCount'), 'desiredCount', 2, { min: 2, max: 50 });
  const maxCount = integer(get('maxCount'), 'maxCount', Math.max(6, desiredCount), { min: desiredCount, max: 100 });
  const cpu = integer(get('cpu'), 'cpu', 512, {});
  const memoryRange = FARGATE_MEMORY[cpu];
  if (!memoryRange) throw new ConfigError('cpu', `expected one of ${Object.keys(FARGATE_MEMORY).join(', ')} CPU units`);
  const memoryMiB = integer(get('memoryMiB'), 'memoryMiB', memoryRange[0], {});
  const [minMemory, maxMemory, step] = memoryRange;
  if (memoryMiB < minMemory || memoryMiB > maxMemory || memoryMiB % step !== 0) {
    throw new ConfigError(
      'memoryMiB',
      `with ${cpu} CPU units Fargate takes ${minMemory} to ${maxMemory} MiB in steps of ${step}`
    );
  }
  const logRetentionDays = integer(get('logRetentionDays'), 'logRetentionDays', 30, {});
  if (!RETENTION_DAYS.includes(logRetentionDays)) {
    throw new ConfigError('logRetentionDays', `expected one of ${RETENTION_DAYS.join(', ')}`);
  }

  const throttle = object(get('apiThrottle'), 'apiThrottle', ['rateLimit', 'burstLimit']);
  const database = object(get('database'), 'database', [
    'minCapacity',
    'maxCapacity',
    'readers',
    'engineVersion',
    'deletionProtection',
  ]);
  const minCapacity = number(database.minCapacity, 'database.minCapacity', 0.5, { min: 0, max: 256 });
  const cache = object(get('cache'), 'cache', ['nodeType', 'replicas', 'engineVersion']);

  const integrations = textList(get('integrations'), 'integrations').map((name) => {
    if (!(INTEGRATIONS as readonly string[]).includes(name)) {
      throw new ConfigError('integrations', `unknown integration "${name}"; expected ${INTEGRATIONS.join(', ')}`);
    }
    return name as Integration;
  });

  const existingSecrets = textMap(get('existingSecrets'), 'existingSecrets');
  for (const [name, arn] of Object.entries(existingSecrets)) {
    if (!/^OPSDECK_[A-Z0-9_]+$/.test(name))
      throw new ConfigError(`existingSecrets.${name}`, 'expected a gateway setting name');
    if (!/^arn:aws[a-z-]*:secretsmanager:/.test(arn)) {
      throw new ConfigError(`existingSecrets.${name}`, 'expected the ARN of a Secrets Manager secret');
    }
  }
  const environment = textMap(get('environment'), 'environment');
  for (const name of Object.keys(environment)) {
    if (!/^OPSDECK_[A-Z0-9_]+$/.test(name))
      throw new ConfigError(`environment.${name}`, 'expected a gateway setting name (OPSDECK_…)');
    if ((MANAGED_ENV as readonly string[]).includes(name)) {
      throw new ConfigError(
        `environment.${name}`,
        'set by the stacks (a secret or derived from the catalog); see docs/aws-cdk.md'
      );
    }
  }

  const gatewayUrl = optionalText(get('gatewayUrl'), 'gatewayUrl');
  if (gatewayUrl !== undefined && !/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(gatewayUrl)) {
    throw new ConfigError(
      'gatewayUrl',
      'expected an https:// URL (SNS delivers to HTTPS endpoints with a public certificate)'
    );
  }

  const availabilityZones =
    get('availabilityZones') === undefined ? undefined : textList(get('availabilityZones'), 'availabilityZones');
  if (availabilityZones && availabilityZones.length < 2) {
    throw new ConfigError('availabilityZones', 'expected at least two zones: the replicas and the database span them');
  }

  return {
    account,
    region,
    catalogFile: catalog ? path.resolve(REPO_ROOT, catalog) : DEFAULT_CATALOG,
    gatewayImage: optionalText(get('gatewayImage'), 'gatewayImage'),
    gatewayUrl: gatewayUrl?.replace(/\/+$/, ''),
    desiredCount,
    maxCount,
    cpu,
    memoryMiB,
    natGateways: integer(get('natGateways'), 'natGateways', 2, { min: 1, max: 3 }),
    availabilityZones,
    vpcCidr: cidr(get('vpcCidr'), 'vpcCidr', '10.40.0.0/16'),
    logRetentionDays,
    apiThrottle: {
      rateLimit: number(throttle.rateLimit, 'apiThrottle.rateLimit', 100, { min: 1, max: 10_000 }),
      burstLimit: integer(throttle.burstLimit, 'apiThrottle.burstLimit', 200, { min: 1, max: 5_000 }),
    },
    database: {
      minCapacity,
      maxCapacity: number(database.maxCapacity, 'database.maxCapacity', 4, { min: Math.max(1, minCapacity), max: 256 }),
      readers: integer(database.readers, 'database.readers', 1, { min: 0, max: 15 }),
      engineVersion: optionalText(database.engineVersion, 'database.engineVersion') ?? '17.4',
      deletionProtection: flag(database.deletionProtection, 'database.deletionProtection', true),
    },
    cache: {
      nodeType: optionalText(cache.nodeType, 'cache.nodeType') ?? 'cache.t4g.small',
      replicas: integer(cache.replicas, 'cache.replicas', 1, { min: 1, max: 5 }),
      engineVersion: optionalText(cache.engineVersion, 'cache.engineVersion') ?? '8.0',
    },
    integrations,
    existingSecrets,
    environment,
    rollback: flag(get('rollback'), 'rollback', false),
    externalId: optionalText(get('externalId'), 'externalId'),
    alarmSubscriptions: subscriptions(get('alarmSubscriptions')),
    alarmOverrides: overrides(get('alarmOverrides')),
  };
}

/** Values given with `-c key=value` arrive as strings: JSON for lists, objects, numbers and booleans. */
function decoded(value: unknown, key: string): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (/^[[{]/.test(text) || /^(true|false|-?\d+(\.\d+)?)$/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      throw new ConfigError(key, 'not valid JSON');
    }
  }
  return value;
}

function optionalText(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(key, 'expected a non-empty string');
  return value.trim();
}

function number(value: unknown, key: string, fallback: number, range: { min?: number; max?: number }): number {
  const v = decoded(value, key);
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ConfigError(key, 'expected a number');
  if (range.min !== undefined && v < range.min) throw new ConfigError(key, `expected at least ${range.min}`);
  if (range.max !== undefined && v > range.max) throw new ConfigError(key, `expected at most ${range.max}`);
  return v;
}

function integer(value: unknown, key: string, fallback: number, range: { min?: number; max?: number }): number {
  const v = number(value, key, fallback, range);
  if (!Number.isInteger(v)) throw new ConfigError(key, 'expected a whole number');
  return v;
}

function flag(value: unknown, key: string, fallback: boolean): boolean {
  const v = decoded(value, key);
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v !== 'boolean') throw new ConfigError(key, 'expected true or false');
  return v;
}

/** An object; with `allowed`, only those keys. */
function object(value: unknown, key: string, allowed?: readonly string[]): Raw {
  const v = decoded(value, key);
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(key, 'expected an object');
  for (const inner of Object.keys(v)) {
    if (allowed && !allowed.includes(inner)) {
      throw new ConfigError(`${key}.${inner}`, `unknown key; expected ${allowed.join(', ')}`);
    }
  }
  return v as Raw;
}

function textList(value: unknown, key: string): string[] {
  const v = decoded(value, key);
  if (v === undefined || v === null) return [];
  const list =
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : v;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item.trim() === '')) {
    throw new ConfigError(key, 'expected a list of strings');
  }
  return list.map((item: string) => item.trim());
}

function textMap(value: unknown, key: string): Record<string, string> {
  const entries = Object.entries(object(value, key));
  for (const [name, item] of entries) {
    if (typeof item !== 'string' || item === '') throw new ConfigError(`${key}.${name}`, 'expected a non-empty string');
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function cidr(value: unknown, key: string, fallback: string): string {
  const text = optionalText(value, key) ?? fallback;
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (
    !match ||
    match.slice(1, 5).some((octet) => Number(octet) > 255) ||
    Number(match[5]) < 16 ||
    Number(match[5]) > 20
  ) {
    throw new ConfigError(key, 'expected an IPv4 CIDR block from /16 to /20, e.g. 10.40.0.0/16');
  }
  return text;
}

function subscriptions(value: unknown): Record<AlertSeverity, Subscriptions> {
  const raw = object(value, 'alarmSubscriptions', ALERT_SEVERITIES);
  const result = {} as Record<AlertSeverity, Subscriptions>;
  for (const severity of ALERT_SEVERITIES) {
    const key = `alarmSubscriptions.${severity}`;
    const entry = object(raw[severity], key, ['emails', 'sms']);
    const emails = textList(entry.emails, `${key}.emails`);
    const sms = textList(entry.sms, `${key}.sms`);
    for (const email of emails) {
      if (!/^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(email))
        throw new ConfigError(`${key}.emails`, `"${email}" is not an email address`);
    }
    for (const phone of sms) {
      if (!/^\+[1-9]\d{6,14}$/.test(phone))
        throw new ConfigError(`${key}.sms`, `"${phone}" is not an E.164 phone number (+4915…)`);
    }
    result[severity] = { emails, sms };
  }
  return result;
}

function overrides(value: unknown): Record<string, AlarmOverride> {
  const result: Record<string, AlarmOverride> = {};
  for (const [name, entry] of Object.entries(object(value, 'alarmOverrides'))) {
    const key = `alarmOverrides.${name}`;
    const item = object(entry, key, ['threshold', 'severity', 'enabled']);
    const override: AlarmOverride = {};
    if (item.threshold !== undefined) override.threshold = number(item.threshold, `${key}.threshold`, 0, {});
    if (item.severity !== undefined) {
      if (!(ALERT_SEVERITIES as readonly unknown[]).includes(item.severity)) {
        throw new ConfigError(`${key}.severity`, `expected ${ALERT_SEVERITIES.join(', ')}`);
      }
      override.severity = item.severity as AlertSeverity;
    }
    if (item.enabled !== undefined) override.enabled = flag(item.enabled, `${key}.enabled`, true);
    result[name] = override;
  }
  return result;
}

/** The settings of a CDK app: its context, with CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION as fallbacks. */
export function configFromApp(app: {
  node: { tryGetContext(key: string): unknown; getAllContext(): Record<string, unknown> };
}): InfraConfig {
  return readConfig((key) => app.node.tryGetContext(key), Object.keys(app.node.getAllContext()));
}
