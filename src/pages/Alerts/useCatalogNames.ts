import { useEffect, useState } from 'react';
import { type GatewayClient } from '@/api';

export interface CatalogNames {
  services: string[];
  teams: string[];
}

/** Service and team names of the catalog for the filter pickers; empty lists when it cannot be read. */
export function useCatalogNames(client: GatewayClient): CatalogNames {
  const [names, setNames] = useState<CatalogNames>({ services: [], teams: [] });
  useEffect(() => {
    let current = true;
    client.services().then(
      ({ services, teams }) => current && setNames({ services: services.map((s) => s.name).sort(), teams: [...teams].sort() }),
      // The pickers are a convenience: the list itself still loads and says what went wrong if the gateway is down.
      () => undefined
    );
    return () => {
      current = false;
    };
  }, [client]);
  return names;
}
