import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  ALERT_SEVERITIES,
  type AlertSeverity,
  RELIABILITY_GROUP_BY,
  type ReliabilityGroupBy,
  type ReliabilityQuery,
} from '@opsdeck/contract';

const DAY_MS = 86_400_000;

/** The periods offered; 30 days is the gateway's own default range. */
export const PERIODS = ['7d', '30d', '90d'] as const;
export type Period = (typeof PERIODS)[number];
const PERIOD_DAYS: Record<Period, number> = { '7d': 7, '30d': 30, '90d': 90 };

export const periodDays = (period: Period): number => PERIOD_DAYS[period];

/**
 * What the Reliability page shows, named as the URL and GET /api/reliability name them, so a view is a deep link
 * (`?service=checkout-api&period=90d`). Empty strings are "no filter".
 */
export interface ReliabilityFilters {
  period: Period;
  groupBy: ReliabilityGroupBy;
  service: string;
  team: string;
  severity: AlertSeverity | '';
  includeMaintenance: boolean;
}

export const DEFAULT_FILTERS: ReliabilityFilters = {
  period: '30d',
  groupBy: 'service',
  service: '',
  team: '',
  severity: '',
  includeMaintenance: false,
};

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback;

/** Unknown values in a hand-made or old link fall back to the defaults, so the page still opens. */
export function filtersFromSearch(params: URLSearchParams): ReliabilityFilters {
  return {
    period: oneOf(PERIODS, params.get('period'), DEFAULT_FILTERS.period),
    groupBy: oneOf(RELIABILITY_GROUP_BY, params.get('groupBy'), DEFAULT_FILTERS.groupBy),
    service: params.get('service') ?? '',
    team: params.get('team') ?? '',
    severity: oneOf<AlertSeverity | ''>(ALERT_SEVERITIES, params.get('severity'), ''),
    includeMaintenance: params.get('includeMaintenance') === 'true',
  };
}

/** The URL after a change; defaults stay out of it so the plain page link stays plain. Other parameters are kept. */
export function paramsWith(current: URLSearchParams, change: Partial<ReliabilityFilters>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(change) as Array<[keyof ReliabilityFilters, string | boolean]>) {
    if (value === DEFAULT_FILTERS[key]) {
      next.delete(key);
    } else {
      next.set(key, String(value));
    }
  }
  return next;
}

/** A service belongs to one team, so a new team clears a service filter that may not be in it. */
export function filterChange(key: 'service' | 'team' | 'severity', value: string): Partial<ReliabilityFilters> {
  if (key === 'team') {
    return { team: value, service: '' };
  }
  return key === 'severity' ? { severity: oneOf<AlertSeverity | ''>(ALERT_SEVERITIES, value, '') } : { service: value };
}

/**
 * The gateway query. The default period sends no range, so the gateway's own 30 days up to its clock apply; the
 * others send only `from` (the gateway ends the range at its now).
 */
export function toQuery(filters: ReliabilityFilters, now: number): ReliabilityQuery {
  const query: ReliabilityQuery = { groupBy: filters.groupBy };
  if (filters.period !== DEFAULT_FILTERS.period) {
    query.from = now - periodDays(filters.period) * DAY_MS;
  }
  if (filters.service) {
    query.service = filters.service;
  }
  if (filters.team) {
    query.team = filters.team;
  }
  if (filters.severity) {
    query.severity = filters.severity;
  }
  if (filters.includeMaintenance) {
    query.includeMaintenance = 'true';
  }
  return query;
}

/** The filters an export and its file name describe (only the set ones, the period always). */
export function describedFilters(filters: ReliabilityFilters): Record<string, string> {
  const described: Record<string, string> = { period: filters.period, groupBy: filters.groupBy };
  for (const key of ['service', 'team', 'severity'] as const) {
    if (filters[key]) {
      described[key] = filters[key];
    }
  }
  if (filters.includeMaintenance) {
    described.includeMaintenance = 'true';
  }
  return described;
}

export function useReliabilityFilters(): [ReliabilityFilters, (change: Partial<ReliabilityFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const update = useCallback(
    (change: Partial<ReliabilityFilters>) => setParams((current) => paramsWith(current, change), { replace: true }),
    [setParams]
  );
  return [filters, update];
}
