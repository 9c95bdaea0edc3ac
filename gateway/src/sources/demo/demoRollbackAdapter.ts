/**
 * Rollback for the demo fleet: plans the same single call the AWS adapter would make for the service's deploy target
 * (so the preview reads like the real one), then "runs" it against the stored records: a rollback deployment
 * appears, moves through three progress steps (one per progress look) and succeeds, and the deployment it replaced
 * is marked rolled back. Deterministic, so browser tests can follow it.
 */
import type { Deployment, RollbackAction, RollbackTargetKind } from '@opsdeck/contract';
import type { ParsedDeployTarget } from '../../upstream/deployTarget';
import type {
  RollbackAdapter,
  RollbackDecision,
  RollbackPlan,
  RollbackProgress,
  TargetOf,
} from '../../upstream/rollbackAdapter';

export const DEMO_ROLLBACK_STEPS = 3;

export interface DemoRollbackDeps {
  /** The service's stored records, newest first. */
  history(service: string): Promise<Deployment[]>;
  /** Stores the records and pushes them live. */
  publish(deployments: Deployment[]): Promise<void>;
  now(): number;
}

interface RunningRollback {
  steps: number;
  rollback: Deployment;
  replaced: Deployment;
}

const IN_FLIGHT: ReadonlySet<Deployment['status']> = new Set(['started', 'in_progress']);

function action(target: ParsedDeployTarget, current: Deployment, to: Deployment): RollbackAction {
  const inFlight = IN_FLIGHT.has(current.status);
  switch (target.kind) {
    case 'codedeploy':
      return inFlight
        ? {
            operation: 'StopDeployment',
            iamAction: 'codedeploy:StopDeployment',
            parameters: { deploymentId: current.id, autoRollbackEnabled: true },
          }
        : {
            operation: 'CreateDeployment',
            iamAction: 'codedeploy:CreateDeployment',
            parameters: {
              applicationName: target.application,
              deploymentGroupName: target.deploymentGroup,
              revision: to.version,
            },
          };
    case 'codepipeline':
      return {
        operation: 'RollbackStage',
        iamAction: 'codepipeline:RollbackStage',
        parameters: {
          pipelineName: target.pipeline,
          stageName: target.stage ?? 'Deploy',
          targetPipelineExecutionId: to.id,
        },
      };
    case 'lambda':
      return {
        operation: 'UpdateAlias',
        iamAction: 'lambda:UpdateAlias',
        parameters: {
          FunctionName: target.functionName,
          Name: target.alias,
          FunctionVersion: to.version,
          RoutingConfig: { AdditionalVersionWeights: {} },
        },
      };
    case 'ecs':
      return inFlight
        ? {
            operation: 'StopServiceDeployment',
            iamAction: 'ecs:StopServiceDeployment',
            parameters: { serviceDeploymentArn: current.id, stopType: 'ROLLBACK' },
          }
        : {
            operation: 'UpdateService',
            iamAction: 'ecs:UpdateService',
            parameters: { cluster: target.cluster, service: target.service, taskDefinition: to.version },
          };
  }
}

export class DemoRollbackAdapter<K extends RollbackTargetKind> implements RollbackAdapter<K> {
  private readonly running = new Map<string, RunningRollback>();

  constructor(
    readonly kind: K,
    private readonly service: (target: ParsedDeployTarget) => string | undefined,
    private readonly deps: DemoRollbackDeps
  ) {}

  async decide(target: TargetOf<K>, history: readonly Deployment[]): Promise<RollbackDecision> {
    const parsed = target as ParsedDeployTarget;
    const current = history[0];
    if (!current) return { kind: 'blocked', reason: 'no deployment of this service is recorded yet' };
    const from = {
      version: current.version,
      detail: `${current.status.replace('_', ' ')} since ${new Date(current.finishedAt ?? current.startedAt).toISOString()}`,
    };
    if (current.status === 'failed') {
      return {
        kind: 'blocked',
        reason: `${current.version} failed to roll out; the previous version is still serving`,
        from,
      };
    }
    if (current.status === 'rolled_back') {
      return { kind: 'blocked', reason: `${current.version} is already rolled back`, from };
    }
    const to = history.slice(1).find((d) => d.status === 'succeeded' && d.version !== current.version);
    if (!to) return { kind: 'blocked', reason: 'no earlier successful deployment to go back to', from };
    return {
      kind: 'plan',
      plan: {
        from,
        to: { version: to.version, detail: `deployed ${new Date(to.finishedAt ?? to.startedAt).toISOString()}` },
        action: action(parsed, current, to),
      },
    };
  }

  async execute(target: TargetOf<K>, plan: RollbackPlan): Promise<string> {
    const service = this.service(target as ParsedDeployTarget);
    const history = service ? await this.deps.history(service) : [];
    const replaced = history.find((d) => d.version === plan.from.version);
    if (!service || !replaced) throw new Error(`demo: ${plan.from.version} is no longer the recorded deployment`);
    const now = this.deps.now();
    const rollback: Deployment = {
      id: `${replaced.id}:rollback:${now}`,
      service,
      environment: replaced.environment,
      version: plan.to.version,
      status: 'in_progress',
      source: 'demo',
      actor: 'opsdeck rollback',
      startedAt: now,
      previousVersion: replaced.version,
      rollbackOf: replaced.id,
      progress: { percent: 0, detail: `${plan.action.operation} accepted` },
    };
    this.running.set(rollback.id, { steps: 0, rollback, replaced });
    await this.deps.publish([rollback]);
    return rollback.id;
  }

  async progress(_target: TargetOf<K>, plan: RollbackPlan, upstreamId: string): Promise<RollbackProgress> {
    const run = this.running.get(upstreamId);
    if (!run) throw new Error(`demo: unknown rollback ${upstreamId}`);
    run.steps++;
    const now = this.deps.now();
    if (run.steps < DEMO_ROLLBACK_STEPS) {
      const percent = Math.round((100 * run.steps) / DEMO_ROLLBACK_STEPS);
      const detail = `${percent}% of traffic back on ${plan.to.version}`;
      run.rollback = { ...run.rollback, progress: { percent, detail } };
      await this.deps.publish([run.rollback]);
      return { state: 'in_progress', detail };
    }
    this.running.delete(upstreamId);
    const detail = `${plan.to.version} serving all traffic again`;
    await this.deps.publish([
      { ...run.rollback, status: 'succeeded', finishedAt: now, progress: { percent: 100, detail } },
      { ...run.replaced, status: 'rolled_back', finishedAt: run.replaced.finishedAt ?? now, progress: undefined },
    ]);
    return { state: 'succeeded', detail };
  }
}

/** One demo adapter per deploy target kind; `serviceOf` maps a parsed target back to its catalog service. */
export function demoRollbackAdapters(
  serviceOf: (target: ParsedDeployTarget) => string | undefined,
  deps: DemoRollbackDeps
): Record<RollbackTargetKind, RollbackAdapter> {
  return {
    codedeploy: new DemoRollbackAdapter('codedeploy', serviceOf, deps),
    codepipeline: new DemoRollbackAdapter('codepipeline', serviceOf, deps),
    lambda: new DemoRollbackAdapter('lambda', serviceOf, deps),
    ecs: new DemoRollbackAdapter('ecs', serviceOf, deps),
  } as Record<RollbackTargetKind, RollbackAdapter>;
}
