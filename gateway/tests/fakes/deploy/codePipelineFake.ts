/**
 * Fake CodePipeline: AWS JSON 1.1, `x-amz-target: CodePipeline_20150709.<Op>` (from @aws-sdk/client-codepipeline's
 * dist-cjs). A pipeline is a list of stage names and its executions; RollbackStage starts a ROLLBACK execution that
 * later reads see finish after `stepsToFinish` reads.
 */
import { FakeServiceError, Json11FakeServer, epochSeconds, type DeployFakeRequest } from './deployFakeServer';

type ExecutionStatus = 'Cancelled' | 'InProgress' | 'Stopped' | 'Stopping' | 'Succeeded' | 'Superseded' | 'Failed';

export interface FakePipelineExecution {
  pipelineExecutionId: string;
  status: ExecutionStatus;
  startTimeMs: number;
  lastUpdateTimeMs: number;
  /** e.g. the commit the source action fetched. */
  revisionId: string;
  revisionSummary?: string;
  revisionUrl?: string;
  executionType: 'STANDARD' | 'ROLLBACK';
  rollbackTargetPipelineExecutionId?: string;
  triggerDetail?: string;
  /** Stages this execution has reached and their status; absent stages were never reached. */
  stageStatus: Record<string, ExecutionStatus>;
  readsLeft: number;
  outcome: 'Succeeded' | 'Failed';
}

export interface FakePipeline {
  name: string;
  stages: string[];
  /** Newest first. */
  executions: FakePipelineExecution[];
}

export class CodePipelineFake extends Json11FakeServer {
  readonly pipelines = new Map<string, FakePipeline>();
  stepsToFinish = 2;
  nextOutcome: 'Succeeded' | 'Failed' = 'Succeeded';
  now: () => number = () => Date.now();
  private counter = 0;

  addPipeline(name: string, stages: string[]): FakePipeline {
    const pipeline: FakePipeline = { name, stages, executions: [] };
    this.pipelines.set(name, pipeline);
    return pipeline;
  }

  /** Adds an execution as the newest; a finished one has reached every stage. */
  addExecution(
    pipelineName: string,
    execution: Partial<FakePipelineExecution> & Pick<FakePipelineExecution, 'revisionId'>
  ): FakePipelineExecution {
    const pipeline = this.pipeline(pipelineName);
    const status = execution.status ?? 'Succeeded';
    const start = execution.startTimeMs ?? this.now();
    const lastStage = pipeline.stages[pipeline.stages.length - 1]!;
    const full: FakePipelineExecution = {
      pipelineExecutionId: execution.pipelineExecutionId ?? this.nextId(),
      status,
      startTimeMs: start,
      lastUpdateTimeMs: execution.lastUpdateTimeMs ?? start + 300_000,
      executionType: 'STANDARD',
      stageStatus: Object.fromEntries(pipeline.stages.map((s) => [s, s === lastStage ? status : 'Succeeded'])),
      readsLeft: this.stepsToFinish,
      outcome: 'Succeeded',
      ...execution,
    };
    pipeline.executions.unshift(full);
    return full;
  }

  private nextId(): string {
    this.counter++;
    return `00000000-fake-4000-8000-${String(this.counter).padStart(12, '0')}`;
  }

  private pipeline(name: unknown): FakePipeline {
    const found = typeof name === 'string' ? this.pipelines.get(name) : undefined;
    if (!found) throw new FakeServiceError(400, 'PipelineNotFoundException', `Pipeline ${String(name)} not found`);
    return found;
  }

  private tick(): void {
    for (const pipeline of this.pipelines.values()) {
      for (const e of pipeline.executions) {
        if (e.status !== 'InProgress') continue;
        e.readsLeft--;
        if (e.readsLeft <= 0) {
          e.status = e.outcome;
          e.lastUpdateTimeMs = this.now();
          for (const stage of Object.keys(e.stageStatus))
            if (e.stageStatus[stage] === 'InProgress') e.stageStatus[stage] = e.outcome;
        }
      }
    }
  }

