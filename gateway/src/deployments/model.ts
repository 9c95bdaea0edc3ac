/**
 * Deployment domain model on the gateway side: the status rules every source shares. Contract types live in
 * contract/src/deployments.ts; the parsed deploy target in upstream/deployTarget.ts.
 */
import type { Deployment, DeploymentStatus } from '@opsdeck/contract';

const FINISHED: ReadonlySet<DeploymentStatus> = new Set(['succeeded', 'failed', 'rolled_back']);

export function isFinished(status: DeploymentStatus): boolean {
  return FINISHED.has(status);
}

/** A deployment that ended badly: it failed, or the platform (or a person) rolled it back. */
export function isFailedChange(deployment: Deployment): boolean {
  return deployment.status === 'failed' || deployment.status === 'rolled_back';
}

/** Newest first, the order every listing uses; ties broken by id so the order is stable. */
export function newestFirst(a: Deployment, b: Deployment): number {
  return b.startedAt - a.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
