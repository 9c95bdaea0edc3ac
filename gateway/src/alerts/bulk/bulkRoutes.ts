/**
 * POST /api/alerts/bulk (write route) starts a bulk action by filter and answers 202 with the job; GET
 * /api/alerts/bulk/:id follows it. An Idempotency-Key makes a retried POST answer the first job instead of a second.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ALERT_BULK_PATH,
  BULK_ACTIONS,
  LABEL_FILTER_PREFIX,
  type AlertBulkMismatch,
  type AlertBulkRequest,
  type AlertBulkResponse,
  type ApiError,
} from '@opsdeck/contract';
import type { ActionSpec } from '../../upstream/incidentActions';
import type { IdempotencyStore } from '../actions/idempotency';
import { userOf, withIdempotency } from '../actions/idempotentRoute';
import { alertFilters } from '../listFilters';
import { MAX_RUNNING_JOBS, type BulkJobs } from './bulkJobs';

export interface BulkRouteDeps {
  jobs: BulkJobs;
  idempotency: IdempotencyStore;
  clock: () => number;
}

const text = z.string().max(2000);
const FILTER_KEYS = new Set(['service', 'team', 'severity', 'source', 'status', 'alertname', 'groupKey']);
const bulkSchema = z
  .object({
    action: z.enum(BULK_ACTIONS),
    filter: z
      .record(z.string().max(300), text)
      .refine(
        (filter) => Object.keys(filter).every((key) => FILTER_KEYS.has(key) || key.startsWith(LABEL_FILTER_PREFIX)),
        {
          error: `keys are ${[...FILTER_KEYS].join(', ')} or ${LABEL_FILTER_PREFIX}<name>`,
        }
      ),
    until: z.number().int().positive().optional(),
    comment: text.optional(),
    expected: z.number().int().min(0).optional(),
  })
  .strict();

export function bulkRoutes(app: FastifyInstance, deps: BulkRouteDeps): void {
  app.post(ALERT_BULK_PATH, { preHandler: app.requireWriteRoute }, async (request, reply) => {
    const parsed = bulkSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || 'body';
      return reply.code(400).send({ error: `${field}: ${issue.message}`, field } satisfies ApiError);
    }
    const body = parsed.data as AlertBulkRequest;
    const spec = specOf(body, deps.clock());
    if ('error' in spec) return reply.code(400).send(spec);
    // Bad filters are refused by name (FilterError → 400) before anything is acted upon.
    const filters = alertFilters(body.filter);
    return withIdempotency(deps, request, reply, async () => {
      const started = await deps.jobs.start(body, filters, spec, userOf(request));
      if (started.kind === 'busy') {
        return {
          status: 429,
          body: { error: `${MAX_RUNNING_JOBS} bulk actions are already running; try again when one ends` },
        };
      }
      if (started.kind === 'mismatch') {
        const mismatch: AlertBulkMismatch = {
          error: `${started.matching} alerts match now, more than the ${body.expected} expected: review and try again`,
          field: 'expected',
          matching: started.matching,
        };
        return { status: 409, body: mismatch };
      }
      return { status: 202, body: { job: started.job } satisfies AlertBulkResponse };
    });
  });

  app.get<{ Params: { id: string } }>(`${ALERT_BULK_PATH}/:id`, async (request, reply) => {
    const job = await deps.jobs.get(request.params.id);
    if (!job) return reply.code(404).send({ error: `no bulk action with id ${request.params.id}` } satisfies ApiError);
    return { job } satisfies AlertBulkResponse;
  });
}

function specOf(body: AlertBulkRequest, now: number): ActionSpec | ApiError {
  switch (body.action) {
    case 'snooze':
      if (body.until === undefined) return { error: 'until: required to snooze', field: 'until' };
      if (body.until <= now) return { error: 'until: must be in the future', field: 'until' };
      return { action: 'snooze', until: body.until };
    default:
      if (body.until !== undefined) return { error: `until: only for snooze`, field: 'until' };
      return { action: body.action, ...(body.comment ? { comment: body.comment } : {}) };
  }
}
