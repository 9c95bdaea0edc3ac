import {
  ALERT_SEVERITIES,
  type Alert,
  type AlertListQuery,
  type AlertSeverity,
} from '@opsdeck/contract';

/** The filters of the Alerts page, named as the URL and GET /api/alerts name them, so a view is a deep link. */
export const FILTER_KEYS = ['service', 'team', 'severity', 'status', 'source'] as const;
export type AlertFilterKey = (typeof FILTER_KEYS)[number];
export type AlertFilterValues = Partial<Record<AlertFilterKey, string>>;

/** URL parameter of the alert whose detail drawer is open. */
export const ALERT_PARAM = 'alert';

export function filtersFromSearch(params: URLSearchParams): AlertFilterValues {
  const filters: AlertFilterValues = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) {
      filters[key] = value;
    }
  }
  return filters;
}

/** The URL parameters with one filter changed; an empty value removes it. Other parameters are kept. */
export function withFilter(params: URLSearchParams, key: AlertFilterKey | typeof ALERT_PARAM, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) {
    next.set(key, value);
  } else {
    next.delete(key);
  }
  return next;
}

export function toListQuery(filters: AlertFilterValues): AlertListQuery {
  return { ...filters };
}

const SEVERITY_RANK: Record<AlertSeverity, number> = Object.fromEntries(ALERT_SEVERITIES.map((s, i) => [s, i])) as Record<
  AlertSeverity,
  number
>;

export interface ServiceGroup {
  service: string;
  alerts: Alert[];
}

export const NO_SERVICE = '(no service)';

/**
 * Alerts grouped by catalog service, the group with the most severe alert first (then by name); inside a group the
 * most severe first, then newest. The order is what exports follow too, so a file matches the screen.
 */
export function groupByService(alerts: Alert[]): ServiceGroup[] {
  const groups = new Map<string, Alert[]>();
  for (const alert of alerts) {
    const service = alert.service ?? NO_SERVICE;
    groups.set(service, [...(groups.get(service) ?? []), alert]);
  }
  const byUrgency = (a: Alert, b: Alert) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.startsAt - a.startsAt;
  return [...groups.entries()]
    .map(([service, list]) => ({ service, alerts: [...list].sort(byUrgency) }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.alerts[0].severity] - SEVERITY_RANK[b.alerts[0].severity] || a.service.localeCompare(b.service)
    );
}

/** Applies a changed alert to the list shown: replaced in place, or dropped when its new status is filtered out. */
export function applyAlertChange(alerts: Alert[], changed: Alert): Alert[] {
  const index = alerts.findIndex((a) => a.id === changed.id);
  if (index === -1) {
    return alerts;
  }
  const next = [...alerts];
  next[index] = changed;
  return next;
}
