import { useState } from 'react';
import { type EventSourceFactory, type GatewayClient, useGatewayQuery } from '@/api';
import { type IncidentSummary } from '@opsdeck/contract';

export const INCIDENTS_REFRESH_MS = 30_000;
const LIVE_RELOAD_DEBOUNCE_MS = 300;
/** How many resolved incidents "recent" shows. */
export const RECENT_LIMIT = 20;
/** Open incidents per page; "Show more" follows the cursor for the next. */
export const OPEN_PAGE = 100;

export interface IncidentsState {
  open?: IncidentSummary[];
  /** How many incidents are open in all (the list may show fewer until "Show more"). */
  openTotal?: number;
  /** Loads the next page of open incidents; undefined when all are shown. */
  showMore?: () => void;
  recent?: IncidentSummary[];
  error?: string;
  loading: boolean;
  /** Bumped on every incident event, so an open detail reloads too. */
  version: number;
}

/** The first `pages` pages of open incidents (each reload reads as many as the user asked to see). */
async function loadOpen(client: GatewayClient, pages: number) {
  const first = await client.incidents({ limit: OPEN_PAGE });
  const open = [...first.incidents];
  let cursor = first.nextCursor;
  for (let page = 1; page < pages && cursor; page++) {
    const next = await client.incidents({ limit: OPEN_PAGE, cursor });
    open.push(...next.incidents);
    cursor = next.nextCursor;
  }
  return { open, total: first.total, more: cursor !== undefined };
}

async function loadIncidents(client: GatewayClient, pages: number) {
  const [open, recent] = await Promise.all([
    loadOpen(client, pages),
    client.incidents({ status: 'resolved', limit: RECENT_LIMIT }),
  ]);
  return { open: open.open, openTotal: open.total, more: open.more, recent: recent.incidents };
}

/** Open incidents and the most recently resolved ones, reloaded on incident events and every 30 s. */
export function useIncidents(client: GatewayClient, eventSources?: EventSourceFactory): IncidentsState {
  const [version, setVersion] = useState(0);
  const [pages, setPages] = useState(1);
  const { data, error, loading } = useGatewayQuery(client, (gateway) => loadIncidents(gateway, pages), {
    key: String(pages),
    // Showing more keeps what is on screen until the longer list arrives.
    onNewKey: 'keep',
    pollMs: INCIDENTS_REFRESH_MS,
    liveEvents: ['incident.changed', 'alert.changed'],
    onLiveEvent: () => setVersion((v) => v + 1),
    settleMs: LIVE_RELOAD_DEBOUNCE_MS,
    eventSources,
  });
  return {
    open: data?.open,
    openTotal: data?.openTotal,
    showMore: data?.more ? () => setPages((p) => p + 1) : undefined,
    recent: data?.recent,
    error,
    loading,
    version,
  };
}
