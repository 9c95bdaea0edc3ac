import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  ALERT_SEVERITIES,
  type AlertFatigueQuery,
  type AlertSeverity,
  type CostEfficiencyQuery,
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

/** The page's three analyses, one tab each: incident figures, alert fatigue, cost efficiency. */
export const RELIABILITY_SECTIONS = ['incidents', 'fatigue', 'cost'] as const;
export type ReliabilitySection = (typeof RELIABILITY_SECTIONS)[number];

/**
 * What the Reliability page shows, named as the URL and GET /api/reliability name them, so a view is a deep link
 * (`?service=checkout-api&period=90d`). Empty strings are "no filter".
 */
export interface ReliabilityFilters {
  section: ReliabilitySection;
  period: Period;
  groupBy: ReliabilityGroupBy;
  service: string;
  team: string;
  severity: AlertSeverity | '';
  includeMaintenance: boolean;
}

export const DEFAULT_FILTERS: ReliabilityFilters = {
  section: 'incidents',
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
    section: oneOf(RELIABILITY_SECTIONS, params.get('section'), DEFAULT_FILTERS.section),
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

/**
 * GET /api/alert-fatigue over the chosen period. Unlike incidents, every period sends `from`: the gateway's own
 * default is 28 days (four whole weeks), and the page's "30 d" must mean 30 days on every tab.
 */
export function toFatigueQuery(filters: ReliabilityFilters, now: number): AlertFatigueQuery {
  const query: AlertFatigueQuery = { from: now - periodDays(filters.period) * DAY_MS };
  if (filters.service) {
    query.service = filters.service;
  }
  if (filters.team) {
    query.team = filters.team;
  }
  return query;
}

/** GET /api/cost-efficiency has no range: each service is measured over its availability objective's window. */
export function toCostQuery(filters: ReliabilityFilters): CostEfficiencyQuery {
  const query: CostEfficiencyQuery = {};
  if (filters.service) {
    query.service = filters.service;
  }
  if (filters.team) {
    query.team = filters.team;
  }
  return query;
}

/**
 * The filters an export and its file name describe: only the set ones that apply to the section (the period always
 * where there is one; group-by, severity and maintenance only for incidents).
 */
export function describedFilters(
  filters: ReliabilityFilters,
  section: ReliabilitySection = 'incidents'
): Record<string, string> {
  const described: Record<string, string> =
    section === 'incidents'
      ? { period: filters.period, groupBy: filters.groupBy }
      : section === 'fatigue'
        ? { period: filters.period }
        : {};
  for (const key of section === 'incidents'
    ? (['service', 'team', 'severity'] as const)
    : (['service', 'team'] as const)) {
    if (filters[key]) {
      described[key] = filters[key];
    }
  }
  if (section === 'incidents' && filters.includeMaintenance) {
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
