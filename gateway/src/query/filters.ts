import { type CatalogService, type OpsdeckQuery } from '@opsdeck/contract';

/**
 * A filter value as the datasource sends it: empty or '*' means everything, otherwise one value or a
 * comma-separated list (multi-value dashboard variables), possibly still wrapped as a glob "{a,b}".
 */
export function parseFilter(value: string | undefined): Set<string> | undefined {
  const trimmed = value?.trim().replace(/^\{(.*)\}$/, '$1') ?? '';
  const values = trimmed
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (values.length === 0 || values.includes('*')) {
    return undefined;
  }
  return new Set(values);
}

/** Catalog services the query's service/team/region filters allow, in catalog order. */
export function selectServices(
  services: readonly CatalogService[],
  query: Pick<OpsdeckQuery, 'service' | 'team' | 'region'>
): CatalogService[] {
  const names = parseFilter(query.service);
  const teams = parseFilter(query.team);
  const regions = parseFilter(query.region);
  return services.filter(
    (s) =>
      (!names || names.has(s.name)) &&
      (!teams || teams.has(s.team)) &&
      (!regions || (s.aws.region !== undefined && regions.has(s.aws.region)))
  );
}
