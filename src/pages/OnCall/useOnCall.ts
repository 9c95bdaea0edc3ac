import { type EventSourceFactory, type GatewayClient, useGatewayQuery } from '@/api';
import { type OnCallResponse } from '@opsdeck/contract';

export const ONCALL_REFRESH_MS = 60_000;

export interface OnCallState {
  roster?: OnCallResponse;
  error?: string;
  loading: boolean;
}

/** Who is on call, reloaded on on-call events and every minute (shifts change on the hour). */
export function useOnCall(client: GatewayClient, eventSources?: EventSourceFactory): OnCallState {
  const { data, error, loading } = useGatewayQuery(client, (gateway) => gateway.onCall(), {
    pollMs: ONCALL_REFRESH_MS,
    liveEvents: ['oncall.changed'],
    eventSources,
  });
  return { roster: data, error, loading };
}
