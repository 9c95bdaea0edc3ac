/**
 * POST /api/deployments/:id/rollback (write route; Admin route too when the config says so) and the rollback
 * history GET /api/deployments/rollbacks. `{preview: true}` answers what would change and changes nothing; then
 * `{confirm, reason, to}` starts the rollback, which runs on after the answer (progress arrives as events).
 */
import type { FastifyInstance } from 'fastify';
import {
  ADMIN_ROUTE,
  DEPLOYMENT_ROLLBACKS_PATH,
  DEPLOYMENTS_PATH,
  type RollbackHistoryResponse,
  type RollbackPreviewResponse,
  type RollbackRequest,
  type RollbackStartResponse,
} from '@opsdeck/contract';
import type { Catalog } from '../../catalog';
import type { Store } from '../../store';
import type { DeploymentsModule } from '../deploymentsModule';
import { ROLLBACK_AUDIT_ACTION } from '../rollback/auditSink';
import { grafanaUser, viaAdminRoute } from './adminGuard';
import { MAX_LIMIT } from '../store/deploymentStore';
import { servicesOf, wholeNumber, type QueryString } from './params';
import { rollbackPolicy } from './deploymentRoutes';

export interface RollbackRoutesDeps {
  module: DeploymentsModule;
  catalog: Catalog;
  store: Pick<Store, 'appendAudit'>;
  apiToken: string;
  clock: () => number;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function rollbackRoutes(app: FastifyInstance, deps: RollbackRoutesDeps): void {
  const { module } = deps;

  app.get<{ Querystring: QueryString }>(DEPLOYMENT_ROLLBACKS_PATH, async (request) => {
    const services = servicesOf(deps.catalog, request.query);
    const attempts = await module.deployments.listAttempts({
      services: services?.map((s) => s.name),
      limit: wholeNumber(request.query, 'limit', { min: 1, max: MAX_LIMIT }),
    });
    return { attempts } satisfies RollbackHistoryResponse;
  });

  app.post<{ Params: { id: string } }>(
    `${DEPLOYMENTS_PATH}/:id/rollback`,
    { preHandler: app.requireWriteRoute },
    async (request, reply) => {
      const deployment = await module.deployments.getDeployment(request.params.id);
      if (!deployment) return reply.code(404).send({ error: `no deployment "${request.params.id}"` });
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
        string,
        unknown
      >;
      const input: RollbackRequest = {
        preview: body.preview === true,
        reason: text(body.reason),
        confirm: text(body.confirm),
        to: text(body.to),
      };
      const service = deployment.service;
      const user = grafanaUser(request);
      if (input.preview) {
        const preview = await module.rollbacks.preview(service);
        return { preview, rollback: await rollbackPolicy(module, service) } satisfies RollbackPreviewResponse;
      }
      if (module.settings.rollbackAdminOnly && !viaAdminRoute(request, deps.apiToken)) {
        await deps.store.appendAudit({
          at: deps.clock(),
          user,
          action: ROLLBACK_AUDIT_ACTION,
          target: service,
          outcome: 'denied',
          detail: { deploymentId: deployment.id, reason: input.reason, message: 'rollbacks are limited to Admins' },
        });
        return reply.code(403).send({
          error: `rollbacks are limited to Grafana Admins on this gateway (OPSDECK_ROLLBACK_ADMIN_ONLY); an Admin must start it through the datasource's "${ADMIN_ROUTE}" route`,
        });
      }
      const started = await module.rollbacks.start({
        service,
        user,
        reason: input.reason ?? '',
        confirm: input.confirm ?? '',
        deploymentId: deployment.id,
        expectedToVersion: input.to,
      });
      started.done.catch((err: unknown) => request.log.error({ err }, 'rollback follow-up failed'));
      return reply
        .code(started.attempt.outcome === 'in_progress' ? 202 : 200)
        .send({ attempt: started.attempt } satisfies RollbackStartResponse);
    }
  );
}
