import { z } from 'zod';
import { objectiveSchema } from '../slo/objective';

// Strict objects everywhere: a misspelt key in the catalog (e.g. `rdsInstanse`) would otherwise silently drop a
// resource and its metrics.
const text = z.string().trim().min(1, { error: 'expected a non-empty string' });

const awsSchema = z.strictObject({
  account: z
    .string({ error: 'expected a 12-digit AWS account id (quote it in YAML)' })
    .regex(/^\d{12}$/, { error: 'expected a 12-digit AWS account id (quote it in YAML)' })
    .optional(),
  region: z
    .string({ error: 'expected an AWS region such as eu-west-1' })
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'expected an AWS region such as eu-west-1' })
    .optional(),
  autoScalingGroup: text.optional(),
  rdsInstance: text.optional(),
  cacheCluster: text.optional(),
  lambdaFunction: text.optional(),
  loadBalancer: text.optional(),
  targetGroup: text.optional(),
  apiGateway: text.optional(),
  dbPoolSize: z
    .number({ error: 'expected a whole number of connections' })
    .int({ error: 'expected a whole number of connections' })
    .positive({ error: 'expected a whole number of connections' })
    .optional(),
});

const sloSchema = z.strictObject({
  availability: z
    .number({ error: 'expected a number between 0 and 1, e.g. 0.999' })
    .gt(0, { error: 'expected a number between 0 and 1, e.g. 0.999' })
    .lt(1, { error: 'expected a number between 0 and 1, e.g. 0.999' })
    .optional(),
  latencyP99Ms: z
    .number({ error: 'expected milliseconds' })
    .positive({ error: 'expected milliseconds > 0' })
    .optional(),
  /** The full form: a list of objectives, each an SLI, a target and a rolling window (see docs/slo.md). */
  objectives: z
    .array(objectiveSchema, { error: 'expected a list of objectives' })
    .min(1, { error: 'expected at least one objective' })
    .optional(),
});

const RUNBOOK_URL_ERROR = 'expected an http(s) URL or a Grafana path starting with /';

/**
 * A runbook link: an http(s) URL, or a path of the Grafana the app runs in (`/a/opsdeck-sre-app/playbooks#<service>`,
 * the bundled playbooks), which the app opens in place. `//host/…` is another host, not a path, and is refused.
 */
function isRunbookUrl(value: string): boolean {
  if (value.startsWith('/')) return !value.startsWith('//') && !/[\s\\]/.test(value);
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

export const serviceSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a lower-case name of letters, digits and dashes' }),
  displayName: text.optional(),
  team: text,
  tier: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'expected 1, 2 or 3' }),
  owners: z.array(text, { error: 'expected a list of owners' }).min(1, { error: 'expected at least one owner' }),
  description: text.optional(),
  pagerdutyServiceId: text.optional(),
  aws: awsSchema.default({}),
  costAllocationTag: z.strictObject({ key: text, value: text }).optional(),
  slo: sloSchema.default({}),
  deployTarget: z
    .strictObject({
      kind: z.enum(['codedeploy', 'codepipeline', 'lambda', 'ecs', 'none'], {
        error: 'expected one of codedeploy, codepipeline, lambda, ecs, none',
      }),
      name: text.optional(),
    })
    .optional(),
  runbookUrl: z.string({ error: RUNBOOK_URL_ERROR }).refine(isRunbookUrl, { error: RUNBOOK_URL_ERROR }).optional(),
  dependsOn: z.array(text).optional(),
});

/** An IANA time zone name the runtime knows, e.g. Europe/Berlin. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Per-team settings: the time zone its business, off and sleep hours are counted in (alert fatigue). */
export const teamSchema = z.strictObject({
  name: text,
  timeZone: text.refine(isTimeZone, { error: 'expected an IANA time zone such as Europe/Berlin or America/New_York' }),
});

export const catalogFileSchema = z.strictObject({
  services: z
    .array(serviceSchema, { error: 'expected a list of services' })
    .min(1, { error: 'expected at least one service' }),
  teams: z.array(teamSchema, { error: 'expected a list of teams' }).optional(),
});
