/** The four AWS rollback adapters over one set of SDK clients. */
import type { RollbackTargetKind } from '@opsdeck/contract';
import { CodeDeployRollbackAdapter } from '../../sources/codedeploy/rollbackAdapter';
import { CodePipelineRollbackAdapter } from '../../sources/codepipeline/rollbackAdapter';
import { EcsRollbackAdapter } from '../../sources/ecs/rollbackAdapter';
import { LambdaRollbackAdapter } from '../../sources/lambda/rollbackAdapter';
import type { DeployClients } from '../awsClients';
import type { RollbackAdapter } from './types';

export function awsRollbackAdapters(clients: DeployClients): Record<RollbackTargetKind, RollbackAdapter> {
  return {
    codedeploy: new CodeDeployRollbackAdapter(clients.codedeploy),
    codepipeline: new CodePipelineRollbackAdapter(clients.codepipeline),
    lambda: new LambdaRollbackAdapter(clients.lambda),
    ecs: new EcsRollbackAdapter(clients.ecs),
  };
}
