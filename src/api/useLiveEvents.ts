import { useEffect, useRef } from 'react';
import { type OpsdeckEvent, type OpsdeckEventType } from '@opsdeck/contract';
import { type GatewayClient } from './GatewayClient';
import { type EventSourceFactory, LiveEventStream } from './liveEvents';

export interface LiveEventsOptions {
  /**
   * The compact stream (`?view=compact`): `alerts.delta` events, at most one a second, instead of one full
   * `alert.changed` / `incident.changed` body per change. For pages that show alerts by the thousand.
   */
  compact?: boolean;
}

/**
 * Calls `onEvent` for every gateway event of the given types while the component is mounted. The latest callback
 * is used without reopening the stream, so callers need not memoise it.
 */
export function useLiveEvents(
  client: GatewayClient,
  types: readonly OpsdeckEventType[],
  onEvent: (event: OpsdeckEvent) => void,
  factory?: EventSourceFactory,
  { compact = false }: LiveEventsOptions = {}
): void {
  const callback = useRef(onEvent);
  callback.current = onEvent;
  const typeKey = types.join(',');

  useEffect(() => {
    if (!typeKey) {
      // Nothing wanted: no stream held open against the gateway.
      return;
    }
    const wanted = new Set(typeKey.split(','));
    const stream = new LiveEventStream((lastEventId) => client.eventsUrl(lastEventId, { compact }), factory);
    const unsubscribe = stream.subscribe((event) => {
      if (wanted.has(event.type)) {
        callback.current(event);
      }
    });
    return unsubscribe;
  }, [client, typeKey, factory, compact]);
}
