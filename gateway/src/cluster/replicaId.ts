import os from 'node:os';

/**
 * The name this gateway process goes by among replicas: OPSDECK_REPLICA_ID when set (stable names in compose or
 * Kubernetes), else hostname and pid, unique on one machine and across containers.
 */
export function replicaId(configured: string | undefined, hostname = os.hostname(), pid = process.pid): string {
  return configured ?? `${hostname}-${pid}`;
}
