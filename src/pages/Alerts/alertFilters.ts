import {
  ALERT_GROUP_COLUMNS,
  type AlertGroupDimension,
  type AlertListQuery,
  DEFAULT_ALERT_GROUPING,
  LABEL_DIMENSION_PREFIX,
  LABEL_FILTER_PREFIX,
  MAX_GROUP_DIMENSIONS,
} from '@opsdeck/contract';

/** The filters of the Alerts page, named as the URL and GET /api/alerts name them, so a view is a deep link. */
export const FILTER_KEYS = ['service', 'team', 'severity', 'status', 'source'] as const;
export type AlertFilterKey = (typeof FILTER_KEYS)[number];
export type AlertFilterValues = Partial<Record<AlertFilterKey, string>>;

/** URL parameter of the alert whose detail drawer is open. */
export const ALERT_PARAM = 'alert';
/**
 * URL parameter of the grouping: absent = alertname and service (the default), `none` = one flat list, otherwise
 * the dimensions comma-separated as GET /api/alerts/groups takes them (`service`, `label:team`, `team,severity`).
 */
export const GROUP_PARAM = 'group';
export const NO_GROUPING = 'none';

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
export function withFilter(
  params: URLSearchParams,
  key: AlertFilterKey | typeof ALERT_PARAM | typeof GROUP_PARAM,
  value: string
): URLSearchParams {
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

function isDimension(value: string): value is AlertGroupDimension {
  if (value.startsWith(LABEL_DIMENSION_PREFIX)) {
    return value.length > LABEL_DIMENSION_PREFIX.length;
  }
  return (ALERT_GROUP_COLUMNS as readonly string[]).includes(value);
}

/**
 * The grouping a URL asks for; `[]` is no grouping. Unknown dimensions are dropped (an old or hand-made link still
 * opens), and a link that names none that we know falls back to the default.
 */
export function groupingFromSearch(params: URLSearchParams): AlertGroupDimension[] {
  const raw = params.get(GROUP_PARAM);
  if (raw === NO_GROUPING) {
    return [];
  }
  const dimensions = [
    ...new Set(
      (raw ?? '')
        .split(',')
        .map((d) => d.trim())
        .filter(isDimension)
    ),
  ].slice(0, MAX_GROUP_DIMENSIONS);
  return dimensions.length > 0 ? dimensions : [...DEFAULT_ALERT_GROUPING];
}

/** The URL value of a grouping: '' (parameter removed) for the default, so plain links stay plain. */
export function groupingParam(grouping: readonly AlertGroupDimension[]): string {
  if (grouping.length === 0) {
    return NO_GROUPING;
  }
  return grouping.join(',') === DEFAULT_ALERT_GROUPING.join(',') ? '' : grouping.join(',');
}

/**
 * The page's filters narrowed to one group: the group's filter (GET /api/alerts/groups names it) is added to the
 * page's. Any key the group sets replaces the page's value, which it can only narrow (the group was counted under
 * the page's filters). An empty value is no filter in a query string, so it never replaces one, except for a label
 * (`label.zone=`), where it means "alerts without the label".
 */
export function mergeFilter(page: AlertListQuery, group: AlertListQuery): AlertListQuery {
  const merged: Record<string, unknown> = { ...page };
  for (const [key, value] of Object.entries(group)) {
    if (value === undefined || (value === '' && !key.startsWith(LABEL_FILTER_PREFIX))) {
      continue;
    }
    merged[key] = value;
  }
  return merged as AlertListQuery;
}

/** The filter of a bulk action or an export: the list's filters without paging. */
export function bulkFilter(query: AlertListQuery): Omit<AlertListQuery, 'cursor' | 'limit' | 'facets'> {
  const { cursor: _cursor, limit: _limit, facets: _facets, ...filter } = query;
  return filter;
}
