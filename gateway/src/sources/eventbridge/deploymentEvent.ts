/**
 * CodeDeploy, CodePipeline and ECS deployment state changes from EventBridge → the deployment record the deploy
 * pollers keep (sources/codedeploy, codepipeline, ecs): the catalog service whose deploy target the event names, the
 * poller's id for the same deployment, so the next poll updates the record the event made (and fills in what an
 * event does not carry: the revision or task definition, the commit, the progress) instead of adding a second one.
 */
import type { AwsDeploymentEvent, CatalogService, Deployment, DeploymentSource } from '@opsdeck/contract';
import { parseDeployTarget, type ParsedDeployTarget } from '../../upstream/deployTarget';
import { codeDeployDeploymentId } from '../codedeploy/mapDeployment';
import { pipelineDeploymentId } from '../codepipeline/mapExecutions';
import { ecsDeploymentId } from '../ecs/mapService';

/** The environment the pollers stamp AWS deployments with (pollTarget.ts). */
const ENVIRONMENT = 'production';
/** What the record says until a poll reads the revision: the pollers' own word for an unknown one. */
const UNKNOWN_VERSION = 'unknown';

export interface DeploymentTargetMatch {
  service: CatalogService;
  /** The poller's id of this deployment. */
  id: string;
  source: DeploymentSource;
  url: string;
}

function targetOf(service: CatalogService): ParsedDeployTarget | null {
  try {
    return parseDeployTarget(service.deployTarget);
  } catch {
    // A malformed target is reported by the pollers and the rollback preview; here it matches nothing.
    return null;
  }
}

/** The catalog service the event's deploy target belongs to, or undefined when no service deploys through it. */
export function matchDeploymentTarget(
  event: AwsDeploymentEvent,
  catalog: readonly CatalogService[]
): DeploymentTargetMatch | undefined {
  const { target } = event.deployment;
  const region = event.region;
  for (const service of catalog) {
    const parsed = targetOf(service);
    if (!parsed || parsed.kind !== target.kind) continue;
    if (parsed.kind === 'codedeploy' && target.kind === 'codedeploy') {
      if (parsed.application !== target.application || parsed.deploymentGroup !== target.deploymentGroup) continue;
      return {
        service,
        id: codeDeployDeploymentId(target.deploymentId),
        source: 'codedeploy',
        url: `https://${region}.console.aws.amazon.com/codesuite/codedeploy/deployments/${encodeURIComponent(target.deploymentId)}?region=${region}`,
      };
    }
    if (parsed.kind === 'codepipeline' && target.kind === 'codepipeline') {
      if (parsed.pipeline !== target.pipeline) continue;
      return {
        service,
        id: pipelineDeploymentId(parsed.pipeline, target.executionId),
        source: 'codepipeline',
        url: `https://${region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${encodeURIComponent(parsed.pipeline)}/executions/${target.executionId}/timeline?region=${region}`,
      };
    }
    if (parsed.kind === 'ecs' && target.kind === 'ecs') {
      // The catalog may name the cluster by its ARN; the event's service ARN names it by name (or not at all).
      const clusterName = parsed.cluster.slice(parsed.cluster.lastIndexOf('/') + 1);
      if (parsed.service !== target.service || (target.cluster !== undefined && clusterName !== target.cluster))
        continue;
      return {
        service,
        id: ecsDeploymentId(parsed, target.service, target.deploymentId),
        source: 'ecs',
        url: `https://${region}.console.aws.amazon.com/ecs/v2/clusters/${encodeURIComponent(parsed.cluster)}/services/${encodeURIComponent(target.service)}/deployments?region=${region}`,
      };
    }
  }
  return undefined;
}

const FINISHED = new Set(['succeeded', 'failed', 'rolled_back']);

/**
 * The record after the event, or undefined when the event changes nothing. Events come at least once and in any
 * order: a late in-progress never reopens a finished deployment, an older finish never overrides a newer one, a
 * rollback (which only a poll can tell) stays a rollback, and what the record already knows (version, commit,
 * actor, start) stays.
 */
export function foldDeploymentEvent(
  existing: Deployment | undefined,
  event: AwsDeploymentEvent,
  match: DeploymentTargetMatch
): Deployment | undefined {
  const { status, at, reason, state, actor } = event.deployment;
  const base: Deployment = existing ?? {
    id: match.id,
    service: match.service.name,
    environment: ENVIRONMENT,
    version: UNKNOWN_VERSION,
    status,
    source: match.source,
    url: match.url,
    actor,
    startedAt: at,
  };
  const finished = existing !== undefined && FINISHED.has(existing.status);
  if (finished && (status === 'in_progress' || existing.status === 'rolled_back')) return undefined;
  if (finished && at < (existing.finishedAt ?? existing.startedAt)) return undefined;
  const next: Deployment = {
    ...base,
    url: base.url ?? match.url,
    actor: base.actor ?? actor,
    status,
    startedAt: Math.min(base.startedAt, at),
  };
  if (status === 'in_progress') {
    // A poll's progress (targets done, tasks running) says more than the event's state word.
    next.progress = existing?.progress ?? { detail: reason ?? `${event.detailType}: ${state}` };
    delete next.finishedAt;
  } else {
    next.finishedAt = Math.max(at, next.startedAt);
    if (status === 'failed') next.progress = { detail: reason ?? `${state}` };
    else delete next.progress;
  }
  return next;
}
