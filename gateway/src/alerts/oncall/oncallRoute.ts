/**
 * GET /api/oncall: who is on call now and next, from the one source onCallReader.ts picks, and, when the request
 * names the Grafana user (X-Grafana-User), where that user is on call (`you`).
 */
import type { FastifyInstance } from 'fastify';
import { ONCALL_PATH, type OnCallResponse } from '@opsdeck/contract';
import { grafanaUserOf } from '../../http/grafanaUser';
import { UpstreamError } from '../../sources/rest/jsonHttp';
import type { OnCallRead } from './onCallReader';
import { youOf } from './onCallYou';

export interface OnCallRouteDeps {
  read: OnCallRead;
  /** Grafana login → email on the roster. */
  emails: (provider: OnCallResponse['provider']) => Record<string, string>;
  clock: () => number;
}

export function oncallRoute(app: FastifyInstance, deps: OnCallRouteDeps): void {
  app.get(ONCALL_PATH, async (request, reply) => {
    let response: OnCallResponse;
    try {
      response = await deps.read(deps.clock());
    } catch (error) {
      if (error instanceof UpstreamError) return reply.code(502).send({ error: error.message });
      throw error;
    }
    const login = grafanaUserOf(request, '');
    return login ? { ...response, you: youOf(response, login, deps.emails(response.provider)) } : response;
  });
}
