/** Decodes the query string of GET /api/alerts and /api/incidents into store filters, naming any bad field. */
import {
  ALERT_SEVERITIES,
  ALERT_SOURCES,
  ALERT_STATUSES,
  INCIDENT_STATUSES,
  NO_VALUE,
  STATUS_ALL,
  ALERT_GROUP_COLUMNS,
  DEFAULT_ALERT_GROUPING,
  LABEL_DIMENSION_PREFIX,
  LABEL_FILTER_PREFIX,
  MAX_GROUP_DIMENSIONS,
  type AlertGroupDimension,
  type AlertFilters,
  type AlertListQuery,
  type IncidentFilters,
} from '@opsdeck/contract';
import { parseDigits, wholeNumberProblem } from '../time/epoch';
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from './alertStore';
import { decodeCursor, type PageRequest } from './listPage';

export class FilterError extends Error {
  override readonly name = 'FilterError';
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message);
  }
}

const MAX_LABEL_FILTERS = 8;

export function alertFilters(query: AlertListQuery): AlertFilters {
  return {
    ...commonFilters(query),
    statuses: statuses(query.status, ALERT_STATUSES),
    alertNames: alertName(query.alertname),
    groupKeys: nonEmpty(query.groupKey),
    labels: labelFilters(query),
  };
}

export function incidentFilters(query: AlertListQuery): IncidentFilters {
  for (const field of ['alertname', 'groupKey', ...Object.keys(query).filter(isLabelKey)]) {
    if (query[field as keyof AlertListQuery] !== undefined) {
      throw new FilterError(field, `${field} filters alerts only`);
    }
  }
  return { ...commonFilters(query), statuses: statuses(query.status, INCIDENT_STATUSES) };
}

/** Which page of a list, and whether to count its facets. */
export function pageRequest(query: AlertListQuery): PageRequest {
  const cursor = query.cursor;
  const after = cursor === undefined || cursor === '' ? undefined : decodeCursor(cursor);
  if (cursor && !after) {
    throw new FilterError('cursor', 'cursor is not one this gateway gave out: use the nextCursor of the previous page');
  }
  if (query.facets !== undefined && query.facets !== 'true' && query.facets !== 'false') {
    throw new FilterError('facets', 'facets must be true or false');
  }
  return { limit: limit(query.limit) ?? DEFAULT_LIST_LIMIT, after, facets: query.facets === 'true' };
}

function commonFilters(query: AlertListQuery): Omit<AlertFilters, 'statuses'> {
  return {
    services: list(query.service),
    teams: list(query.team),
    severities: oneOf('severity', list(query.severity), ALERT_SEVERITIES),
    sources: oneOf('source', list(query.source), ALERT_SOURCES),
    limit: limit(query.limit),
  };
}

/** One name (names may hold commas); NO_VALUE stands for the empty name, which a query string cannot carry. */
function alertName(value: string | undefined): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  return [value === NO_VALUE ? '' : value];
}

function nonEmpty(value: string | undefined): string[] | undefined {
  return value === undefined || value === '' ? undefined : [value];
}

const isLabelKey = (key: string) => key.startsWith(LABEL_FILTER_PREFIX);

/** `label.<name>=<value>` parameters; an empty value matches alerts without the label. */
function labelFilters(query: AlertListQuery): AlertFilters['labels'] {
  const keys = Object.keys(query).filter(isLabelKey);
  if (keys.length === 0) return undefined;
  if (keys.length > MAX_LABEL_FILTERS) {
    throw new FilterError('label', `at most ${MAX_LABEL_FILTERS} label filters`);
  }
  return keys.map((key) => {
    const name = key.slice(LABEL_FILTER_PREFIX.length);
    if (name === '') throw new FilterError(key, `${key}: name the label, as label.<name>=<value>`);
    return { name, value: String(query[key as `label.${string}`] ?? '') };
  });
}

// Dashboard variables send '*' or '' for "all"; both mean no filter.
function list(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '' && v !== '*');
  return items && items.length > 0 ? items : undefined;
}

function oneOf<T extends string>(field: string, values: string[] | undefined, allowed: readonly T[]): T[] | undefined {
  const bad = values?.find((v) => !allowed.includes(v as T));
  if (bad !== undefined) {
    throw new FilterError(field, `${field} "${bad}" is not one of ${allowed.join(', ')}`);
  }
  return values as T[] | undefined;
}

function statuses<T extends string>(
  value: string | undefined,
  allowed: readonly T[]
): T[] | typeof STATUS_ALL | undefined {
  const values = list(value);
  if (values?.includes(STATUS_ALL)) {
    return STATUS_ALL;
  }
  return oneOf('status', values, [...allowed, STATUS_ALL] as T[]);
}

function limit(value: unknown): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  // Digits only: Number() would also read "1e3", " 7", "0x10" and "1.0".
  const n = typeof value === 'string' ? parseDigits(value) : value;
  // An unreadable text is named as sent, not as the undefined it parsed to.
  const problem = wholeNumberProblem(n ?? value, { min: 1, max: MAX_LIST_LIMIT });
  if (problem) {
    throw new FilterError('limit', `limit: ${problem}`);
  }
  return n as number;
}

const MAX_GROUPS_PAGE = 500;
const DEFAULT_GROUPS_PAGE = 100;
const MAX_LABEL_NAME = 200;

/** `by` of GET /api/alerts/groups: known dimensions or `label:<name>`, at most MAX_GROUP_DIMENSIONS, no repeats. */
export function groupDimensions(text: string | undefined): AlertGroupDimension[] {
  if (text === undefined || text.trim() === '') return [...DEFAULT_ALERT_GROUPING];
  const dimensions = text.split(',').map((d) => d.trim());
  if (dimensions.length > MAX_GROUP_DIMENSIONS) {
    throw new FilterError('by', `by: at most ${MAX_GROUP_DIMENSIONS} dimensions`);
  }
  for (const d of dimensions) {
    const label = d.startsWith(LABEL_DIMENSION_PREFIX) ? d.slice(LABEL_DIMENSION_PREFIX.length) : undefined;
    const known = (ALERT_GROUP_COLUMNS as readonly string[]).includes(d);
    if (!known && (label === undefined || label === '' || label.length > MAX_LABEL_NAME)) {
      throw new FilterError(
        'by',
        `by "${d.slice(0, 100)}" is not one of ${ALERT_GROUP_COLUMNS.join(', ')} or ${LABEL_DIMENSION_PREFIX}<name>`
      );
    }
  }
  if (new Set(dimensions).size !== dimensions.length) throw new FilterError('by', 'by names a dimension twice');
  return dimensions as AlertGroupDimension[];
}

/** `limit` (default 100, at most 500) and `offset` of a page of groups. */
export function groupsPage(query: { limit?: unknown; offset?: unknown }): { limit: number; offset: number } {
  const limitValue = query.limit;
  const offsetValue = query.offset;
  const read = (field: string, raw: unknown, min: number, max: number) => {
    if (raw === undefined || raw === '') return undefined;
    const n = typeof raw === 'string' ? parseDigits(raw) : raw;
    const problem = wholeNumberProblem(n ?? raw, { min, max });
    if (problem) throw new FilterError(field, `${field}: ${problem}`);
    return n as number;
  };
  return {
    limit: read('limit', limitValue, 1, MAX_GROUPS_PAGE) ?? DEFAULT_GROUPS_PAGE,
    offset: read('offset', offsetValue, 0, 1_000_000) ?? 0,
  };
}
