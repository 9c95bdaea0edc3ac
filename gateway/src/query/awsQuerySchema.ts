import { z } from 'zod';
import {
  COST_GROUP_BY,
  COST_VIEWS,
  INFRA_METRICS,
  INFRA_RESOURCES,
  RAW_METRIC_STATISTICS,
  type InfraResource,
} from '@opsdeck/contract';
import { LONGEST_RANGE_DAYS } from '../time/rangeLimits';

const ALL_INFRA_METRICS = [...new Set(Object.values(INFRA_METRICS).flat())] as [string, ...string[]];
/** CloudWatch names: namespace "AWS/EC2", metric names, dimension names and values (up to 255 characters). */
const cloudWatchName = z
  .string({ error: 'expected a string' })
  .trim()
  .min(1, { error: 'expected a non-empty name' })
  .max(255);
const PERCENTILE = /^p\d{1,2}(\.\d+)?$/;
/** A period longer than the longest range would never hold a whole point. */
const MAX_PERIOD_S = LONGEST_RANGE_DAYS * 86_400;
const PERIOD_EXPECTED = `expected seconds, a multiple of 60, at most ${MAX_PERIOD_S}`;

/** Fields of the infrastructure, cost, raw_metric and upstream_spend query types, spread into the query schema. */
export const awsQueryFields = {
  resource: z.enum(INFRA_RESOURCES, { error: `expected one of ${INFRA_RESOURCES.join(', ')}` }).optional(),
  infraMetric: z.enum(ALL_INFRA_METRICS, { error: 'expected an infrastructure metric' }).optional(),
  costView: z.enum(COST_VIEWS, { error: `expected one of ${COST_VIEWS.join(', ')}` }).optional(),
  costGroupBy: z.enum(COST_GROUP_BY, { error: `expected ${COST_GROUP_BY.join(' or ')}` }).optional(),
  topN: z
    .number({ error: 'expected a whole number from 1 to 50' })
    .int({ error: 'expected a whole number from 1 to 50' })
    .min(1, { error: 'expected a whole number from 1 to 50' })
    .max(50, { error: 'expected a whole number from 1 to 50' })
    .optional(),
  namespace: cloudWatchName.optional(),
  metricName: cloudWatchName.optional(),
  // CloudWatch accepts up to 30 dimensions per metric.
  dimensions: z
    .record(cloudWatchName, cloudWatchName, { error: 'expected an object of dimension name → value' })
    .refine((d) => Object.keys(d).length <= 30, { error: 'expected at most 30 dimensions' })
    .optional(),
  statistic: z
    .string({ error: 'expected a string' })
    .refine((s) => (RAW_METRIC_STATISTICS as readonly string[]).includes(s) || PERCENTILE.test(s), {
      error: `expected one of ${RAW_METRIC_STATISTICS.join(', ')} or a percentile such as p99`,
    })
    .optional(),
  period: z
    .number({ error: PERIOD_EXPECTED })
    .int({ error: PERIOD_EXPECTED })
    .positive({ error: PERIOD_EXPECTED })
    .max(MAX_PERIOD_S, { error: PERIOD_EXPECTED })
    .refine((p) => p % 60 === 0, { error: PERIOD_EXPECTED })
    .optional(),
  account: z
    .string({ error: 'expected a 12-digit AWS account id' })
    .regex(/^\d{12}$/, { error: 'expected a 12-digit AWS account id' })
    .optional(),
};

interface AwsQueryFields {
  queryType: string;
  resource?: InfraResource;
  infraMetric?: string;
  costView?: string;
  namespace?: string;
  metricName?: string;
}

/** Cross-field rules: what each new query type requires; every message names the field at fault. */
export function refineAwsQuery(query: AwsQueryFields, context: z.RefinementCtx): void {
  const require = (field: keyof AwsQueryFields, why: string) => {
    if (!query[field]) context.addIssue({ code: 'custom', path: [field], message: `required for ${why}` });
  };
  if (query.queryType === 'infrastructure') {
    require('resource', 'infrastructure queries');
    require('infraMetric', 'infrastructure queries');
    const allowed: readonly string[] | undefined = query.resource ? INFRA_METRICS[query.resource] : undefined;
    if (allowed && query.infraMetric && !allowed.includes(query.infraMetric)) {
      context.addIssue({
        code: 'custom',
        path: ['infraMetric'],
        message: `expected one of ${allowed.join(', ')} for resource ${query.resource}`,
      });
    }
  }
  if (query.queryType === 'cost') require('costView', 'cost queries');
  if (query.queryType === 'raw_metric') {
    require('namespace', 'raw_metric queries');
    require('metricName', 'raw_metric queries');
  }
}
