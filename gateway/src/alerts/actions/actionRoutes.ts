/**
 * POST /api/alerts/:id/{acknowledge,resolve,snooze,escalate,notes,reassign,severity}, the same under
 * /api/incidents/:id/, and POST /api/alerts/bulk-acknowledge. All behind the write guard; the acting user is
 * X-Grafana-User.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ALERT_SEVERITIES,
  BULK_ACKNOWLEDGE_PATH,
  type ActionFailedResponse,
  type ActionResult,
  type ActionTargetKind,
  type BulkAcknowledgeResponse,
} from '@opsdeck/contract';
import type { ActionService } from './actionService';
import type { IdempotencyStore } from './idempotency';
import { userOf, withIdempotency } from './idempotentRoute';
import type { AnyActionSpec } from '../../upstream/incidentActions';

export interface ActionRouteDeps {
  actions: ActionService;
  idempotency: IdempotencyStore;
  clock: () => number;
}

const MAX_BULK = 200;
const comment = z.string().max(2000).optional();
const SPEC_SCHEMAS = {
  acknowledge: z.object({ comment }).strict(),
  resolve: z.object({ comment }).strict(),
  snooze: z.object({ until: z.number().int().positive() }).strict(),
  escalate: z
    .object({
      level: z.number().int().min(1).max(20).optional(),
      escalation: z.string().trim().min(1).max(200).optional(),
      reason: z.string().max(2000).optional(),
    })
    .strict(),
  notes: z.object({ text: z.string().trim().min(1).max(10_000) }).strict(),
  reassign: z.object({ assignee: z.string().trim().min(1).max(200), reason: comment }).strict(),
  severity: z.object({ severity: z.enum(ALERT_SEVERITIES), reason: comment }).strict(),
} as const;
type Segment = keyof typeof SPEC_SCHEMAS;
const bulkSchema = z.object({ alertIds: z.array(z.string().min(1)).min(1).max(MAX_BULK) }).strict();

export function actionRoutes(app: FastifyInstance, deps: ActionRouteDeps): void {
  const guard = { preHandler: app.requireWriteRoute };
  for (const kind of ['alert', 'incident'] as const) {
    for (const segment of Object.keys(SPEC_SCHEMAS) as Segment[]) {
      app.post<{ Params: { id: string } }>(`/api/${kind}s/:id/${segment}`, guard, async (request, reply) => {
        const spec = parseSpec(segment, request.body, deps.clock());
        if ('error' in spec) return reply.code(400).send(spec);
        return withIdempotency(deps, request, reply, () =>
          deps.actions.perform(kind, request.params.id, spec, userOf(request))
        );
      });
    }
  }

  app.post(BULK_ACKNOWLEDGE_PATH, guard, async (request, reply) => {
    const parsed = bulkSchema.safeParse(request.body ?? {});
    if (!parsed.success)
      return reply.code(400).send({ error: `alertIds: ${parsed.error.issues[0].message}`, field: 'alertIds' });
    return withIdempotency(deps, request, reply, async () => {
      const results: ActionResult[] = [];
      // One at a time: upstream rate limits are per account, and the order of the audit log follows the request.
      for (const id of [...new Set(parsed.data.alertIds)]) {
        const answer = await deps.actions.perform('alert', id, { action: 'acknowledge' }, userOf(request));
        results.push(resultOf(answer.body, id, userOf(request), deps.clock()));
      }
      const done = results.filter((r) => r.outcome === 'done').length;
      const body: BulkAcknowledgeResponse = { results, done, failed: results.length - done };
      return { status: 200, body };
    });
  });
}

function parseSpec(segment: Segment, body: unknown, now: number): AnyActionSpec | { error: string; field?: string } {
  const parsed = SPEC_SCHEMAS[segment].safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'body';
    return { error: `${field}: ${issue.message}`, field };
  }
  const data = parsed.data as Record<string, unknown>;
  if (segment === 'snooze' && (data.until as number) <= now)
    return { error: 'until: must be in the future', field: 'until' };
  const action = segment === 'notes' ? 'note' : segment;
  return { action, ...data } as AnyActionSpec;
}

/** A bulk item's result whatever the answer was (404s become failed results naming the id). */
function resultOf(body: unknown, id: string, user: string, at: number): ActionResult {
  const failed = body as Partial<ActionFailedResponse>;
  if (failed.result) return failed.result;
  if ((body as ActionResult).outcome) return body as ActionResult;
  const target: ActionTargetKind = 'alert';
  return {
    action: 'acknowledge',
    target,
    targetId: id,
    outcome: 'failed',
    provider: 'opsdeck',
    message: (body as { error?: string }).error ?? 'unknown error',
    user,
    at,
    auditId: 0,
  };
}
