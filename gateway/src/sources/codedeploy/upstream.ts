/** CodeDeploy deployment groups: deployments read since the last poll, rollback by redeploying or stopping. */
import type { DeployTargetSide, Upstream } from '../../upstream/descriptor';
import { pollCodeDeploy } from './poller';
import { CodeDeployRollbackAdapter } from './rollbackAdapter';

const deployTarget: DeployTargetSide<'codedeploy'> = {
  poll: async (clients, target, context, state) => ({
    deployments: await pollCodeDeploy(clients.codedeploy, target, context, state.since),
  }),
  rollback: (clients) => new CodeDeployRollbackAdapter(clients.codedeploy),
};

export const codedeploy: Upstream = { id: 'codedeploy', deployTarget };
