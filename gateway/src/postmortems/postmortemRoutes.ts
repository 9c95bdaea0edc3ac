import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { POSTMORTEM_MAX_CHARS, type PostmortemResponse, type SavePostmortemRequest } from '@opsdeck/contract';
import { grafanaUserOf } from '../http/grafanaUser';
import { type Store } from '../store';
import { PostmortemStore } from './postmortemStore';

export interface PostmortemRouteDeps {
  store: Store;
  clock: () => number;
}

interface IncidentParams {
  id: string;
}

const ROUTE = '/api/incidents/:id/postmortem';

const grafanaUser = (request: FastifyRequest) => grafanaUserOf(request, 'anonymous');

function markdownOf(body: unknown): string | undefined {
  const markdown = (body as Partial<SavePostmortemRequest> | null)?.markdown;
  return typeof markdown === 'string' ? markdown : undefined;
}

/** GET (read route) and PUT (write route, audited) of an incident's post-mortem. */
export function postmortemRoutes(app: FastifyInstance, deps: PostmortemRouteDeps): void {
  const postmortems = new PostmortemStore(deps.store.db);

  app.get<{ Params: IncidentParams }>(ROUTE, async (request, reply) => {
    const { id } = request.params;
    const postmortem = await postmortems.get(id);
    if (!postmortem && !(await postmortems.incidentExists(id))) {
      return reply.code(404).send({ error: `no incident ${id}` });
    }
    return { postmortem } satisfies PostmortemResponse;
  });

  app.put<{ Params: IncidentParams }>(ROUTE, { preHandler: app.requireWriteRoute }, async (request, reply) => {
    const { id } = request.params;
    const markdown = markdownOf(request.body);
    if (markdown === undefined) {
      return reply.code(400).send({ error: 'body must be {"markdown": "<text>"}' });
    }
    if (markdown.length > POSTMORTEM_MAX_CHARS) {
      return reply
        .code(400)
        .send({ error: `markdown is ${markdown.length} characters; the limit is ${POSTMORTEM_MAX_CHARS}` });
    }
    if (!(await postmortems.incidentExists(id))) {
      return reply.code(404).send({ error: `no incident ${id}` });
    }
    const user = grafanaUser(request);
    const at = deps.clock();
    const postmortem = await postmortems.save({ incidentId: id, markdown, updatedAt: at, updatedBy: user });
    await deps.store.appendAudit({
      at,
      user,
      action: 'incident.postmortem.save',
      target: id,
      detail: { chars: markdown.length },
      outcome: 'success',
    });
    return { postmortem } satisfies PostmortemResponse;
  });
}
