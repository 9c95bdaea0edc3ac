import { useCallback, useEffect, useRef, useState } from 'react';
import { type EventSourceFactory, type GatewayClient, toGatewayError, useLiveEvents } from '@/api';
import { type IncidentSummary } from '@opsdeck/contract';

export const INCIDENTS_REFRESH_MS = 30_000;
const LIVE_RELOAD_DEBOUNCE_MS = 300;
/** How many resolved incidents "recent" shows. */
export const RECENT_LIMIT = 20;

export interface IncidentsState {
  open?: IncidentSummary[];
  recent?: IncidentSummary[];
  error?: string;
  loading: boolean;
  /** Bumped on every incident event, so an open detail reloads too. */
  version: number;
}

/** Open incidents and the most recently resolved ones, reloaded on incident events and every 30 s. */
export function useIncidents(client: GatewayClient, eventSources?: EventSourceFactory): IncidentsState {
  const [state, setState] = useState<IncidentsState>({ loading: true, version: 0 });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const mounted = useRef(true);

  const reload = useCallback(() => {
    setState((s) => ({ ...s, loading: true }));
    Promise.all([client.incidents(), client.incidents({ status: 'resolved', limit: RECENT_LIMIT })]).then(
      ([open, recent]) =>
        mounted.current && setState((s) => ({ ...s, open: open.incidents, recent: recent.incidents, loading: false, error: undefined })),
      (err) => mounted.current && setState((s) => ({ ...s, loading: false, error: toGatewayError(err).message }))
    );
  }, [client]);

  useEffect(() => {
    mounted.current = true;
    reload();
    const interval = setInterval(reload, INCIDENTS_REFRESH_MS);
    return () => {
      mounted.current = false;
      clearInterval(interval);
      clearTimeout(timer.current);
    };
  }, [reload]);

  useLiveEvents(
    client,
    ['incident.changed', 'alert.changed'],
    () => {
      setState((s) => ({ ...s, version: s.version + 1 }));
      clearTimeout(timer.current);
      timer.current = setTimeout(reload, LIVE_RELOAD_DEBOUNCE_MS);
    },
    eventSources
  );

  return state;
}
