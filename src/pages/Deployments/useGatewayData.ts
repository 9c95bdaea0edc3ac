import { useCallback, useEffect, useRef, useState } from 'react';
import { toGatewayError } from '@/api';

export interface GatewayData<T> {
  data?: T;
  /** Set when the last load failed; earlier data (if any) stays on screen. */
  error?: string;
  loading: boolean;
  /** Epoch ms of the last successful load. */
  updatedAt?: number;
  refresh: () => void;
}

export function errorMessage(err: unknown): string {
  return toGatewayError(err).message;
}

/**
 * Loads once per `key` and again every `intervalMs` (0: never) or on refresh(). Answers to an older key are
 * dropped, so a quick change of filters never shows the previous filter's data.
 */
export function useGatewayData<T>(load: () => Promise<T>, key: string, intervalMs = 0): GatewayData<T> {
  const [state, setState] = useState<Omit<GatewayData<T>, 'refresh'>>({ loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const refresh = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => mine === generation.current && setState({ data, loading: false, updatedAt: Date.now() }),
      (err) => mine === generation.current && setState((s) => ({ ...s, loading: false, error: errorMessage(err) }))
    );
  }, []);

  useEffect(() => {
    // A new key means new data: drop the old answer instead of showing it under the new filters.
    setState({ loading: true });
    refresh();
    const timer = intervalMs > 0 ? setInterval(refresh, intervalMs) : undefined;
    return () => {
      generation.current++;
      clearInterval(timer);
    };
  }, [key, intervalMs, refresh]);

  return { ...state, refresh };
}
