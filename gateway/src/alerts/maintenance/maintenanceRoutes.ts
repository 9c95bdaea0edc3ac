/**
 * GET /api/maintenance, GET /api/maintenance/stale (read route); POST /api/maintenance, POST …/:id/extend,
 * POST …/:id/end (write route, honouring Idempotency-Key). The creator/ender is X-Grafana-User.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  MAINTENANCE_PATH,
  MAINTENANCE_STALE_PATH,
  MAINTENANCE_STATES,
  type MaintenanceListResponse,
  type MaintenanceState,
  type StaleMaintenanceResponse,
} from '@opsdeck/contract';
import type { StoredAnswer } from '../actions/idempotency';
import { type IdempotencyDeps, userOf, withIdempotency } from '../actions/idempotentRoute';
import { epochMsSchema } from '../../time/epochSchema';
import { MaintenanceError, type MaintenanceService } from './maintenanceService';

// Whole epoch ms in 1970–2100 (time/epoch.ts): occurrence loops and reminders walk from these.
const epochMs = epochMsSchema();
const createSchema = z
  .object({
    services: z.array(z.string().min(1)).max(100).optional(),
    teams: z.array(z.string().min(1)).max(50).optional(),
    reason: z.string().trim().min(1).max(2000),
    startsAt: epochMs.optional(),
    endsAt: epochMs,
    recurrence: z
      .object({
        daysOfWeek: z.array(z.number().int().min(0).max(6)).min(1).max(7),
        startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
        durationMinutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60),
      })
      .strict()
      .optional(),
  })
  .strict();
const extendSchema = z.object({ endsAt: epochMs }).strict();

export function maintenanceRoutes(app: FastifyInstance, service: MaintenanceService, deps: IdempotencyDeps): void {
  const guard = { preHandler: app.requireWriteRoute };
  // MaintenanceWindow has no `replayed` field, so a repeat gets the first answer exactly.
  const once = (request: FastifyRequest, reply: FastifyReply, act: () => Promise<StoredAnswer>) =>
    withIdempotency(deps, request, reply, act, { markReplayed: false });

  app.get<{ Querystring: { state?: string } }>(MAINTENANCE_PATH, async (request, reply) => {
    const states = parseStates(request.query.state);
    if (!states)
      return reply.code(400).send({ error: `state: expected all or ${MAINTENANCE_STATES.join(', ')}`, field: 'state' });
    return { windows: await service.list(states) } satisfies MaintenanceListResponse;
  });

  app.get(MAINTENANCE_STALE_PATH, async () => ({ windows: await service.stale() }) satisfies StaleMaintenanceResponse);

  app.post(MAINTENANCE_PATH, guard, async (request, reply) => {
    const parsed = createSchema.safeParse(request.body ?? {});
    if (!parsed.success) return badRequest(reply, parsed.error);
    return once(request, reply, () => answer(201, () => service.create(parsed.data, userOf(request))));
  });

  app.post<{ Params: { id: string } }>(`${MAINTENANCE_PATH}/:id/extend`, guard, async (request, reply) => {
    const parsed = extendSchema.safeParse(request.body ?? {});
    if (!parsed.success) return badRequest(reply, parsed.error);
    return once(request, reply, () =>
      answer(200, () => service.extend(request.params.id, parsed.data.endsAt, userOf(request)))
    );
  });

  app.post<{ Params: { id: string } }>(`${MAINTENANCE_PATH}/:id/end`, guard, async (request, reply) =>
    once(request, reply, () => answer(200, () => service.end(request.params.id, userOf(request))))
  );
}

function parseStates(value: string | undefined): readonly MaintenanceState[] | 'all' | undefined {
  if (value === undefined || value === '') return ['scheduled', 'active'];
  if (value === 'all') return 'all';
  const states = value.split(',').map((s) => s.trim());
  return states.every((s): s is MaintenanceState => (MAINTENANCE_STATES as readonly string[]).includes(s))
    ? states
    : undefined;
}

/** The service's refusals become answers (so a repeat replays them too); anything else stays a 500, unstored. */
async function answer(status: number, work: () => Promise<unknown>): Promise<StoredAnswer> {
  try {
    return { status, body: await work() };
  } catch (error) {
    if (error instanceof MaintenanceError) {
      return { status: error.status, body: { error: error.message, ...(error.field ? { field: error.field } : {}) } };
    }
    throw error;
  }
}

function badRequest(reply: FastifyReply, error: z.ZodError) {
  const issue = error.issues[0];
  const field = issue.path.join('.') || 'body';
  return reply.code(400).send({ error: `${field}: ${issue.message}`, field });
}
