/** Decodes the query string of GET /api/alerts and /api/incidents into store filters, naming any bad field. */
import {
  ALERT_SEVERITIES,
  ALERT_SOURCES,
  ALERT_STATUSES,
  INCIDENT_STATUSES,
  STATUS_ALL,
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

export function alertFilters(query: AlertListQuery): AlertFilters {
  return { ...commonFilters(query), statuses: statuses(query.status, ALERT_STATUSES) };
}

export function incidentFilters(query: AlertListQuery): IncidentFilters {
  return { ...commonFilters(query), statuses: statuses(query.status, INCIDENT_STATUSES) };
}

/** Which page of a list, and whether to count its facets. */
export function pageRequest(query: AlertListQuery): PageRequest {
  const after = query.cursor === undefined || query.cursor === '' ? undefined : decodeCursor(query.cursor);
  if (query.cursor && !after) {
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
