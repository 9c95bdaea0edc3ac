/** ECS services: a task definition change is a deployment; rollback updates the service to the previous one. */
import type { DeployTargetSide, Upstream } from '../../upstream/descriptor';
import { pollEcsService } from './poller';
import { EcsRollbackAdapter } from './rollbackAdapter';

const deployTarget: DeployTargetSide<'ecs'> = {
  poll: async (clients, target, context, state) => ({
    deployments: await pollEcsService(
      clients.ecs,
      target,
      { ...context, cluster: target.cluster },
      state.known,
      state.now
    ),
  }),
  rollback: (clients) => new EcsRollbackAdapter(clients.ecs),
};

export const ecs: Upstream = { id: 'ecs', deployTarget };
