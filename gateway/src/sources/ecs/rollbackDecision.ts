/**
 * Rolling back an ECS service (pure). A rollout in flight with a service deployment ARN: StopServiceDeployment
 * with stopType ROLLBACK, which works even when the circuit breaker's rollback is off. Otherwise UpdateService to
 * the task definition it replaced: the ACTIVE deployment's while one is still listed, else the last other version
 * the gateway recorded (ECS forgets finished deployments).
 */
import type { Service } from '@aws-sdk/client-ecs';
import type { Deployment } from '@opsdeck/contract';
import type { RollbackDecision, RollbackProgress } from '../../upstream/rollbackAdapter';
import { primaryDeployment, taskDefinitionLabel } from './mapService';

export function decideEcsRollback(
  service: Service,
  history: readonly Deployment[],
  target: { cluster: string; service: string }
): RollbackDecision {
  const primary = primaryDeployment(service);
  if (!primary)
    return { kind: 'blocked', reason: `ECS service ${target.cluster}/${target.service} has no primary deployment` };
  const current = taskDefinitionLabel(primary.taskDefinition);
  const from = { version: current, detail: `deployment ${primary.id ?? ''} (${primary.rolloutState ?? 'unknown'})` };
  const replaced = service.deployments?.find((d) => d.status === 'ACTIVE');
  if (primary.rolloutState === 'IN_PROGRESS' && replaced && service.currentServiceDeployment) {
    return {
      kind: 'plan',
      plan: {
        from,
        to: {
          version: taskDefinitionLabel(replaced.taskDefinition),
          detail: 'ECS stops the rollout and restores the deployment it replaced',
        },
        action: {
          operation: 'StopServiceDeployment',
          iamAction: 'ecs:StopServiceDeployment',
          parameters: { serviceDeploymentArn: service.currentServiceDeployment, stopType: 'ROLLBACK' },
        },
      },
    };
  }
  const previous = replaced
    ? taskDefinitionLabel(replaced.taskDefinition)
    : history.find((d) => d.source === 'ecs' && d.version !== current && d.status === 'succeeded')?.version;
  if (!previous)
    return {
      kind: 'blocked',
      reason: `no earlier task definition recorded for ${target.cluster}/${target.service}`,
      from,
    };
  return {
    kind: 'plan',
    plan: {
      from,
      to: { version: previous, detail: 'previous task definition' },
      action: {
        operation: 'UpdateService',
        iamAction: 'ecs:UpdateService',
        parameters: { cluster: target.cluster, service: target.service, taskDefinition: previous },
      },
    },
  };
}

export function ecsRollbackProgress(service: Service, targetVersion: string): RollbackProgress {
  const primary = primaryDeployment(service);
  const running = taskDefinitionLabel(primary?.taskDefinition);
  if (!primary) return { state: 'failed', detail: 'service has no primary deployment' };
  if (running !== targetVersion) {
    // StopServiceDeployment returns before ECS creates the rollback deployment; until then the old rollout is primary.
    return primary.rolloutState === 'IN_PROGRESS'
      ? { state: 'in_progress', detail: `waiting for ECS to start the rollback (primary still ${running})` }
      : { state: 'failed', detail: `service runs ${running}, not ${targetVersion}` };
  }
  if (primary.rolloutState === 'COMPLETED')
    return {
      state: 'succeeded',
      detail: `${running} running on all ${primary.desiredCount ?? ''} tasks`.replace('  ', ' '),
    };
  if (primary.rolloutState === 'FAILED')
    return {
      state: 'failed',
      detail: `rollout of ${running} failed${primary.rolloutStateReason ? `: ${primary.rolloutStateReason}` : ''}`,
    };
  return {
    state: 'in_progress',
    detail: `${primary.runningCount ?? 0} of ${primary.desiredCount ?? 0} tasks on ${running}`,
  };
}
