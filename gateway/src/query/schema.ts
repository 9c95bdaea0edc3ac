import { z } from 'zod';
import { EVENT_KINDS, QUERY_TYPES, SERVICE_METRICS } from '@opsdeck/contract';
import { EARLIEST_EPOCH_MS, LATEST_EPOCH_MS } from '../time/epoch';
import { epochMsSchema, wholeNumberSchema } from '../time/epochSchema';
import { MAX_POINTS_PER_SERIES } from '../time/steps';
import { alertQueryFields } from './alertQuerySchema';
import { awsQueryFields, refineAwsQuery } from './awsQuerySchema';
import { deploymentQueryFields } from './deploymentQueryFields';
import { sloQueryFields } from './sloQueryFields';

export const MAX_DATA_POINTS = MAX_POINTS_PER_SERIES;
export const MAX_QUERIES = 50;

/**
 * The envelope of POST /api/query. Wrong here means the whole body is unusable: answered with 400. Times and
 * counts are whole, safe and in range before anything loops over them (time/epoch.ts).
 */
export const queryRequestSchema = z.object({
  range: z
    .object({ from: epochMsSchema(), to: epochMsSchema() }, { error: 'expected {from, to} in epoch milliseconds' })
    .refine((range) => range.from < range.to, { error: 'expected from < to', path: ['to'] }),
  // A step wider than the widest range there is would still be one point: any longer is a mistake.
  intervalMs: wholeNumberSchema({ min: 1, max: LATEST_EPOCH_MS - EARLIEST_EPOCH_MS }).optional(),
  maxDataPoints: wholeNumberSchema({ min: 1, max: MAX_DATA_POINTS }).optional(),
  queries: z
    .array(
      // Only the refId is checked here: it is where per-query errors are reported.
      z.looseObject({
        refId: z.string({ error: 'expected a string' }).min(1, { error: 'expected a non-empty string' }).max(100),
      }),
      { error: 'expected a list of queries' }
    )
    .min(1, { error: 'expected at least one query' })
    .max(MAX_QUERIES, { error: `expected at most ${MAX_QUERIES} queries` }),
});

const filter = z.string({ error: 'expected a string' }).max(2000).optional();

/** One query. Unknown keys (Grafana adds `datasource`, `key`…) are ignored, not errors. */
export const querySchema = z
  .object({
    refId: z.string(),
    queryType: z.enum(QUERY_TYPES, { error: `expected one of ${QUERY_TYPES.join(', ')}` }),
    service: filter,
    team: filter,
    region: filter,
    metric: z.enum(SERVICE_METRICS, { error: `expected one of ${SERVICE_METRICS.join(', ')}` }).optional(),
    eventKinds: z.array(z.enum(EVENT_KINDS, { error: `expected ${EVENT_KINDS.join(' or ')}` })).optional(),
    hide: z.boolean().optional(),
    ...alertQueryFields,
    ...awsQueryFields,
    ...deploymentQueryFields,
    ...sloQueryFields,
  })
  .superRefine((query, context) => {
    refineAwsQuery(query, context);
    if (query.queryType === 'service_metric' && !query.metric) {
      context.addIssue({ code: 'custom', path: ['metric'], message: 'required for service_metric queries' });
    }
  });

export type ValidQuery = z.infer<typeof querySchema>;
export type ValidQueryRequest = z.infer<typeof queryRequestSchema>;

/** `queries[1].metric` from a zod issue path. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}
