import { z } from 'zod';
import { EVENT_KINDS, QUERY_TYPES, SERVICE_METRICS } from '@/contract';
import { alertQueryFields } from './alertQuerySchema';
import { awsQueryFields, refineAwsQuery } from './awsQuerySchema';
import { deploymentQueryFields } from './deploymentQueryFields';

/** Prometheus refuses more than 11,000 points per series; the same ceiling keeps one query's work bounded. */
export const MAX_DATA_POINTS = 11_000;
export const MAX_QUERIES = 50;

const finiteNumber = z
  .number({ error: 'expected a number' })
  .refine(Number.isFinite, { error: 'expected a finite number' });

/** The envelope of POST /api/query. Wrong here means the whole body is unusable: answered with 400. */
export const queryRequestSchema = z.object({
  range: z
    .object({ from: finiteNumber, to: finiteNumber }, { error: 'expected {from, to} in epoch milliseconds' })
    .refine((range) => range.from < range.to, { error: 'expected from < to', path: ['to'] }),
  intervalMs: finiteNumber.pipe(z.number().positive({ error: 'expected a positive number' })).optional(),
  maxDataPoints: z
    .number({ error: 'expected a whole number' })
    .int({ error: 'expected a whole number' })
    .positive({ error: 'expected a positive number' })
    .max(MAX_DATA_POINTS, { error: `expected at most ${MAX_DATA_POINTS}` })
    .optional(),
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
