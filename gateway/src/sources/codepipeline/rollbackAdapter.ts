/** CodePipeline rollback I/O: GetPipelineState + ListPipelineExecutions to decide, RollbackStage, GetPipelineExecution. */
import {
  GetPipelineExecutionCommand,
  RollbackStageCommand,
  type CodePipelineClient,
} from '@aws-sdk/client-codepipeline';
import { callUpstream } from '../../upstream/upstreamCall';
import type { RollbackAdapter, RollbackPlan, TargetOf } from '../../upstream/rollbackAdapter';
import { readPipelineExecutions, readPipelineStages } from './readPipeline';
import { decidePipelineRollback, pipelineRollbackProgress } from './rollbackDecision';

export class CodePipelineRollbackAdapter implements RollbackAdapter<'codepipeline'> {
  readonly kind = 'codepipeline' as const;

  constructor(private readonly client: CodePipelineClient) {}

  async decide(target: TargetOf<'codepipeline'>) {
    const [stages, executions] = await Promise.all([
      readPipelineStages(this.client, target.pipeline),
      readPipelineExecutions(this.client, target.pipeline, 25),
    ]);
    return decidePipelineRollback(stages, executions, target);
  }

  async execute(target: TargetOf<'codepipeline'>, plan: RollbackPlan): Promise<string> {
    const p = plan.action.parameters;
    const result = await callUpstream('codepipeline:RollbackStage', () =>
      this.client.send(
        new RollbackStageCommand({
          pipelineName: target.pipeline,
          stageName: String(p.stageName),
          targetPipelineExecutionId: String(p.targetPipelineExecutionId),
        })
      )
    );
    if (!result.pipelineExecutionId) throw new Error('RollbackStage answered without a pipelineExecutionId');
    return result.pipelineExecutionId;
  }

  async progress(target: TargetOf<'codepipeline'>, _plan: RollbackPlan, upstreamId: string) {
    const { pipelineExecution } = await callUpstream('codepipeline:GetPipelineExecution', () =>
      this.client.send(
        new GetPipelineExecutionCommand({ pipelineName: target.pipeline, pipelineExecutionId: upstreamId })
      )
    );
    return pipelineRollbackProgress(pipelineExecution ?? { pipelineExecutionId: upstreamId });
  }
}
