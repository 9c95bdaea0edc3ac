import { useCallback, useEffect, useRef, useState } from 'react';
import { toGatewayError } from '@/api';

export interface PolledState<T> {
  value?: T;
  /** Set when the last load failed; the previous value (if any) stays on screen. */
  error?: string;
  /** True while a request is in flight. */
  loading: boolean;
  /** Epoch ms of the last successful load. */
  updatedAt?: number;
}

/** Runs `load` now and every `intervalMs` while mounted; `load` must be stable (useCallback) or it restarts. */
export function usePolled<T>(load: () => Promise<T>, intervalMs: number): PolledState<T> & { refresh: () => void } {
  const [state, setState] = useState<PolledState<T>>({ loading: true });
  const inFlight = useRef(false);
  const mounted = useRef(true);

  const refresh = useCallback(() => {
    // A slow gateway must not pile up requests: skip a tick while the previous one is still running.
    if (inFlight.current) {
      return;
    }
    inFlight.current = true;
    setState((s) => ({ ...s, loading: true }));
    load()
      .then(
        (value) => mounted.current && setState({ value, loading: false, updatedAt: Date.now() }),
        (err) =>
          mounted.current &&
          setState((s) => ({
            ...s,
            loading: false,
            error: err instanceof Error ? err.message : toGatewayError(err).message,
          }))
      )
      .finally(() => {
        inFlight.current = false;
      });
  }, [load]);

  useEffect(() => {
    mounted.current = true;
    refresh();
    const timer = setInterval(refresh, intervalMs);
    return () => {
      mounted.current = false;
      clearInterval(timer);
    };
  }, [refresh, intervalMs]);

  return { ...state, refresh };
}
