/**
 * Rolling back a pipeline (pure): RollbackStage on the deploy stage (the configured one, else the last stage) to
 * the newest execution that succeeded before the one the stage now holds. RollbackStage exists for V2 pipelines
 * since April 2024.
 */
import type { PipelineExecution, PipelineExecutionSummary, StageState } from '@aws-sdk/client-codepipeline';
import type { RollbackDecision, RollbackProgress } from '../../upstream/rollbackAdapter';
import { revisionLabel } from './mapExecutions';

export function decidePipelineRollback(
  stages: readonly StageState[],
  executions: readonly PipelineExecutionSummary[],
  target: { pipeline: string; stage?: string }
): RollbackDecision {
  const stageName = target.stage ?? stages[stages.length - 1]?.stageName;
  const stage = stages.find((s) => s.stageName === stageName);
  if (!stage || !stageName)
    return { kind: 'blocked', reason: `pipeline ${target.pipeline} has no stage ${stageName ?? '(none)'}` };
  const currentId = stage.latestExecution?.pipelineExecutionId;
  const currentIndex = executions.findIndex((e) => e.pipelineExecutionId === currentId);
  const current = executions[currentIndex];
  if (!currentId || !current)
    return { kind: 'blocked', reason: `stage ${stageName} has not run an execution the gateway can see` };
  const from = {
    version: revisionLabel(current.sourceRevisions?.[0]?.revisionId),
    detail: `execution ${currentId} (${stage.latestExecution?.status ?? 'unknown'})`,
  };
  if (stage.latestExecution?.status === 'InProgress') {
    return {
      kind: 'blocked',
      reason: `stage ${stageName} is running execution ${currentId}; roll back once it has finished or stop it`,
      from,
    };
  }
  const restore = executions.find((e, index) => index > currentIndex && e.status === 'Succeeded');
  if (!restore?.pipelineExecutionId)
    return {
      kind: 'blocked',
      reason: `no successful execution before ${currentId} to roll stage ${stageName} back to`,
      from,
    };
  return {
    kind: 'plan',
    plan: {
      from,
      to: {
        version: revisionLabel(restore.sourceRevisions?.[0]?.revisionId),
        detail: `execution ${restore.pipelineExecutionId}`,
      },
      action: {
        operation: 'RollbackStage',
        iamAction: 'codepipeline:RollbackStage',
        parameters: {
          pipelineName: target.pipeline,
          stageName,
          targetPipelineExecutionId: restore.pipelineExecutionId,
        },
      },
    },
  };
}

export function pipelineRollbackProgress(execution: PipelineExecution): RollbackProgress {
  const id = execution.pipelineExecutionId;
  switch (execution.status) {
    case 'Succeeded':
      return { state: 'succeeded', detail: `rollback execution ${id} succeeded` };
    case 'InProgress':
    case 'Stopping':
    case undefined:
      return { state: 'in_progress', detail: `rollback execution ${id} ${execution.status ?? 'starting'}` };
    default:
      return {
        state: 'failed',
        detail: `rollback execution ${id} ${execution.status}${execution.statusSummary ? `: ${execution.statusSummary}` : ''}`,
      };
  }
}
