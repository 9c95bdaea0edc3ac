/**
 * ECS service deployments → Deployment records (pure). DescribeServices shows only the PRIMARY deployment and, while
 * it rolls out, the ACTIVE ones it replaces; finished ones drop out. So a recorded rollout that disappears is
 * settled by comparing with what now runs.
 */
import type { Deployment as EcsDeployment, Service } from '@aws-sdk/client-ecs';
import type { Deployment, DeploymentStatus } from '@opsdeck/contract';
import { toEpochMs } from '../../upstream/parse/epochMs';

export interface EcsContext {
  service: string;
  environment: string;
  region: string;
  cluster: string;
}

/** "arn:…:task-definition/inventory-api:42" → "inventory-api:42" (UpdateService accepts that spelling too). */
export function taskDefinitionLabel(taskDefinition: string | undefined): string {
  if (!taskDefinition) return 'unknown';
  const at = taskDefinition.indexOf('task-definition/');
  return at >= 0 ? taskDefinition.slice(at + 'task-definition/'.length) : taskDefinition;
}

export function ecsRolloutStatus(d: EcsDeployment): DeploymentStatus {
  switch (d.rolloutState) {
    case 'COMPLETED':
      return 'succeeded';
    case 'FAILED':
      return 'failed';
    default:
      return 'in_progress';
  }
}

export function ecsDeploymentId(
  context: Pick<EcsContext, 'cluster'>,
  serviceName: string,
  deploymentId: string
): string {
  return `ecs:${context.cluster}/${serviceName}:${deploymentId}`;
}

export function primaryDeployment(service: Service): EcsDeployment | undefined {
  return service.deployments?.find((d) => d.status === 'PRIMARY');
}

/** `known`: this service's earlier ECS records, newest first. Returns the records to upsert. */
export function mapEcsService(
  service: Service,
  known: readonly Deployment[],
  context: EcsContext,
  now: number
): Deployment[] {
  const serviceName = service.serviceName ?? context.service;
  const primary = primaryDeployment(service);
  const replaced = service.deployments?.find((d) => d.status === 'ACTIVE');
  const seen = new Set<string>();
  const upserts: Deployment[] = [];
  for (const d of service.deployments ?? []) {
    if (!d.id) continue;
    const id = ecsDeploymentId(context, serviceName, d.id);
    seen.add(id);
    const status = ecsRolloutStatus(d);
    const existing = known.find((k) => k.id === id);
    const previous =
      d === primary
        ? replaced
          ? taskDefinitionLabel(replaced.taskDefinition)
          : known.find((k) => k.id !== id)?.version
        : undefined;
    upserts.push({
      id,
      service: context.service,
      environment: context.environment,
      version: taskDefinitionLabel(d.taskDefinition),
      status,
      source: 'ecs',
      url: `https://${context.region}.console.aws.amazon.com/ecs/v2/clusters/${encodeURIComponent(context.cluster)}/services/${encodeURIComponent(serviceName)}/deployments?region=${context.region}`,
      startedAt: existing?.startedAt ?? toEpochMs(d.createdAt) ?? now,
      finishedAt: status === 'in_progress' ? undefined : (existing?.finishedAt ?? toEpochMs(d.updatedAt) ?? now),
      progress:
        status === 'in_progress' && d.desiredCount
          ? {
              percent: Math.round((100 * (d.runningCount ?? 0)) / d.desiredCount),
              detail: `${d.runningCount ?? 0} of ${d.desiredCount} tasks running${d.failedTasks ? `, ${d.failedTasks} failed` : ''}`,
            }
          : status === 'failed' && d.rolloutStateReason
            ? { detail: d.rolloutStateReason }
            : undefined,
      previousVersion: existing?.previousVersion ?? previous,
    });
  }
  const running = primary ? taskDefinitionLabel(primary.taskDefinition) : undefined;
  for (const record of known) {
    if (seen.has(record.id) || record.status !== 'in_progress') continue;
    // Gone before completing: back on the version it replaced means rolled back; anything else replaced it.
    const rolledBack = record.previousVersion !== undefined && record.previousVersion === running;
    upserts.push({
      ...record,
      status: rolledBack ? 'rolled_back' : 'failed',
      finishedAt: now,
      progress: { detail: rolledBack ? `rolled back to ${running}` : 'replaced before it completed' },
    });
  }
  return upserts;
}
