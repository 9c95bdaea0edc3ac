import { type EventSourceFactory, type GatewayClient, toDataFrame, useGatewayQuery } from '@/api';
import { type OpsdeckEventType, type QueryRequest } from '@opsdeck/contract';
import { type FleetHealth, readFleetHealth } from './fleetHealth';

/** The brief asks for metrics updated every 10 s; the gateway's shared cache keeps the upstream calls flat. */
export const REFRESH_INTERVAL_MS = 10_000;
const WINDOW_MS = 60 * 60 * 1000;
const REF_ID = 'fleet';
/** An incident or alert changes a service's status at once: reload on its event, not only on the next tick. */
const LIVE_EVENTS: readonly OpsdeckEventType[] = ['alert.changed', 'incident.changed'];
/** An incident arrives with its alerts: one reload after the burst. */
const SETTLE_MS = 250;

export interface FleetHealthState {
  health?: FleetHealth;
  /** Set when the last load failed; earlier data (if any) stays on screen. */
  error?: string;
  /** True while a request is in flight. */
  loading: boolean;
  /** Epoch ms of the last successful load. */
  updatedAt?: number;
}

function fleetQuery(now: number): QueryRequest {
  return { range: { from: now - WINDOW_MS, to: now }, queries: [{ refId: REF_ID, queryType: 'fleet_health' }] };
}

async function loadFleetHealth(client: GatewayClient): Promise<FleetHealth> {
  const answer = await client.query(fleetQuery(Date.now()));
  const result = answer.results[REF_ID];
  if (!result) {
    throw new Error('The gateway answered without a fleet_health result.');
  }
  if (result.error) {
    throw new Error(result.error);
  }
  return readFleetHealth((result.frames ?? []).map(toDataFrame));
}

/** Fleet health of the last hour, reloaded every 10 s and after alert and incident events while the page is open. */
export function useFleetHealth(
  client: GatewayClient,
  eventSources?: EventSourceFactory
): FleetHealthState & { refresh: () => void } {
  const { data, error, loading, updatedAt, refresh } = useGatewayQuery(client, loadFleetHealth, {
    pollMs: REFRESH_INTERVAL_MS,
    liveEvents: LIVE_EVENTS,
    settleMs: SETTLE_MS,
    eventSources,
  });
  return { health: data, error, loading, updatedAt, refresh };
}
