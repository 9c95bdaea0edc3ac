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

export class AwsConfigError extends Error {
  constructor(
    message: string,
    readonly field: string
  ) {
    super(message);
    this.name = 'AwsConfigError';
  }
}

/**
 * Reads the AWS source config from the environment:
 * - OPSDECK_AWS_ACCOUNTS: JSON, e.g. [{"id":"111111111111","regions":["eu-west-1"],"roleArn":"arn:aws:iam::…"}]
 * - OPSDECK_AWS_ENDPOINT_CLOUDWATCH / _COSTEXPLORER / _AUTOSCALING / _LOGS / _STS: endpoint overrides
 * - OPSDECK_AWS_REFRESH_WINDOW_MS, OPSDECK_AWS_COST_CACHE_MS, OPSDECK_AWS_COST_TAG
 * Returns undefined when no accounts are configured (the gateway then stays in demo mode).
 */
export function awsConfigFromEnv(env: NodeJS.ProcessEnv): AwsSourceConfig | undefined {
  const rawAccounts = env.OPSDECK_AWS_ACCOUNTS;
  if (!rawAccounts) return undefined;
  let accounts: unknown;
  try {
    accounts = JSON.parse(rawAccounts);
  } catch {
    throw new AwsConfigError('OPSDECK_AWS_ACCOUNTS is not valid JSON', 'OPSDECK_AWS_ACCOUNTS');
  }
  const number = (name: string) => (env[name] === undefined ? undefined : Number(env[name]));
  const parsed = awsSourceConfigSchema.safeParse({
    accounts,
    endpoints: {
      cloudwatch: env.OPSDECK_AWS_ENDPOINT_CLOUDWATCH,
      costExplorer: env.OPSDECK_AWS_ENDPOINT_COSTEXPLORER,
      autoScaling: env.OPSDECK_AWS_ENDPOINT_AUTOSCALING,
      logs: env.OPSDECK_AWS_ENDPOINT_LOGS,
      sts: env.OPSDECK_AWS_ENDPOINT_STS,
    },
    refreshWindowMs: number('OPSDECK_AWS_REFRESH_WINDOW_MS'),
    costCacheMs: number('OPSDECK_AWS_COST_CACHE_MS'),
    costAllocationTagKey: env.OPSDECK_AWS_COST_TAG,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    throw new AwsConfigError(`AWS config: ${field}: ${issue.message}`, field);
  }
  return parsed.data;
}
