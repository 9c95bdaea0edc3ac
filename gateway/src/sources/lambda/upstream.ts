/** Lambda aliases: a version change is a deployment; rollback points the alias back. */
import type { DeployTargetSide, Upstream } from '../../upstream/descriptor';
import { pollLambdaAlias } from './poller';
import { LambdaRollbackAdapter } from './rollbackAdapter';

const deployTarget: DeployTargetSide<'lambda'> = {
  poll: async (clients, target, context, state) => ({
    deployments: await pollLambdaAlias(clients.lambda, target, context, state.known, state.now),
  }),
  rollback: (clients) => new LambdaRollbackAdapter(clients.lambda),
};

export const lambda: Upstream = { id: 'lambda', deployTarget };
