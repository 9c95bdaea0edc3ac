/** CodePipeline pipelines: executions and stage progress, rollback of a stage. */
import type { DeployTargetSide, Upstream } from '../../upstream/descriptor';
import { pollCodePipeline } from './poller';
import { CodePipelineRollbackAdapter } from './rollbackAdapter';

const deployTarget: DeployTargetSide<'codepipeline'> = {
  poll: (clients, target, context) => pollCodePipeline(clients.codepipeline, { ...context, pipeline: target.pipeline }),
  rollback: (clients) => new CodePipelineRollbackAdapter(clients.codepipeline),
};

export const codepipeline: Upstream = { id: 'codepipeline', deployTarget };
