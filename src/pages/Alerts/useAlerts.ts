import { useCallback } from 'react';
import { type EventSourceFactory, type GatewayClient, useGatewayQuery } from '@/api';
import { type Alert, type AlertChangedPayload, type AlertListQuery } from '@opsdeck/contract';
import { applyAlertChange } from './alertFilters';

/** A full reload is the safety net for anything the live stream missed. */
export const ALERTS_REFRESH_MS = 30_000;
/** Several events in a burst lead to one reload. */
export const LIVE_RELOAD_DEBOUNCE_MS = 100;

/**
 * The alerts matching `query`, kept current: a changed alert is patched in at once from its live event, and the list
 * is reloaded shortly after (new alerts, filter membership) and every 30 s.
 */
export function useAlerts(client: GatewayClient, query: AlertListQuery, eventSources?: EventSourceFactory) {
  const alerts = useGatewayQuery(client, (gateway) => gateway.alerts(query).then((answer) => answer.alerts), {
    key: JSON.stringify(query),
    // The selection and an open alert survive a change of filter.
    onNewKey: 'keep',
    pollMs: ALERTS_REFRESH_MS,
    liveEvents: ['alert.changed'],
    onLiveEvent: (event) => {
      const changed = (event.payload as AlertChangedPayload | undefined)?.alert;
      if (changed) {
        alerts.update((list) => applyAlertChange(list, changed));
      }
    },
    settleMs: LIVE_RELOAD_DEBOUNCE_MS,
    eventSources,
  });
  const { update } = alerts;
  const patch = useCallback((changed: Alert) => update((list) => applyAlertChange(list, changed)), [update]);
  return {
    alerts: alerts.data,
    error: alerts.error,
    loading: alerts.loading,
    updatedAt: alerts.updatedAt,
    reload: alerts.refresh,
    patch,
  };
}
