/**
 * Fake CodeDeploy: AWS JSON 1.1, `x-amz-target: CodeDeploy_20141006.<Op>` (as in @aws-sdk/client-codedeploy's
 * dist-cjs). Stateful: CreateDeployment and StopDeployment change what later reads return, and a deployment in
 * flight finishes after `stepsToFinish` reads.
 */
import { FakeServiceError, Json11FakeServer, epochSeconds, type DeployFakeRequest } from './deployFakeServer';

export interface WireRevision {
  revisionType: 'S3' | 'GitHub' | 'String' | 'AppSpecContent';
  s3Location?: { bucket: string; key: string; bundleType?: string; version?: string; eTag?: string };
  gitHubLocation?: { repository: string; commitId: string };
  appSpecContent?: { content?: string; sha256?: string };
}

type Status = 'Created' | 'Queued' | 'InProgress' | 'Baking' | 'Ready' | 'Succeeded' | 'Failed' | 'Stopped';

export interface FakeCodeDeployDeployment {
  deploymentId: string;
  applicationName: string;
  deploymentGroupName: string;
  status: Status;
  revision: WireRevision;
  previousRevision?: WireRevision;
  creator: 'user' | 'autoscaling' | 'codeDeployRollback' | 'CodeDeploy' | 'CloudFormation';
  description?: string;
  createTimeMs: number;
  completeTimeMs?: number;
  rollbackInfo?: { rollbackDeploymentId?: string; rollbackTriggeringDeploymentId?: string; rollbackMessage?: string };
  /** Reads left before an in-flight deployment finishes. */
  readsLeft: number;
  /** How it finishes. */
  outcome: 'Succeeded' | 'Failed';
}

const IN_FLIGHT: ReadonlySet<Status> = new Set(['Created', 'Queued', 'InProgress', 'Baking', 'Ready']);

export class CodeDeployFake extends Json11FakeServer {
  readonly deployments: FakeCodeDeployDeployment[] = [];
  stepsToFinish = 2;
  /** Outcome of the next deployment this fake creates (CreateDeployment or an automatic rollback). */
  nextOutcome: 'Succeeded' | 'Failed' = 'Succeeded';
  pageSize = 100;
  now: () => number = () => Date.now();
  private counter = 0;

  add(
    deployment: Partial<FakeCodeDeployDeployment> &
      Pick<FakeCodeDeployDeployment, 'applicationName' | 'deploymentGroupName' | 'revision'>
  ): FakeCodeDeployDeployment {
    const full: FakeCodeDeployDeployment = {
      deploymentId: deployment.deploymentId ?? this.nextId(),
      status: 'Succeeded',
      creator: 'user',
      createTimeMs: this.now(),
      readsLeft: this.stepsToFinish,
      outcome: 'Succeeded',
      ...deployment,
    };
    if (!IN_FLIGHT.has(full.status) && full.completeTimeMs === undefined)
      full.completeTimeMs = full.createTimeMs + 60_000;
    this.deployments.push(full);
    return full;
  }

  find(id: string): FakeCodeDeployDeployment | undefined {
    return this.deployments.find((d) => d.deploymentId === id);
  }

  private nextId(): string {
    this.counter++;
    return `d-FAKE${String(this.counter).padStart(5, '0')}`;
  }

  private tick(): void {
    for (const d of this.deployments) {
      if (!IN_FLIGHT.has(d.status)) continue;
      d.readsLeft--;
      if (d.readsLeft <= 0) {
        d.status = d.outcome;
        d.completeTimeMs = this.now();
      }
    }
  }

  private wire(d: FakeCodeDeployDeployment): Record<string, unknown> {
    const done = !IN_FLIGHT.has(d.status);
    return {
      deploymentId: d.deploymentId,
      applicationName: d.applicationName,
      deploymentGroupName: d.deploymentGroupName,
      status: d.status,
      revision: d.revision,
      previousRevision: d.previousRevision,
      creator: d.creator,
      description: d.description,
      createTime: epochSeconds(d.createTimeMs),
      startTime: epochSeconds(d.createTimeMs),
      completeTime: d.completeTimeMs === undefined ? undefined : epochSeconds(d.completeTimeMs),
      rollbackInfo: d.rollbackInfo,
      deploymentOverview: done
        ? {
            Pending: 0,
            InProgress: 0,
            Succeeded: d.status === 'Succeeded' ? 4 : 1,
            Failed: d.status === 'Failed' ? 3 : 0,
            Skipped: 0,
            Ready: 0,
          }
        : { Pending: 2, InProgress: 1, Succeeded: 1, Failed: 0, Skipped: 0, Ready: 0 },
    };
  }

