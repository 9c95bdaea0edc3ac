/**
 * What rolling back a CodeDeploy deployment group means (pure). In flight: StopDeployment with
 * autoRollbackEnabled, which makes CodeDeploy redeploy the last good revision itself. Otherwise: CreateDeployment
 * of the most recent successful revision other than the one now deployed.
 */
import type { DeploymentInfo, RevisionLocation } from '@aws-sdk/client-codedeploy';
import type { RollbackDecision, RollbackProgress } from '../../upstream/rollbackAdapter';
import { codeDeployStatus, isCodeDeployInFlight, revisionVersion, sameRevision } from './mapDeployment';

function lastGoodRevision(history: readonly DeploymentInfo[], current: DeploymentInfo): RevisionLocation | undefined {
  const succeeded = history.find(
    (d) => d !== current && d.status === 'Succeeded' && !sameRevision(d.revision, current.revision)
  );
  if (succeeded?.revision) return succeeded.revision;
  return sameRevision(current.previousRevision, current.revision) ? undefined : current.previousRevision;
}

/** `history` newest first. */
export function decideCodeDeployRollback(
  history: readonly DeploymentInfo[],
  target: { application: string; deploymentGroup: string }
): RollbackDecision {
  const current = history[0];
  if (!current?.deploymentId)
    return {
      kind: 'blocked',
      reason: `deployment group ${target.application}/${target.deploymentGroup} has no deployments`,
    };
  const from = {
    version: revisionVersion(current.revision),
    detail: `deployment ${current.deploymentId} (${current.status ?? 'unknown'})`,
  };
  const previous = lastGoodRevision(history, current);
  if (!previous) return { kind: 'blocked', reason: 'no earlier successful revision to roll back to', from };
  const to = { version: revisionVersion(previous), detail: 'last successful revision' };
  if (isCodeDeployInFlight(current)) {
    return {
      kind: 'plan',
      plan: {
        from,
        to: { ...to, detail: 'CodeDeploy redeploys the last successful revision after the stop' },
        action: {
          operation: 'StopDeployment',
          iamAction: 'codedeploy:StopDeployment',
          parameters: { deploymentId: current.deploymentId, autoRollbackEnabled: true },
        },
      },
    };
  }
  return {
    kind: 'plan',
    plan: {
      from,
      to,
      action: {
        operation: 'CreateDeployment',
        iamAction: 'codedeploy:CreateDeployment',
        parameters: {
          applicationName: target.application,
          deploymentGroupName: target.deploymentGroup,
          revision: previous,
          description: `Opsdeck rollback from ${from.version} to ${to.version}`,
        },
      },
    },
  };
}

/** How a deployment carrying the rollback is doing. */
export function codeDeployRollbackProgress(info: DeploymentInfo): RollbackProgress {
  const status = codeDeployStatus(info);
  if (status === 'succeeded') return { state: 'succeeded', detail: `deployment ${info.deploymentId} succeeded` };
  if (status === 'failed' || status === 'rolled_back') {
    return {
      state: 'failed',
      detail: `deployment ${info.deploymentId} ${info.status}${info.errorInformation?.message ? `: ${info.errorInformation.message}` : ''}`,
    };
  }
  return { state: 'in_progress', detail: `deployment ${info.deploymentId} ${info.status}` };
}

/**
 * Progress of a StopDeployment rollback, from the stopped deployment and (once CodeDeploy created it) the
 * rollback deployment.
 */
export function codeDeployStopProgress(
  stopped: DeploymentInfo,
  rollback: DeploymentInfo | undefined
): RollbackProgress {
  if (rollback) return codeDeployRollbackProgress(rollback);
  if (stopped.status === 'Succeeded')
    return { state: 'failed', detail: `deployment ${stopped.deploymentId} completed before it could be stopped` };
  if (isCodeDeployInFlight(stopped))
    return { state: 'in_progress', detail: `stopping deployment ${stopped.deploymentId}` };
  return {
    state: 'in_progress',
    detail: `deployment ${stopped.deploymentId} ${stopped.status}; waiting for CodeDeploy to start the rollback deployment`,
  };
}
