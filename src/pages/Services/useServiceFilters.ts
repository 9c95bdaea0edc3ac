import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { SORT_KEYS, type SortKey, type SortOrder } from './serviceRows';

/** What the Services page shows, kept in the URL so a filtered, sorted list can be bookmarked and shared. */
export interface ServiceFilters {
  team: string;
  tier: string;
  sort: SortKey;
  order: SortOrder;
}

const DEFAULTS: ServiceFilters = { team: '', tier: '', sort: 'budget', order: 'worst' };
const TIERS = ['1', '2', '3'];

export function filtersFromParams(params: URLSearchParams): ServiceFilters {
  const sort = params.get('sort');
  const tier = params.get('tier') ?? '';
  return {
    team: params.get('team') ?? '',
    tier: TIERS.includes(tier) ? tier : '',
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : DEFAULTS.sort,
    order: params.get('order') === 'best' ? 'best' : 'worst',
  };
}

/** The URL after a change; defaults stay out of it so the plain page link stays plain. */
export function paramsWith(current: URLSearchParams, change: Partial<ServiceFilters>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(change) as Array<[keyof ServiceFilters, string]>) {
    if (value === DEFAULTS[key]) {
      next.delete(key);
    } else {
      next.set(key, value);
    }
  }
  return next;
}

export function useServiceFilters(): [ServiceFilters, (change: Partial<ServiceFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const update = useCallback(
    (change: Partial<ServiceFilters>) => setParams((current) => paramsWith(current, change), { replace: true }),
    [setParams]
  );
  return [filters, update];
}