  private summary(e: FakePipelineExecution): Record<string, unknown> {
    return {
      pipelineExecutionId: e.pipelineExecutionId,
      status: e.status,
      startTime: epochSeconds(e.startTimeMs),
      lastUpdateTime: epochSeconds(e.lastUpdateTimeMs),
      sourceRevisions: [
        {
          actionName: 'Source',
          revisionId: e.revisionId,
          revisionSummary: e.revisionSummary,
          revisionUrl: e.revisionUrl,
        },
      ],
      trigger: {
        triggerType: e.executionType === 'ROLLBACK' ? 'ManualRollback' : 'Webhook',
        triggerDetail: e.triggerDetail,
      },
      executionMode: 'SUPERSEDED',
      executionType: e.executionType,
      rollbackMetadata: e.rollbackTargetPipelineExecutionId
        ? { rollbackTargetPipelineExecutionId: e.rollbackTargetPipelineExecutionId }
        : undefined,
    };
  }

  protected handle(request: DeployFakeRequest): unknown {
    const input = JSON.parse(request.body || '{}') as Record<string, unknown>;
    switch (request.operation) {
      case 'GetPipelineState': {
        this.tick();
        const pipeline = this.pipeline(input.name);
        return {
          pipelineName: pipeline.name,
          pipelineVersion: 1,
          stageStates: pipeline.stages.map((stage) => {
            const latest = pipeline.executions.find((e) => e.stageStatus[stage] !== undefined);
            return {
              stageName: stage,
              latestExecution: latest
                ? {
                    pipelineExecutionId: latest.pipelineExecutionId,
                    status: latest.stageStatus[stage],
                    type: latest.executionType,
                  }
                : undefined,
              actionStates: [
                {
                  actionName: stage,
                  latestExecution: latest
                    ? { status: latest.stageStatus[stage], lastStatusChange: epochSeconds(latest.lastUpdateTimeMs) }
                    : undefined,
                },
              ],
            };
          }),
        };
      }
      case 'ListPipelineExecutions': {
        this.tick();
        const pipeline = this.pipeline(input.pipelineName);
        const size = Number(input.maxResults ?? 100);
        const start = Number(input.nextToken ?? 0);
        const page = pipeline.executions.slice(start, start + size);
        return {
          pipelineExecutionSummaries: page.map((e) => this.summary(e)),
          nextToken: start + size < pipeline.executions.length ? String(start + size) : undefined,
        };
      }
      case 'GetPipelineExecution': {
        this.tick();
        const pipeline = this.pipeline(input.pipelineName);
        const e = pipeline.executions.find((x) => x.pipelineExecutionId === input.pipelineExecutionId);
        if (!e)
          throw new FakeServiceError(
            400,
            'PipelineExecutionNotFoundException',
            `Execution ${String(input.pipelineExecutionId)} not found`
          );
        const { startTime: _start, lastUpdateTime: _last, sourceRevisions: _revisions, ...rest } = this.summary(e);
        return {
          pipelineExecution: {
            ...rest,
            pipelineName: pipeline.name,
            pipelineVersion: 1,
            artifactRevisions: [{ name: 'SourceArtifact', revisionId: e.revisionId }],
          },
        };
      }
      case 'RollbackStage': {
        const pipeline = this.pipeline(input.pipelineName);
        const stage = String(input.stageName);
        if (!pipeline.stages.includes(stage))
          throw new FakeServiceError(400, 'StageNotFoundException', `Stage ${stage} not found`);
        const target = pipeline.executions.find((e) => e.pipelineExecutionId === input.targetPipelineExecutionId);
        if (!target)
          throw new FakeServiceError(
            400,
            'PipelineExecutionNotFoundException',
            `Execution ${String(input.targetPipelineExecutionId)} not found`
          );
        if (target.stageStatus[stage] !== 'Succeeded')
          throw new FakeServiceError(
            400,
            'UnableToRollbackStageException',
            `Execution ${target.pipelineExecutionId} did not succeed in stage ${stage}`
          );
        if (pipeline.executions.some((e) => e.stageStatus[stage] === 'InProgress'))
          throw new FakeServiceError(400, 'ConflictException', `Stage ${stage} is in progress`);
        const now = this.now();
        const rollback = this.addExecution(pipeline.name, {
          revisionId: target.revisionId,
          revisionSummary: target.revisionSummary,
          executionType: 'ROLLBACK',
          rollbackTargetPipelineExecutionId: target.pipelineExecutionId,
          status: 'InProgress',
          startTimeMs: now,
          lastUpdateTimeMs: now,
          stageStatus: { [stage]: 'InProgress' },
          readsLeft: this.stepsToFinish,
          outcome: this.nextOutcome,
        });
        return { pipelineExecutionId: rollback.pipelineExecutionId };
      }
      default:
        throw new FakeServiceError(
          400,
          'UnknownOperationException',
          `CodePipeline fake does not implement ${request.operation}`
        );
    }
  }
}
