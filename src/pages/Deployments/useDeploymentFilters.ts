import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export type DeploymentsView = 'deployments' | 'rollbacks';

/** What the page shows; kept in the URL so a filtered view can be bookmarked and shared in an incident channel. */
export interface DeploymentFilters {
  team: string;
  service: string;
  environment: string;
  view: DeploymentsView;
}

type FilterKey = keyof DeploymentFilters;
const KEYS: FilterKey[] = ['team', 'service', 'environment', 'view'];

export function useDeploymentFilters(): [DeploymentFilters, (change: Partial<DeploymentFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<DeploymentFilters>(
    () => ({
      team: params.get('team') ?? '',
      service: params.get('service') ?? '',
      environment: params.get('environment') ?? '',
      view: params.get('view') === 'rollbacks' ? 'rollbacks' : 'deployments',
    }),
    [params]
  );

  const update = useCallback(
    (change: Partial<DeploymentFilters>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const key of KEYS) {
            const value = change[key];
            if (value === undefined) {
              continue;
            }
            // Defaults stay out of the URL so the plain page link stays plain.
            if (value === '' || (key === 'view' && value === 'deployments')) {
              next.delete(key);
            } else {
              next.set(key, value);
            }
          }
          return next;
        },
        { replace: true }
      );
    },
    [setParams]
  );

  return [filters, update];
}

/** The filters the export and the file name describe (only the set ones). */
export function activeFilters(filters: DeploymentFilters): Record<string, string> {
  const { team, service, environment } = filters;
  return Object.fromEntries(Object.entries({ team, service, environment }).filter(([, value]) => value !== ''));
}
