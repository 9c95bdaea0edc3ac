/** Reads a pipeline's stage states and recent executions. */
import {
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  type CodePipelineClient,
  type PipelineExecutionSummary,
  type StageState,
} from '@aws-sdk/client-codepipeline';
import { callUpstream } from '../../upstream/upstreamCall';

export async function readPipelineStages(client: CodePipelineClient, pipeline: string): Promise<StageState[]> {
  const state = await callUpstream('codepipeline:GetPipelineState', () =>
    client.send(new GetPipelineStateCommand({ name: pipeline }))
  );
  return state.stageStates ?? [];
}

/** Newest first, following nextToken until `limit` executions are read. */
export async function readPipelineExecutions(
  client: CodePipelineClient,
  pipeline: string,
  limit = 50
): Promise<PipelineExecutionSummary[]> {
  const summaries: PipelineExecutionSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callUpstream('codepipeline:ListPipelineExecutions', () =>
      client.send(
        new ListPipelineExecutionsCommand({ pipelineName: pipeline, maxResults: Math.min(100, limit), nextToken })
      )
    );
    summaries.push(...(page.pipelineExecutionSummaries ?? []));
    nextToken = page.nextToken;
  } while (nextToken && summaries.length < limit);
  return summaries.slice(0, limit);
}
