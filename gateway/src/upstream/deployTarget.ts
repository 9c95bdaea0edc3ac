/**
 * A catalog deploy target parsed into what each AWS API needs. Shared by the deploy-target adapters (sources/) and
 * the deployment domain, so it lives on neither side.
 */
import type { DeployTarget, RollbackTargetKind } from '@opsdeck/contract';

export type ParsedDeployTarget =
  | { kind: 'codedeploy'; name: string; application: string; deploymentGroup: string }
  | {
      kind: 'codepipeline';
      name: string;
      pipeline: string;
      /** The stage to roll back; the last stage when absent. */ stage?: string;
    }
  | { kind: 'lambda'; name: string; functionName: string; alias: string }
  | { kind: 'ecs'; name: string; cluster: string; service: string };

export class DeployTargetError extends Error {
  override readonly name = 'DeployTargetError';
}

function split(name: string, separator: string, expected: string): [string, string] {
  const at = name.lastIndexOf(separator);
  if (at <= 0 || at === name.length - 1) {
    throw new DeployTargetError(`deploy target "${name}" must look like ${expected}`);
  }
  return [name.slice(0, at), name.slice(at + 1)];
}

/**
 * Catalog spelling per kind: CodeDeploy "application/group", CodePipeline "pipeline" or "pipeline/stage",
 * Lambda "function:alias", ECS "cluster/service". Returns null for `none` or a target without a name.
 */
export function parseDeployTarget(target: DeployTarget | undefined): ParsedDeployTarget | null {
  if (!target || target.kind === 'none' || !target.name) return null;
  const name = target.name;
  switch (target.kind) {
    case 'codedeploy': {
      const [application, deploymentGroup] = split(name, '/', '"application/deployment-group"');
      return { kind: 'codedeploy', name, application, deploymentGroup };
    }
    case 'codepipeline': {
      if (!name.includes('/')) return { kind: 'codepipeline', name, pipeline: name };
      const [pipeline, stage] = split(name, '/', '"pipeline" or "pipeline/stage"');
      return { kind: 'codepipeline', name, pipeline, stage };
    }
    case 'lambda': {
      const [functionName, alias] = split(name, ':', '"function:alias"');
      return { kind: 'lambda', name, functionName, alias };
    }
    case 'ecs': {
      const [cluster, service] = split(name, '/', '"cluster/service"');
      return { kind: 'ecs', name, cluster, service };
    }
  }
}

export function isRollbackTargetKind(kind: string): kind is RollbackTargetKind {
  return kind === 'codedeploy' || kind === 'codepipeline' || kind === 'lambda' || kind === 'ecs';
}
