/**
 * One entry point for the poll loop: reads a catalog service's deploy target with the right poller and answers
 * the records to upsert (plus the pipeline's stages for CodePipeline).
 */
import type { CatalogService, Deployment, PipelineStage } from '@opsdeck/contract';
import { pollCodeDeploy } from '../sources/codedeploy/poller';
import { pollCodePipeline } from '../sources/codepipeline/poller';
import { pollEcsService } from '../sources/ecs/poller';
import { pollLambdaAlias } from '../sources/lambda/poller';
import type { DeployClients } from './awsClients';
import { parseDeployTarget } from './model';

export interface TargetPoll {
  deployments: Deployment[];
  stages?: PipelineStage[];
}

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
  switch (target.kind) {
    case 'codedeploy':
      return { deployments: await pollCodeDeploy(clients.codedeploy, target, context, options.since) };
    case 'codepipeline':
      return pollCodePipeline(clients.codepipeline, { ...context, pipeline: target.pipeline });
    case 'lambda':
      return { deployments: await pollLambdaAlias(clients.lambda, target, context, options.known, options.now) };
    case 'ecs':
      return {
        deployments: await pollEcsService(
          clients.ecs,
          target,
          { ...context, cluster: target.cluster },
          options.known,
          options.now
        ),
      };
  }
}
