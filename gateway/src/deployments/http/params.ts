/** Query-string parsing shared by the deployment routes; bad values become 400s naming the parameter. */
import type { CatalogService, DeploymentStatus, TimeRangeMs } from '@opsdeck/contract';
import type { Catalog } from '../../catalog';
import { epochMsProblem, parseDigits, wholeNumberProblem, type WholeNumberBounds } from '../../time/epoch';
import { rangeTooLong } from '../../time/rangeLimits';

export class ParamError extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message);
  }
}

export type QueryString = Record<string, string | undefined>;

const STATUSES: readonly DeploymentStatus[] = ['started', 'in_progress', 'succeeded', 'failed', 'rolled_back'];

/** One value or a comma-separated list; absent or empty = no filter. */
export function list(value: string | undefined): string[] | undefined {
  const values = (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v && v !== '*');
  return values.length > 0 ? values : undefined;
}

export function statuses(value: string | undefined): DeploymentStatus[] | undefined {
  const values = list(value);
  const wrong = values?.find((v) => !STATUSES.includes(v as DeploymentStatus));
  if (wrong) throw new ParamError('status', `unknown status "${wrong}" (expected ${STATUSES.join(', ')})`);
  return values as DeploymentStatus[] | undefined;
}

function digits(query: QueryString, field: string, what: string): number | undefined {
  const raw: unknown = query[field];
  if (raw === undefined || raw === '') return undefined;
  const value = typeof raw === 'string' ? parseDigits(raw) : undefined;
  if (value === undefined) {
    throw new ParamError(field, `"${field}" must be ${what}, got ${JSON.stringify(raw)?.slice(0, 40)}`);
  }
  return value;
}

/** An instant in epoch ms (1970–2100); absent = undefined. */
export function epochMs(query: QueryString, field: string): number | undefined {
  const value = digits(query, field, 'epoch milliseconds (a whole number)');
  const problem = value === undefined ? undefined : epochMsProblem(value);
  if (problem) throw new ParamError(field, `"${field}": ${problem}`);
  return value;
}

/** A whole number within bounds (a limit); absent = undefined. */
export function wholeNumber(query: QueryString, field: string, bounds: WholeNumberBounds): number | undefined {
  const value = digits(query, field, `a whole number from ${bounds.min} to ${bounds.max}`);
  const problem = value === undefined ? undefined : wholeNumberProblem(value, bounds);
  if (problem) throw new ParamError(field, `"${field}": ${problem}`);
  return value;
}

/** `from`/`to` with defaults (to = now, from = to - defaultMs), from before to, at most `maxDays` long. */
export function timeRange(
  query: QueryString,
  defaults: { now: number; lengthMs: number },
  limit: { maxDays: number; what: string }
): TimeRangeMs {
  const asked = epochMs(query, 'from');
  const to = epochMs(query, 'to') ?? defaults.now;
  const from = asked ?? Math.max(0, to - defaults.lengthMs);
  if (from >= to) throw new ParamError('from', '"from" must be before "to"');
  const tooLong = rangeTooLong({ from, to }, limit.maxDays, limit.what);
  if (tooLong) throw new ParamError('from', tooLong);
  return { from, to };
}

/** Catalog services the service/team filters allow; undefined when neither is given. Unknown names are errors. */
export function servicesOf(catalog: Catalog, query: QueryString): CatalogService[] | undefined {
  const names = list(query.service);
  const teams = list(query.team);
  const unknown = names?.find((name) => !catalog.services.some((s) => s.name === name));
  if (unknown) throw new ParamError('service', `unknown service "${unknown}"`);
  const unknownTeam = teams?.find((team) => !catalog.teams.includes(team));
  if (unknownTeam) throw new ParamError('team', `unknown team "${unknownTeam}"`);
  if (!names && !teams) return undefined;
  return catalog.services.filter((s) => (!names || names.includes(s.name)) && (!teams || teams.includes(s.team)));
}
