/**
 * Where Opsdeck reads AWS: which accounts, which regions, optional AssumeRole per account, and endpoint overrides
 * (used by tests against the protocol fakes, or for VPC endpoints). Credentials themselves come from the SDK's
 * default provider chain (env, shared profile/SSO, container or instance role), never from this config.
 */
import { z } from 'zod';

const accountSchema = z.object({
  id: z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits'),
  regions: z.array(z.string().min(1)).min(1),
  /** Role to assume in this account (cross-account setups); omitted = use the base credentials as they are. */
  roleArn: z.string().startsWith('arn:').optional(),
  externalId: z.string().optional(),
});

const endpointsSchema = z.object({
  cloudwatch: z.url().optional(),
  costExplorer: z.url().optional(),
  autoScaling: z.url().optional(),
  logs: z.url().optional(),
  sts: z.url().optional(),
});

export const awsSourceConfigSchema = z.object({
  accounts: z.array(accountSchema).min(1),
  endpoints: endpointsSchema.default({}),
  /** Requests arriving within this window are merged into shared GetMetricData calls. */
  refreshWindowMs: z.number().int().min(0).max(5000).default(50),
  /** Cost Explorer data changes at most ~3 times a day and each request costs $0.01. */
  costCacheMs: z
    .number()
    .int()
    .min(0)
    .default(6 * 3_600_000),
  /** Cost allocation tag used to split cost per catalog service; without it cost is grouped by AWS SERVICE. */
  costAllocationTagKey: z.string().optional(),
});

export type AwsAccountConfig = z.infer<typeof accountSchema>;
export type AwsEndpoints = z.infer<typeof endpointsSchema>;
export type AwsSourceConfig = z.infer<typeof awsSourceConfigSchema>;

/**
 * OPSDECK_AWS_ACCOUNTS / `awsAccounts:`: a YAML list, or the same list as JSON text in the environment. Validated
 * whole here so the config loader's error names the key and the file; kept as JSON text because settings are
 * strings or numbers.
 */
export const awsAccountsSetting = z
  .union([z.string(), z.array(z.unknown())])
  .transform((value, context) => {
    let parsed: unknown = value;
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value);
      } catch {
        context.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    }
    const accounts = z.array(accountSchema).min(1).safeParse(parsed);
    if (!accounts.success) {
      context.addIssue({ code: 'custom', message: accounts.error.issues[0].message });
      return z.NEVER;
    }
    return JSON.stringify(accounts.data);
  });

/** The AWS settings as loaded (config/types.ts AwsSettings): accounts as validated JSON text. */
export interface AwsSettingsInput {
  awsAccounts?: string;
  awsEndpointCloudwatch?: string;
  awsEndpointCostExplorer?: string;
  awsEndpointAutoScaling?: string;
  awsEndpointLogs?: string;
  awsEndpointSts?: string;
  awsRefreshWindowMs?: number;
  awsCostCacheMs?: number;
  awsCostTag?: string;
}

/** The AWS source config, or undefined when no accounts are configured (the gateway then serves the demo fleet). */
export function awsConfigFromSettings(settings: AwsSettingsInput): AwsSourceConfig | undefined {
  if (!settings.awsAccounts) return undefined;
  return awsSourceConfigSchema.parse({
    accounts: JSON.parse(settings.awsAccounts),
    endpoints: {
      cloudwatch: settings.awsEndpointCloudwatch,
      costExplorer: settings.awsEndpointCostExplorer,
      autoScaling: settings.awsEndpointAutoScaling,
      logs: settings.awsEndpointLogs,
      sts: settings.awsEndpointSts,
    },
    refreshWindowMs: settings.awsRefreshWindowMs,
    costCacheMs: settings.awsCostCacheMs,
    costAllocationTagKey: settings.awsCostTag,
  });
}
