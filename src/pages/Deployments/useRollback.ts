import { useCallback, useEffect, useState } from 'react';
import { type GatewayClient, type RollbackAccess } from '@/api';
import { type Deployment, type RollbackAttempt, type RollbackPreview } from '@opsdeck/contract';
import { ADMIN_ONLY_MESSAGE, explainRollbackError, type OrgRole } from './rollbackAccess';

export type RollbackState =
  | { step: 'loading' }
  /** Nothing can be started from here: why (admin only, no deploy target, refused, unreachable). */
  | { step: 'unavailable'; message: string }
  /** Another rollback of this service is running; it can be followed instead. */
  | { step: 'running-elsewhere'; attempt: RollbackAttempt }
  | { step: 'review'; preview: RollbackPreview; access: RollbackAccess; starting: boolean; startError?: string }
  | { step: 'following'; attempt: RollbackAttempt };

/** True when the preview plans one upstream call and nothing stands in its way. */
export function previewAllowsRollback(preview: RollbackPreview): boolean {
  return !preview.blockedReason && preview.missingPermissions.length === 0 && !!preview.action && !!preview.to;
}

/**
 * The guarded rollback of one deployment: who may run it (the gateway's policy), the preview, then the start.
 * Nothing is sent upstream before start(), and start() sends the previewed `to` version so a plan that changed
 * in between is refused by the gateway instead of run.
 */
export function useRollback(client: GatewayClient, deployment: Deployment, role: OrgRole) {
  const [state, setState] = useState<RollbackState>({ step: 'loading' });

  useEffect(() => {
    let current = true;
    const settle = (next: RollbackState) => current && setState(next);
    (async () => {
      const detail = await client.deployment(deployment.id);
      if (detail.rollback.adminOnly && role !== 'Admin') {
        return settle({ step: 'unavailable', message: ADMIN_ONLY_MESSAGE });
      }
      const access: RollbackAccess = detail.rollback.adminOnly ? 'admin' : 'editor';
      const answer = await client.previewRollback(deployment.id, access);
      if (answer.rollback.running) {
        return settle({ step: 'running-elsewhere', attempt: answer.rollback.running });
      }
      settle({ step: 'review', preview: answer.preview, access, starting: false });
    })().catch((err: unknown) => settle({ step: 'unavailable', message: explainRollbackError(err, role) }));
    return () => {
      current = false;
    };
  }, [client, deployment.id, role]);

  const start = useCallback(
    async (confirm: string, reason: string) => {
      if (state.step !== 'review') {
        return;
      }
      const { preview, access } = state;
      setState({ ...state, starting: true, startError: undefined });
      try {
        const { attempt } = await client.startRollback(
          deployment.id,
          { confirm, reason, to: preview.to?.version },
          access
        );
        setState({ step: 'following', attempt });
      } catch (err) {
        setState({ ...state, starting: false, startError: explainRollbackError(err, role) });
      }
    },
    [client, deployment.id, role, state]
  );

  const follow = useCallback((attempt: RollbackAttempt) => setState({ step: 'following', attempt }), []);

  return { state, start, follow };
}
