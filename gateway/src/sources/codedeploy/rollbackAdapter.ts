/** CodeDeploy rollback I/O: reads for the decision, the one write, and progress reads. */
import {
  CreateDeploymentCommand,
  GetDeploymentCommand,
  StopDeploymentCommand,
  type CodeDeployClient,
  type RevisionLocation,
} from '@aws-sdk/client-codedeploy';
import { callUpstream } from '../../upstream/upstreamCall';
import type { RollbackAdapter, RollbackPlan, TargetOf } from '../../upstream/rollbackAdapter';
import { readCodeDeployDeployments } from './readDeployments';
import { codeDeployRollbackProgress, codeDeployStopProgress, decideCodeDeployRollback } from './rollbackDecision';

/** Enough history to find the last good revision behind a run of failures. */
const HISTORY_LIMIT = 25;

export class CodeDeployRollbackAdapter implements RollbackAdapter<'codedeploy'> {
  readonly kind = 'codedeploy' as const;

  constructor(private readonly client: CodeDeployClient) {}

  async decide(target: TargetOf<'codedeploy'>) {
    return decideCodeDeployRollback(
      await readCodeDeployDeployments(this.client, target, { limit: HISTORY_LIMIT }),
      target
    );
  }

  async execute(_target: TargetOf<'codedeploy'>, plan: RollbackPlan): Promise<string> {
    const p = plan.action.parameters;
    if (plan.action.operation === 'StopDeployment') {
      await callUpstream('codedeploy:StopDeployment', () =>
        this.client.send(new StopDeploymentCommand({ deploymentId: String(p.deploymentId), autoRollbackEnabled: true }))
      );
      return String(p.deploymentId);
    }
    const created = await callUpstream('codedeploy:CreateDeployment', () =>
      this.client.send(
        new CreateDeploymentCommand({
          applicationName: String(p.applicationName),
          deploymentGroupName: String(p.deploymentGroupName),
          revision: p.revision as RevisionLocation,
          description: String(p.description),
        })
      )
    );
    if (!created.deploymentId) throw new Error('CreateDeployment answered without a deploymentId');
    return created.deploymentId;
  }

  private async get(deploymentId: string) {
    const { deploymentInfo } = await callUpstream('codedeploy:GetDeployment', () =>
      this.client.send(new GetDeploymentCommand({ deploymentId }))
    );
    if (!deploymentInfo) throw new Error(`GetDeployment ${deploymentId} answered without deploymentInfo`);
    return deploymentInfo;
  }

  async progress(_target: TargetOf<'codedeploy'>, plan: RollbackPlan, upstreamId: string) {
    const info = await this.get(upstreamId);
    if (plan.action.operation !== 'StopDeployment') return codeDeployRollbackProgress(info);
    const rollbackId = info.rollbackInfo?.rollbackDeploymentId;
    return codeDeployStopProgress(info, rollbackId ? await this.get(rollbackId) : undefined);
  }
}