  private lastSucceeded(application: string, group: string): FakeCodeDeployDeployment | undefined {
    return this.deployments
      .filter((d) => d.applicationName === application && d.deploymentGroupName === group && d.status === 'Succeeded')
      .sort((a, b) => b.createTimeMs - a.createTimeMs)[0];
  }

  private create(
    application: string,
    group: string,
    revision: WireRevision,
    creator: FakeCodeDeployDeployment['creator'],
    description?: string
  ): FakeCodeDeployDeployment {
    const previous = this.lastSucceeded(application, group);
    const created = this.add({
      applicationName: application,
      deploymentGroupName: group,
      revision,
      previousRevision: previous?.revision,
      creator,
      description,
      status: 'InProgress',
      readsLeft: this.stepsToFinish,
      outcome: this.nextOutcome,
    });
    return created;
  }

  private get(id: unknown): FakeCodeDeployDeployment {
    const found = typeof id === 'string' ? this.find(id) : undefined;
    if (!found)
      throw new FakeServiceError(
        400,
        'DeploymentDoesNotExistException',
        `The deployment ${String(id)} could not be found.`
      );
    return found;
  }

  protected handle(request: DeployFakeRequest): unknown {
    const input = JSON.parse(request.body || '{}') as Record<string, unknown>;
    switch (request.operation) {
      case 'ListDeployments': {
        this.tick();
        const statuses = input.includeOnlyStatuses as string[] | undefined;
        const ids = this.deployments
          .filter(
            (d) => d.applicationName === input.applicationName && d.deploymentGroupName === input.deploymentGroupName
          )
          .filter((d) => !statuses || statuses.includes(d.status))
          .sort((a, b) => b.createTimeMs - a.createTimeMs)
          .map((d) => d.deploymentId);
        const start = Number(input.nextToken ?? 0);
        const page = ids.slice(start, start + this.pageSize);
        return {
          deployments: page,
          nextToken: start + this.pageSize < ids.length ? String(start + this.pageSize) : undefined,
        };
      }
      case 'BatchGetDeployments': {
        this.tick();
        const ids = (input.deploymentIds as string[] | undefined) ?? [];
        if (ids.length > 25)
          throw new FakeServiceError(
            400,
            'BatchLimitExceededException',
            'The maximum number of names or IDs allowed for this request (25) was exceeded.'
          );
        return {
          deploymentsInfo: ids
            .map((id) => this.find(id))
            .filter((d) => d !== undefined)
            .map((d) => this.wire(d)),
        };
      }
      case 'GetDeployment':
        this.tick();
        return { deploymentInfo: this.wire(this.get(input.deploymentId)) };
      case 'CreateDeployment': {
        const revision = input.revision as WireRevision | undefined;
        if (!revision)
          throw new FakeServiceError(400, 'RevisionRequiredException', 'The revision ID was not specified.');
        const application = String(input.applicationName);
        const group = String(input.deploymentGroupName);
        const busy = this.deployments.find(
          (d) => d.applicationName === application && d.deploymentGroupName === group && IN_FLIGHT.has(d.status)
        );
        if (busy)
          throw new FakeServiceError(
            400,
            'DeploymentLimitExceededException',
            `The deployment group ${group} has an active deployment ${busy.deploymentId}.`
          );
        return {
          deploymentId: this.create(application, group, revision, 'user', input.description as string | undefined)
            .deploymentId,
        };
      }
      case 'StopDeployment': {
        const stopped = this.get(input.deploymentId);
        if (!IN_FLIGHT.has(stopped.status))
          throw new FakeServiceError(
            400,
            'DeploymentAlreadyCompletedException',
            `The deployment ${stopped.deploymentId} is already completed.`
          );
        stopped.status = 'Stopped';
        stopped.completeTimeMs = this.now();
        if (input.autoRollbackEnabled === true && stopped.previousRevision) {
          const rollback = this.create(
            stopped.applicationName,
            stopped.deploymentGroupName,
            stopped.previousRevision,
            'codeDeployRollback'
          );
          rollback.rollbackInfo = {
            rollbackTriggeringDeploymentId: stopped.deploymentId,
            rollbackMessage: `Rollback of ${stopped.deploymentId} requested by StopDeployment`,
          };
          stopped.rollbackInfo = {
            rollbackDeploymentId: rollback.deploymentId,
            rollbackMessage: 'Deployment stopped; automatic rollback started',
          };
        }
        return { status: 'Pending', statusMessage: 'Stop request accepted' };
      }
      default:
        throw new FakeServiceError(
          400,
          'UnknownOperationException',
          `CodeDeploy fake does not implement ${request.operation}`
        );
    }
  }
}
