/**
 * Where rollback attempts go: the attempts table (the Rollback history view), a `deployment.changed` event on every
 * change (the page follows progress live), and one audit-log entry per attempt when it ends.
 */
import type { DeploymentChangedPayload, RollbackAttempt } from '@opsdeck/contract';
import type { AuditOutcome, Store } from '../../store';
import type { DeploymentStore } from '../store/deploymentStore';
import type { RollbackAuditSink } from './rollbackService';

export const ROLLBACK_AUDIT_ACTION = 'deployment.rollback';

const AUDIT_OUTCOME: Record<Exclude<RollbackAttempt['outcome'], 'in_progress'>, AuditOutcome> = {
  succeeded: 'success',
  failed: 'failure',
  refused: 'denied',
};

export function rollbackAuditSink(
  deployments: DeploymentStore,
  store: Pick<Store, 'appendEvent' | 'appendAudit'>,
  now: () => number
): RollbackAuditSink {
  return {
    async record(attempt) {
      await deployments.recordAttempt(attempt);
      await store.appendEvent<DeploymentChangedPayload>({
        type: 'deployment.changed',
        at: now(),
        service: attempt.service,
        payload: { kind: 'rollback', attempt },
      });
      if (attempt.outcome !== 'in_progress') {
        await store.appendAudit({
          at: attempt.finishedAt ?? now(),
          user: attempt.user,
          action: ROLLBACK_AUDIT_ACTION,
          target: attempt.service,
          outcome: AUDIT_OUTCOME[attempt.outcome],
          detail: {
            attemptId: attempt.id,
            deploymentId: attempt.deploymentId,
            reason: attempt.reason,
            preview: attempt.preview,
            outcome: attempt.outcome,
            message: attempt.message,
            upstreamId: attempt.upstreamId,
          },
        });
      }
    },
  };
}
