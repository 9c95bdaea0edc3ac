import { useCallback, useEffect, useRef, useState } from 'react';
import { type EventSourceFactory, type GatewayClient, toGatewayError, useLiveEvents } from '@/api';
import { type Alert, type AlertChangedPayload, type AlertListQuery } from '@opsdeck/contract';
import { applyAlertChange } from './alertFilters';

/** A full reload is the safety net for anything the live stream missed. */
export const ALERTS_REFRESH_MS = 30_000;
/** Several events in a burst lead to one reload. */
export const LIVE_RELOAD_DEBOUNCE_MS = 100;

export interface AlertsState {
  alerts?: Alert[];
  error?: string;
  loading: boolean;
  updatedAt?: number;
}

/**
 * The alerts matching `query`, kept current: a changed alert is patched in at once from its live event, and the list
 * is reloaded shortly after (new alerts, filter membership) and every 30 s.
 */
export function useAlerts(client: GatewayClient, query: AlertListQuery, eventSources?: EventSourceFactory) {
  const [state, setState] = useState<AlertsState>({ loading: true });
  const queryKey = JSON.stringify(query);
  const generation = useRef(0);
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>();

  const reload = useCallback(() => {
    // A slower answer to an older filter must never overwrite the newer one.
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    client.alerts(JSON.parse(queryKey) as AlertListQuery).then(
      ({ alerts }) => mine === generation.current && setState({ alerts, loading: false, updatedAt: Date.now() }),
      (err) => mine === generation.current && setState((s) => ({ ...s, loading: false, error: toGatewayError(err).message }))
    );
  }, [client, queryKey]);

  useEffect(() => {
    reload();
    const timer = setInterval(reload, ALERTS_REFRESH_MS);
    return () => {
      clearInterval(timer);
      clearTimeout(reloadTimer.current);
      generation.current++;
    };
  }, [reload]);

  const patch = useCallback((changed: Alert) => {
    setState((s) => (s.alerts ? { ...s, alerts: applyAlertChange(s.alerts, changed) } : s));
  }, []);

  useLiveEvents(
    client,
    ['alert.changed'],
    (event) => {
      const alert = (event.payload as AlertChangedPayload | undefined)?.alert;
      if (alert) {
        patch(alert);
      }
      clearTimeout(reloadTimer.current);
      reloadTimer.current = setTimeout(reload, LIVE_RELOAD_DEBOUNCE_MS);
    },
    eventSources
  );

  return { ...state, reload, patch };
}
