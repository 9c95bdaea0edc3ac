import { useCallback, useEffect, useRef, useState } from 'react';
import { type EventSourceFactory, type GatewayClient, toGatewayError, useLiveEvents } from '@/api';
import { type OnCallResponse } from '@opsdeck/contract';

export const ONCALL_REFRESH_MS = 60_000;

export interface OnCallState {
  roster?: OnCallResponse;
  error?: string;
  loading: boolean;
}

/** Who is on call, reloaded on on-call events and every minute (shifts change on the hour). */
export function useOnCall(client: GatewayClient, eventSources?: EventSourceFactory): OnCallState {
  const [state, setState] = useState<OnCallState>({ loading: true });
  const mounted = useRef(true);

  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    client.onCall().then(
      (roster) => mounted.current && setState({ roster, loading: false }),
      (err) => mounted.current && setState((s) => ({ ...s, loading: false, error: toGatewayError(err).message }))
    );
  }, [client]);

  useEffect(() => {
    mounted.current = true;
    reload();
    const timer = setInterval(reload, ONCALL_REFRESH_MS);
    return () => {
      mounted.current = false;
      clearInterval(timer);
    };
  }, [reload]);

  useLiveEvents(client, ['oncall.changed'], reload, eventSources);
  return state;
}
