/**
 * GET /api/deployments (filters, newest first; `latest=true`: each service's newest), GET /api/deployments/:id, POST /api/deployments (CI ingest, also
 * allowed with the ingest token), GET /api/pipelines.
 */
import type { FastifyInstance } from 'fastify';
import {
  DEPLOYMENTS_PATH,
  PIPELINES_PATH,
  type DeploymentDetailResponse,
  type DeploymentIngestResponse,
  type DeploymentListResponse,
  type PipelinesResponse,
  type RollbackPolicy,
} from '@opsdeck/contract';
import type { Catalog } from '../../catalog';
import { parseDeploymentEvent } from '../ciEvents';
import type { DeploymentsModule } from '../deploymentsModule';
import { parseDeployTarget } from '../../upstream/deployTarget';
import { MAX_LIMIT } from '../store/deploymentStore';
import { epochMs, list, ParamError, servicesOf, statuses, wholeNumber, type QueryString } from './params';

function latestFlag(value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new ParamError('latest', '"latest" must be true or false');
}

export interface DeploymentRoutesDeps {
  module: DeploymentsModule;
  catalog: Catalog;
  clock: () => number;
}

/** Rollback policy for a service: who may start one, and the attempt running now. */
export async function rollbackPolicy(module: DeploymentsModule, service: string): Promise<RollbackPolicy> {
  const policy: RollbackPolicy = { adminOnly: module.settings.rollbackAdminOnly };
  if (await module.rollbacks.isRunning(service)) {
    const [latest] = await module.deployments.listAttempts({ services: [service], limit: 1 });
    if (latest?.outcome === 'in_progress') policy.running = latest;
  }
  return policy;
}

export function deploymentRoutes(app: FastifyInstance, deps: DeploymentRoutesDeps): void {
  const { module, catalog } = deps;
  const knownServices = new Set(catalog.services.map((s) => s.name));

  app.get<{ Querystring: QueryString }>(DEPLOYMENTS_PATH, async (request) => {
    const query = request.query;
    const services = servicesOf(catalog, query);
    const from = epochMs(query, 'from');
    const to = epochMs(query, 'to');
    if (from !== undefined && to !== undefined && from > to) {
      throw new ParamError('from', '"from" must not be after "to"');
    }
    const filters = { environments: list(query.environment), statuses: statuses(query.status), from, to };
    if (latestFlag(query.latest)) {
      const names = (services ?? catalog.services).map((s) => s.name);
      return {
        deployments: await module.deployments.latestPerService(names, filters),
      } satisfies DeploymentListResponse;
    }
    const deployments = await module.deployments.listDeployments({
      ...filters,
      services: services?.map((s) => s.name),
      limit: wholeNumber(query, 'limit', { min: 1, max: MAX_LIMIT }),
    });
    return { deployments } satisfies DeploymentListResponse;
  });

  // CI systems post with the ingest token; people only through the Editor route (a Viewer's read route is refused).
  app.post(DEPLOYMENTS_PATH, { config: { access: 'ingest' } }, async (request, reply) => {
    const event = parseDeploymentEvent(request.body, knownServices);
    const result = await module.deployments.ingest(event, deps.clock());
    if (!result.duplicate) await module.publish([result.deployment]);
    return reply.code(result.duplicate ? 200 : 201).send(result satisfies DeploymentIngestResponse);
  });

  app.get<{ Params: { id: string } }>(`${DEPLOYMENTS_PATH}/:id`, async (request, reply) => {
    const deployment = await module.deployments.getDeployment(request.params.id);
    if (!deployment) return reply.code(404).send({ error: `no deployment "${request.params.id}"` });
    const history = await module.deployments.history(deployment.service, 500);
    const related = history.filter(
      (d) => d.id !== deployment.id && (d.id === deployment.rollbackOf || d.rollbackOf === deployment.id)
    );
    let rollbackTargetKind: DeploymentDetailResponse['rollbackTargetKind'];
    try {
      rollbackTargetKind = parseDeployTarget(
        catalog.services.find((s) => s.name === deployment.service)?.deployTarget
      )?.kind;
    } catch {
      rollbackTargetKind = undefined;
    }
    return {
      deployment,
      related,
      attempts: await module.deployments.listAttempts({ deploymentId: deployment.id }),
      rollbackTargetKind,
      rollback: await rollbackPolicy(module, deployment.service),
    } satisfies DeploymentDetailResponse;
  });

  app.get<{ Querystring: QueryString }>(PIPELINES_PATH, async (request) => {
    const services = servicesOf(catalog, request.query);
    const stored = await module.deployments.listPipelines(services?.map((s) => s.name));
    const teamOf = new Map(catalog.services.map((s) => [s.name, s.team]));
    return {
      pipelines: stored.map((p) => ({
        service: p.service,
        team: teamOf.get(p.service) ?? '',
        pipeline: p.pipeline,
        stages: p.stages,
        updatedAt: p.polledAt,
      })),
    } satisfies PipelinesResponse;
  });
}
