import { useEffect, useState } from 'react';
import { type HealthResponse } from '@opsdeck/contract';
import { type GatewayClient } from './GatewayClient';

// One health check per client, shared by every page and action bar that asks: the mode does not change while the
// gateway runs.
const asked = new WeakMap<GatewayClient, Promise<HealthResponse['mode'] | undefined>>();

/**
 * Whether the gateway serves the demo fleet (GET /api/health `mode`): its demo alerts take every action there.
 * Undefined until it answers, or when it cannot: the pages then offer what a live gateway does.
 */
export function useGatewayMode(client: GatewayClient): HealthResponse['mode'] | undefined {
  const [mode, setMode] = useState<HealthResponse['mode']>();
  useEffect(() => {
    let current = true;
    let answer = asked.get(client);
    if (!answer) {
      answer = client.health().then(
        (health) => health.mode,
        () => undefined
      );
      asked.set(client, answer);
    }
    void answer.then((m) => current && setMode(m));
    return () => {
      current = false;
    };
  }, [client]);
  return mode;
}
