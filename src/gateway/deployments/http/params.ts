/** Query-string parsing shared by the deployment routes; bad values become 400s naming the parameter. */
import type { CatalogService, DeploymentStatus } from '@/contract';
import type { Catalog } from '@/gateway/catalog';

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

export function integer(query: QueryString, field: string): number | undefined {
  const raw = query[field];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new ParamError(field, `"${field}" must be a whole number`);
  return Number(raw);
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
