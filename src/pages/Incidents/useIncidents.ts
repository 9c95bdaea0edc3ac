import { useState } from 'react';
import { type EventSourceFactory, type GatewayClient, useGatewayQuery } from '@/api';
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

async function loadIncidents(client: GatewayClient) {
  const [open, recent] = await Promise.all([
    client.incidents(),
    client.incidents({ status: 'resolved', limit: RECENT_LIMIT }),
  ]);
  return { open: open.incidents, recent: recent.incidents };
}

/** Open incidents and the most recently resolved ones, reloaded on incident events and every 30 s. */
export function useIncidents(client: GatewayClient, eventSources?: EventSourceFactory): IncidentsState {
  const [version, setVersion] = useState(0);
  const { data, error, loading } = useGatewayQuery(client, loadIncidents, {
    pollMs: INCIDENTS_REFRESH_MS,
    liveEvents: ['incident.changed', 'alert.changed'],
    onLiveEvent: () => setVersion((v) => v + 1),
    settleMs: LIVE_RELOAD_DEBOUNCE_MS,
    eventSources,
  });
  return { open: data?.open, recent: data?.recent, error, loading, version };
}
