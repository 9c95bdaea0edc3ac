/**
 * One entry point for the poll loop: reads a catalog service's deploy target through its upstream's descriptor and
 * answers the records to upsert (plus the pipeline's stages for CodePipeline).
 */
import type { CatalogService, Deployment } from '@opsdeck/contract';
import type { DeployClients } from '../sources/aws/deployClients';
import type { TargetPoll } from '../upstream/descriptor';
import { parseDeployTarget, type ParsedDeployTarget } from '../upstream/deployTarget';
import { deployTargetSide } from '../upstreams';

export type { TargetPoll };

export interface PollTargetOptions {
  region: string;
  environment?: string;
  /** The service's records so far, newest first (Lambda and ECS compare against them). */
  known: readonly Deployment[];
  now: number;
  /** CodeDeploy: only deployments created since then. */
  since?: number;
}

/** null when the service has no pollable deploy target. */
export async function pollDeployTarget(
  clients: DeployClients,
  service: CatalogService,
  options: PollTargetOptions
): Promise<TargetPoll | null> {
  const target = parseDeployTarget(service.deployTarget);
  if (!target) return null;
  const context = { service: service.name, environment: options.environment ?? 'production', region: options.region };
  return pollKind(target, clients, context, options);
}

function pollKind<K extends ParsedDeployTarget['kind']>(
  target: Extract<ParsedDeployTarget, { kind: K }>,
  clients: DeployClients,
  context: { service: string; environment: string; region: string },
  options: PollTargetOptions
): Promise<TargetPoll> {
  return deployTargetSide(target.kind as K).poll(clients, target, context, options);
}
