/** ECS rollback I/O: DescribeServices to decide and follow, UpdateService or StopServiceDeployment to act. */
import { StopServiceDeploymentCommand, UpdateServiceCommand, type ECSClient } from '@aws-sdk/client-ecs';
import type { Deployment } from '@opsdeck/contract';
import { callUpstream } from '../../upstream/upstreamCall';
import type { RollbackAdapter, RollbackPlan, TargetOf } from '../../upstream/rollbackAdapter';
import { primaryDeployment } from './mapService';
import { readEcsService } from './readService';
import { decideEcsRollback, ecsRollbackProgress } from './rollbackDecision';

export class EcsRollbackAdapter implements RollbackAdapter<'ecs'> {
  readonly kind = 'ecs' as const;

  constructor(private readonly client: ECSClient) {}

  async decide(target: TargetOf<'ecs'>, history: readonly Deployment[]) {
    return decideEcsRollback(await readEcsService(this.client, target.cluster, target.service), history, target);
  }

  async execute(target: TargetOf<'ecs'>, plan: RollbackPlan): Promise<string> {
    const p = plan.action.parameters;
    if (plan.action.operation === 'StopServiceDeployment') {
      const stopped = await callUpstream('ecs:StopServiceDeployment', () =>
        this.client.send(
          new StopServiceDeploymentCommand({
            serviceDeploymentArn: String(p.serviceDeploymentArn),
            stopType: 'ROLLBACK',
          })
        )
      );
      return stopped.serviceDeploymentArn ?? String(p.serviceDeploymentArn);
    }
    const updated = await callUpstream('ecs:UpdateService', () =>
      this.client.send(
        new UpdateServiceCommand({
          cluster: target.cluster,
          service: target.service,
          taskDefinition: String(p.taskDefinition),
        })
      )
    );
    const primary = updated.service ? primaryDeployment(updated.service) : undefined;
    return primary?.id ?? updated.service?.serviceArn ?? `${target.cluster}/${target.service}`;
  }

  async progress(target: TargetOf<'ecs'>, plan: RollbackPlan) {
    return ecsRollbackProgress(await readEcsService(this.client, target.cluster, target.service), plan.to.version);
  }
}
