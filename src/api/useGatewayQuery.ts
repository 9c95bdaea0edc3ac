import { useCallback, useEffect, useRef, useState } from 'react';
import { type OpsdeckEvent, type OpsdeckEventType } from '@opsdeck/contract';
import { type Clock, systemClock } from './clock';
import { type GatewayClient } from './GatewayClient';
import { toGatewayError } from './GatewayError';
import { type EventSourceFactory } from './liveEvents';
import { useLiveEvents } from './useLiveEvents';

export interface GatewayQueryOptions {
  /** Everything the answer depends on besides the client: a new key loads anew. */
  key?: string;
  /**
   * What a new key does to the data on screen: 'clear' (default) so the previous filter's data is never shown under
   * the new one, or 'keep' for lists where the selection and an open detail should survive the reload.
   */
  onNewKey?: 'clear' | 'keep';
  /** Reload this often (ms) as the safety net for anything the live stream missed; 0 or absent: never. */
  pollMs?: number;
  /** Gateway events after which the data is reloaded. */
  liveEvents?: readonly OpsdeckEventType[];
  /** Runs first on each of those events, e.g. to patch the changed item in at once with `update`. */
  onLiveEvent?: (event: OpsdeckEvent) => void;
  /** Several changes in a burst lead to one reload, this long after the last; 0 or absent: at once. */
  settleMs?: number;
  /** Tests hand in a fake EventSource and a clock they advance themselves; both must stay the same between renders. */
  eventSources?: EventSourceFactory;
  clock?: Clock;
}

export interface GatewayQuery<T> {
  data?: T;
  /** Set when the last load failed; the data of the last good load stays on screen. */
  error?: string;
  /** True while a load is in flight. */
  loading: boolean;
  /** Epoch ms of the last good load. */
  updatedAt?: number;
  /** Loads now; an answer to any earlier load is then ignored. */
  refresh: () => void;
  /** Loads once changes have settled (see settleMs), e.g. after a write whose answer was patched in. */
  refreshSoon: () => void;
  /** Changes the data on screen (a live event's or a write's answer) until the next load replaces it. */
  update: (change: (data: T) => T) => void;
}

type Loaded<T> = Omit<GatewayQuery<T>, 'refresh' | 'refreshSoon' | 'update'>;

/**
 * The one way app pages read the gateway: load now and on each new key, poll, reload after live events, and never
 * let a slow answer to an older request overwrite a newer one. `load` may change on every render; the latest is used.
 */
export function useGatewayQuery<T>(
  client: GatewayClient,
  load: (client: GatewayClient) => Promise<T>,
  options: GatewayQueryOptions = {}
): GatewayQuery<T> {
  const { key = '', onNewKey = 'clear', pollMs = 0, settleMs = 0, clock = systemClock } = options;
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  const latest = useRef({ load, clock, settleMs, onLiveEvent: options.onLiveEvent });
  latest.current = { load, clock, settleMs, onLiveEvent: options.onLiveEvent };
  const generation = useRef(0);
  const inFlight = useRef(false);
  const settleTimer = useRef<unknown>();

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    inFlight.current = true;
    setState((s) => ({ ...s, loading: true }));
    const ours = () => mine === generation.current;
    latest.current.load(client).then(
      (data) => {
        if (ours()) {
          inFlight.current = false;
          setState({ data, loading: false, updatedAt: latest.current.clock.now() });
        }
      },
      (err) => {
        if (ours()) {
          inFlight.current = false;
          // The client's failures are GatewayErrors already; a load's own Error (a missing result) says it plainly.
          const error = err instanceof Error ? err.message : toGatewayError(err).message;
          setState((s) => ({ ...s, loading: false, error }));
        }
      }
    );
  }, [client]);

  const refreshSoon = useCallback(() => {
    const { clock: now, settleMs: wait } = latest.current;
    now.clearTimeout(settleTimer.current);
    if (wait > 0) {
      settleTimer.current = now.setTimeout(refresh, wait);
    } else {
      refresh();
    }
  }, [refresh]);

  const update = useCallback((change: (data: T) => T) => {
    setState((s) => (s.data === undefined ? s : { ...s, data: change(s.data) }));
  }, []);

  const keepOnNewKey = onNewKey === 'keep';
  useEffect(() => {
    if (!keepOnNewKey) {
      setState({ loading: true });
    }
    refresh();
    return () => {
      // Whatever is still in flight answers a key, client or page that is gone.
      generation.current++;
      inFlight.current = false;
      clock.clearTimeout(settleTimer.current);
    };
  }, [key, keepOnNewKey, clock, refresh]);

  useEffect(() => {
    if (pollMs <= 0) {
      return;
    }
    // A slow gateway must not pile up requests: a tick is skipped while the previous load is still running.
    const poll = clock.setInterval(() => inFlight.current || refresh(), pollMs);
    return () => clock.clearInterval(poll);
  }, [pollMs, clock, refresh]);

  useLiveEvents(
    client,
    options.liveEvents ?? [],
    (event) => {
      latest.current.onLiveEvent?.(event);
      refreshSoon();
    },
    options.eventSources
  );

  return { ...state, refresh, refreshSoon, update };
}
