/** CodePipeline executions and stage states → Opsdeck Deployments and PipelineStages (pure). */
import type { PipelineExecutionSummary, StageState } from '@aws-sdk/client-codepipeline';
import type { Deployment, DeploymentStatus, PipelineStage } from '@opsdeck/contract';
import { toEpochMs } from '../../upstream/parse/epochMs';

export interface CodePipelineContext {
  service: string;
  environment: string;
  region: string;
  pipeline: string;
}

/** Superseded and cancelled executions never deployed anything, so they are not deployments. */
const NOT_DEPLOYED = new Set(['Superseded', 'Cancelled']);

export function pipelineExecutionStatus(status: string | undefined): DeploymentStatus {
  switch (status) {
    case 'Succeeded':
      return 'succeeded';
    case 'Failed':
    case 'Stopped':
      return 'failed';
    default:
      return 'in_progress';
  }
}

/** A commit id shortened like git does; other revision ids (S3 object versions) kept whole. */
export function revisionLabel(revisionId: string | undefined): string {
  if (!revisionId) return 'unknown';
  return /^[0-9a-f]{40}$/i.test(revisionId) ? revisionId.slice(0, 12) : revisionId;
}

export function pipelineDeploymentId(pipeline: string, executionId: string): string {
  return `codepipeline:${pipeline}:${executionId}`;
}

/** `summaries` newest first, as ListPipelineExecutions returns them. */
export function mapPipelineExecutions(
  summaries: readonly PipelineExecutionSummary[],
  context: CodePipelineContext
): Deployment[] {
  const deployed = summaries.filter(
    (s) => s.pipelineExecutionId && !NOT_DEPLOYED.has(s.status ?? '') && toEpochMs(s.startTime) !== undefined
  );
  const records = deployed.map((s): Deployment => {
    const revision = s.sourceRevisions?.[0];
    const status = pipelineExecutionStatus(s.status);
    return {
      id: pipelineDeploymentId(context.pipeline, s.pipelineExecutionId!),
      service: context.service,
      environment: context.environment,
      version: revisionLabel(revision?.revisionId),
      status,
      source: 'codepipeline',
      commit: revision?.revisionId,
      url: `https://${context.region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${encodeURIComponent(context.pipeline)}/executions/${s.pipelineExecutionId}/timeline?region=${context.region}`,
      actor: s.trigger?.triggerDetail ?? s.trigger?.triggerType,
      startedAt: toEpochMs(s.startTime)!,
      finishedAt: status === 'in_progress' ? undefined : toEpochMs(s.lastUpdateTime),
      progress:
        status === 'in_progress' ? { detail: s.statusSummary ?? `execution ${s.status ?? 'InProgress'}` } : undefined,
    };
  });
  // A ROLLBACK execution names only the execution it restores; the one it undid is the standard execution just before it.
  deployed.forEach((s, index) => {
    if (s.executionType !== 'ROLLBACK') return;
    const restored = s.rollbackMetadata?.rollbackTargetPipelineExecutionId;
    const undoneIndex = deployed.findIndex(
      (older, j) => j > index && older.executionType !== 'ROLLBACK' && older.pipelineExecutionId !== restored
    );
    if (undoneIndex < 0) return;
    const undone = records[undoneIndex]!;
    if (undone.status !== 'in_progress') records[undoneIndex] = { ...undone, status: 'rolled_back' };
    records[index] = { ...records[index]!, rollbackOf: undone.id, previousVersion: undone.version };
  });
  return records;
}

export function mapPipelineStages(stages: readonly StageState[]): PipelineStage[] {
  return stages.map((stage) => {
    const changes = (stage.actionStates ?? [])
      .map((a) => toEpochMs(a.latestExecution?.lastStatusChange))
      .filter((t): t is number => t !== undefined);
    const summary = (stage.actionStates ?? []).map((a) => a.latestExecution?.summary).find((s) => s !== undefined);
    return {
      name: stage.stageName ?? 'unnamed',
      status: stage.latestExecution?.status ?? 'NotStarted',
      executionId: stage.latestExecution?.pipelineExecutionId,
      updatedAt: changes.length > 0 ? Math.max(...changes) : undefined,
      summary,
    };
  });
}
