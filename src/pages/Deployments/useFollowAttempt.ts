import { useCallback, useEffect, useRef, useState } from 'react';
import { type EventSourceFactory, type GatewayClient, toGatewayError, useLiveEvents } from '@/api';
import { type DeploymentChangedPayload, type OpsdeckEvent, type RollbackAttempt } from '@opsdeck/contract';

/** How often the audit log is read while a rollback runs (live events may also move it on sooner). */
export const FOLLOW_POLL_MS = 2000;
const LIVE_TYPES = ['deployment.changed'] as const;

export interface FollowedAttempt {
  /** The newest state seen, from the start answer, a live event or the audit log. */
  attempt: RollbackAttempt;
  /** The attempt as the audit log holds it, once read; shown as the audit entry. */
  audited?: RollbackAttempt;
  /** The last audit-log read failed (the follow keeps trying). */
  error?: string;
}

function isRollbackEvent(
  event: OpsdeckEvent
): event is OpsdeckEvent<Extract<DeploymentChangedPayload, { kind: 'rollback' }>> {
  const payload = event.payload as Partial<DeploymentChangedPayload> | undefined;
  return payload?.kind === 'rollback';
}

/**
 * Follows one rollback attempt until the audit log records its outcome. Live `deployment.changed` events move
 * the progress on as they come; the audit log is read every FOLLOW_POLL_MS as well, because events missed during a
 * reconnect are only replayed if the gateway still holds them, and the audit entry is what the user must see.
 */
export function useFollowAttempt(
  client: GatewayClient,
  started: RollbackAttempt,
  eventSource?: EventSourceFactory
): FollowedAttempt {
  const [state, setState] = useState<FollowedAttempt>({ attempt: started });
  const auditedFinal = state.audited !== undefined && state.audited.outcome !== 'in_progress';
  const inFlight = useRef(false);

  useLiveEvents(
    client,
    LIVE_TYPES,
    (event) => {
      if (isRollbackEvent(event) && event.payload.attempt.id === started.id) {
        setState((s) => ({ ...s, attempt: event.payload.attempt }));
      }
    },
    eventSource
  );

  const readAudit = useCallback(async () => {
    if (inFlight.current) {
      return;
    }
    inFlight.current = true;
    try {
      const { attempts } = await client.rollbackHistory({ service: started.service, limit: 20 });
      const audited = attempts.find((a) => a.id === started.id);
      setState((s) => (audited ? { attempt: audited, audited } : { ...s, error: undefined }));
    } catch (err) {
      setState((s) => ({ ...s, error: toGatewayError(err).message }));
    } finally {
      inFlight.current = false;
    }
  }, [client, started.id, started.service]);

  useEffect(() => {
    if (auditedFinal) {
      return;
    }
    let active = true;
    const tick = () => active && void readAudit();
    tick();
    const timer = setInterval(tick, FOLLOW_POLL_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [auditedFinal, readAudit]);

  return state;
}
