/** Polls one pipeline: its stages as they stand and its executions as Deployment records. */
import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import type { Deployment, PipelineStage } from '@opsdeck/contract';
import { mapPipelineExecutions, mapPipelineStages, type CodePipelineContext } from './mapExecutions';
import { readPipelineExecutions, readPipelineStages } from './readPipeline';

export interface PipelinePoll {
  stages: PipelineStage[];
  deployments: Deployment[];
}

export async function pollCodePipeline(
  client: CodePipelineClient,
  context: CodePipelineContext
): Promise<PipelinePoll> {
  const [stages, executions] = await Promise.all([
    readPipelineStages(client, context.pipeline),
    readPipelineExecutions(client, context.pipeline),
  ]);
  const mappedStages = mapPipelineStages(stages);
  const deployments = mapPipelineExecutions(executions, context);
  const running = mappedStages.findIndex((s) => s.status === 'InProgress');
  // The stage list says how far an in-flight execution has got, which the execution summary does not.
  const withProgress = deployments.map((d) => {
    const stage = mappedStages[running];
    if (d.status !== 'in_progress' || !stage || d.id !== `codepipeline:${context.pipeline}:${stage.executionId}`)
      return d;
    return {
      ...d,
      progress: {
        percent: Math.round((100 * running) / mappedStages.length),
        detail: `stage ${stage.name}: ${stage.status}`,
      },
    };
  });
  return { stages: mappedStages, deployments: withProgress };
}
