/** GET /api/oncall: PagerDuty when configured, the demo roster in demo mode, otherwise an empty "none" answer. */
import type { FastifyInstance } from 'fastify';
import { ONCALL_PATH, type CatalogService, type OnCallResponse } from '@opsdeck/contract';
import type { PagerDutyClient } from '../../sources/pagerduty/client';
import { UpstreamError } from '../../sources/rest/jsonHttp';
import { demoOnCall } from './demoRoster';
import { pagerDutyOnCall } from './pagerdutyOnCall';

export interface OnCallRouteDeps {
  pagerduty?: PagerDutyClient;
  demo: boolean;
  catalog: CatalogService[];
  clock: () => number;
}

export function oncallRoute(app: FastifyInstance, deps: OnCallRouteDeps): void {
  app.get(ONCALL_PATH, async (_request, reply) => {
    const now = deps.clock();
    if (deps.pagerduty) {
      try {
        return await pagerDutyOnCall(deps.pagerduty, deps.catalog, now);
      } catch (error) {
        if (error instanceof UpstreamError) return reply.code(502).send({ error: error.message });
        throw error;
      }
    }
    if (deps.demo) return demoOnCall(deps.catalog, now);
    return { provider: 'none', generatedAt: now, policies: [] } satisfies OnCallResponse;
  });
}
