import { useEffect, useState } from 'react';
import { type GatewayClient, toGatewayError } from '@/api';

export interface CatalogTeam {
  team: string;
  services: string[];
}

export interface CatalogState {
  teams?: CatalogTeam[];
  error?: string;
}

/** The catalog as teams with their services (both sorted), which is what a maintenance window can cover. */
export function useCatalogServices(client: GatewayClient): CatalogState {
  const [state, setState] = useState<CatalogState>({});
  useEffect(() => {
    let current = true;
    client.services().then(
      ({ services, teams }) => {
        const byTeam = new Map<string, string[]>(teams.map((t) => [t, []]));
        for (const service of services) {
          byTeam.set(service.team, [...(byTeam.get(service.team) ?? []), service.name]);
        }
        const grouped = [...byTeam.entries()]
          .map(([team, names]) => ({ team, services: names.sort() }))
          .sort((a, b) => a.team.localeCompare(b.team));
        if (current) {
          setState({ teams: grouped });
        }
      },
      (err) => current && setState({ error: toGatewayError(err).message })
    );
    return () => {
      current = false;
    };
  }, [client]);
  return state;
}
