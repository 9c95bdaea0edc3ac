import { type GatewayClient, type GatewayQuery, useGatewayQuery } from '@/api';
import { type CatalogService, type Deployment, type ServicePipeline } from '@opsdeck/contract';
import { type DeploymentFilters } from './useDeploymentFilters';

export const REFRESH_INTERVAL_MS = 30_000;
/** Enough history for a page of recent deploys; the export takes what is shown. */
export const HISTORY_LIMIT = 200;

export interface DeploymentsOverview {
  /** Catalog services matching the team/service filters, by name. */
  services: CatalogService[];
  /** Every catalog team, for the filter. */
  teams: string[];
  /** Every catalog service (team-filtered), for the filter. */
  serviceNames: string[];
  deployments: Deployment[];
  pipelines: Map<string, ServicePipeline>;
}

async function loadOverview(client: GatewayClient, filters: DeploymentFilters): Promise<DeploymentsOverview> {
  const scope = { team: filters.team || undefined, service: filters.service || undefined };
  const [catalog, list, pipelines] = await Promise.all([
    client.services(),
    client.deployments({ ...scope, environment: filters.environment || undefined, limit: HISTORY_LIMIT }),
    client.pipelines(scope),
  ]);
  const inTeam = catalog.services.filter((s) => !filters.team || s.team === filters.team);
  return {
    services: inTeam
      .filter((s) => !filters.service || s.name === filters.service)
      .sort((a, b) => a.name.localeCompare(b.name)),
    teams: [...new Set(catalog.services.map((s) => s.team))].sort(),
    serviceNames: inTeam.map((s) => s.name).sort(),
    deployments: list.deployments,
    pipelines: new Map(pipelines.pipelines.map((p) => [p.service, p])),
  };
}

/** Catalog, deploy history and pipelines for the filters, reloaded every 30 s. */
export function useDeploymentsOverview(
  client: GatewayClient,
  filters: DeploymentFilters
): GatewayQuery<DeploymentsOverview> {
  return useGatewayQuery(client, (gateway) => loadOverview(gateway, filters), {
    key: `${filters.team}|${filters.service}|${filters.environment}`,
    pollMs: REFRESH_INTERVAL_MS,
  });
}

/** The newest deployment of each service (the list is newest first): what "Roll back" acts on. */
export function currentDeployments(deployments: readonly Deployment[]): Map<string, Deployment> {
  const current = new Map<string, Deployment>();
  for (const deployment of deployments) {
    if (!current.has(deployment.service)) {
      current.set(deployment.service, deployment);
    }
  }
  return current;
}
