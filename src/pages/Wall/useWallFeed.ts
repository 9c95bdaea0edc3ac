import { useEffect, useRef, useState } from 'react';
import { type OpsdeckEventType } from '@opsdeck/contract';
import { type Clock, type EventSourceFactory, type GatewayClient, useLiveEvents } from '@/api';
import { WallFeed, type WallFeedState } from './wallFeed';
import { gatewaySources } from './wallSources';

const LIVE_EVENTS: readonly OpsdeckEventType[] = ['alert.changed', 'incident.changed'];

/**
 * The Wall's figures: polled every interval with backoff while the gateway fails, reloaded on alert and incident
 * events and as soon as the browser is back online. The Wall needs backoff and per-source staleness, which the
 * pages' useGatewayQuery does not do, hence a feed of its own.
 */
export function useWallFeed(
  client: GatewayClient,
  intervalMs: number,
  clock: Clock,
  eventSources?: EventSourceFactory
): WallFeedState {
  const [state, setState] = useState<WallFeedState>({ fleet: {}, slo: {} });
  const feed = useRef<WallFeed>();

  useEffect(() => {
    const next = new WallFeed(gatewaySources(client), clock, intervalMs, setState);
    feed.current = next;
    next.start();
    const online = () => next.loadNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      next.stop();
    };
  }, [client, intervalMs, clock]);

  useLiveEvents(client, LIVE_EVENTS, () => feed.current?.loadSoon(), eventSources);
  return state;
}
