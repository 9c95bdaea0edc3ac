import { useCallback, useEffect, useRef, useState } from 'react';
import { type GatewayClient, toDataFrame, toGatewayError } from '@/api';
import { framesOf, type InfraCost, infraCostRequests, readInfraCost } from './infraCost';
import { REFRESH_INTERVAL_MS } from './useFleetHealth';

export interface InfraCostState {
  figures?: InfraCost;
  /** Set when the last load failed or some figure could not be answered; the figures that did load stay shown. */
  error?: string;
  loading: boolean;
}

async function loadInfraCost(client: GatewayClient): Promise<{ figures: InfraCost; error?: string }> {
  const requests = infraCostRequests(Date.now());
  const answers = await Promise.all([client.query(requests.cost), client.query(requests.infra)]);
  const { frames, errors } = framesOf(answers, toDataFrame);
  return { figures: readInfraCost(frames), error: errors.length > 0 ? errors.join('; ') : undefined };
}

/** Infrastructure health and cost at a glance, reloaded with the fleet (every 30 s); the gateway caches cost for hours. */
export function useInfraCost(client: GatewayClient): InfraCostState {
  const [state, setState] = useState<InfraCostState>({ loading: true });
  const inFlight = useRef(false);
  const mounted = useRef(true);

  const refresh = useCallback(() => {
    if (inFlight.current) {
      return;
    }
    inFlight.current = true;
    loadInfraCost(client)
      .then(
        ({ figures, error }) => mounted.current && setState({ figures, error, loading: false }),
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
  }, [client]);

  useEffect(() => {
    mounted.current = true;
    refresh();
    const timer = setInterval(refresh, REFRESH_INTERVAL_MS);
    return () => {
      mounted.current = false;
      clearInterval(timer);
    };
  }, [refresh]);

  return state;
}
