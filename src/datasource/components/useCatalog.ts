import { useEffect, useState } from 'react';
import { type GatewayClient, toGatewayError } from '@/api';
import { type ServicesResponse } from '@opsdeck/contract';

export interface CatalogState {
  catalog?: ServicesResponse;
  error?: string;
  loading: boolean;
}

/** The service catalog (GET /api/services) for pickers; loaded once per client. */
export function useCatalog(client: GatewayClient): CatalogState {
  const [state, setState] = useState<CatalogState>({ loading: true });
  useEffect(() => {
    let cancelled = false;
    setState({ loading: true });
    client.services().then(
      (catalog) => !cancelled && setState({ catalog, loading: false }),
      (err) => !cancelled && setState({ error: toGatewayError(err).message, loading: false })
    );
    return () => {
      cancelled = true;
    };
  }, [client]);
  return state;
}
