import { type CatalogService, type ServicesResponse } from '@opsdeck/contract';

/** The validated service catalog, with the team and region lists the filters and variables offer. */
export interface Catalog extends ServicesResponse {
  /** Where it was read from, for messages. */
  file: string;
  find(name: string): CatalogService | undefined;
  /** The team's time zone from the catalog's `teams:` settings; UTC when it sets none. */
  timeZoneOf(team: string): string;
}

export interface TeamSettings {
  name: string;
  timeZone: string;
}

export function createCatalog(services: CatalogService[], file: string, teamSettings: TeamSettings[] = []): Catalog {
  const zones = new Map(teamSettings.map((t) => [t.name, t.timeZone]));
  const byName = new Map(services.map((service) => [service.name, service]));
  const sortedUnique = (values: Array<string | undefined>) =>
    [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
  return {
    file,
    services,
    teams: sortedUnique(services.map((s) => s.team)),
    regions: sortedUnique(services.map((s) => s.aws.region)),
    find: (name) => byName.get(name),
    timeZoneOf: (team) => zones.get(team) ?? 'UTC',
  };
}
