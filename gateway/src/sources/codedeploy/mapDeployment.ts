/** CodeDeploy DeploymentInfo → Opsdeck Deployment (pure). */
import type { DeploymentInfo, RevisionLocation } from '@aws-sdk/client-codedeploy';
import type { Deployment, DeploymentProgress, DeploymentStatus } from '@opsdeck/contract';
import { toEpochMs } from '../../upstream/parse/epochMs';

export interface CodeDeployContext {
  service: string;
  environment: string;
  region: string;
}

const IN_FLIGHT = new Set(['Created', 'Queued', 'InProgress', 'Baking', 'Ready']);

export function isCodeDeployInFlight(info: Pick<DeploymentInfo, 'status'>): boolean {
  return IN_FLIGHT.has(info.status ?? '');
}

/** A short, human-recognisable name for a revision: the bundle key and version, or repository@commit. */
export function revisionVersion(revision: RevisionLocation | undefined): string {
  if (!revision) return 'unknown';
  const s3 = revision.s3Location;
  if (s3?.key) {
    const tag = s3.version ?? s3.eTag?.replace(/"/g, '').slice(0, 8);
    return tag ? `${s3.key}#${tag}` : s3.key;
  }
  const git = revision.gitHubLocation;
  if (git?.commitId) return `${git.repository ?? 'github'}@${git.commitId.slice(0, 12)}`;
  const sha = revision.appSpecContent?.sha256 ?? revision.string?.sha256;
  if (sha) return `appspec:${sha.slice(0, 12)}`;
  return revision.revisionType ?? 'unknown';
}

/** Equality of revisions by what they point at, so a rollback target is never the revision already running. */
export function sameRevision(a: RevisionLocation | undefined, b: RevisionLocation | undefined): boolean {
  return a !== undefined && b !== undefined && revisionVersion(a) === revisionVersion(b);
}

export function codeDeployStatus(info: DeploymentInfo): DeploymentStatus {
  const rolledBack = Boolean(info.rollbackInfo?.rollbackDeploymentId);
  switch (info.status) {
    case 'Created':
    case 'Queued':
      return 'started';
    case 'InProgress':
    case 'Baking':
    case 'Ready':
      return 'in_progress';
    case 'Succeeded':
      return 'succeeded';
    case 'Failed':
    case 'Stopped':
      return rolledBack ? 'rolled_back' : 'failed';
    default:
      return 'in_progress';
  }
}

function progressOf(info: DeploymentInfo): DeploymentProgress | undefined {
  const o = info.deploymentOverview;
  if (!o || !isCodeDeployInFlight(info)) return undefined;
  const done = (o.Succeeded ?? 0) + (o.Failed ?? 0) + (o.Skipped ?? 0);
  const total = done + (o.Pending ?? 0) + (o.InProgress ?? 0) + (o.Ready ?? 0);
  if (total === 0) return { detail: info.status ?? 'in progress' };
  return {
    percent: Math.round((100 * done) / total),
    detail: `${done} of ${total} targets done${o.Failed ? `, ${o.Failed} failed` : ''}`,
  };
}

export function codeDeployDeploymentId(deploymentId: string): string {
  return `codedeploy:${deploymentId}`;
}

export function mapCodeDeployDeployment(info: DeploymentInfo, context: CodeDeployContext): Deployment | null {
  const startedAt = toEpochMs(info.startTime) ?? toEpochMs(info.createTime);
  if (!info.deploymentId || startedAt === undefined) return null;
  const status = codeDeployStatus(info);
  const triggering = info.rollbackInfo?.rollbackTriggeringDeploymentId;
  const commit = info.revision?.gitHubLocation?.commitId;
  return {
    id: codeDeployDeploymentId(info.deploymentId),
    service: context.service,
    environment: context.environment,
    version: revisionVersion(info.revision),
    status,
    source: 'codedeploy',
    commit,
    url: `https://${context.region}.console.aws.amazon.com/codesuite/codedeploy/deployments/${encodeURIComponent(info.deploymentId)}?region=${context.region}`,
    actor: info.creator === 'codeDeployRollback' ? 'CodeDeploy automatic rollback' : info.creator,
    startedAt,
    finishedAt: toEpochMs(info.completeTime),
    progress: progressOf(info),
    previousVersion: info.previousRevision ? revisionVersion(info.previousRevision) : undefined,
    rollbackOf: triggering ? codeDeployDeploymentId(triggering) : undefined,
  };
}
