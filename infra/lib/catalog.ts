/**
 * The service catalog as the stacks see it: read and validated by the gateway's own parser (so infra refuses what
 * the gateway would refuse), and the accounts and regions it spans.
 */
import type { CatalogService } from '@opsdeck/contract';
import { loadCatalog, type Catalog } from '../../gateway/src/catalog';

export type { Catalog };

/** An account and region: where a stack of alarms lives, where metrics are read. */
export interface AwsEnv {
  account: string;
  region: string;
}

export function readCatalog(file: string): Catalog {
  return loadCatalog(file);
}

/** Where a service's resources live; a service without `aws.account` / `aws.region` lives where the gateway runs. */
export function serviceEnv(service: CatalogService, home: AwsEnv): AwsEnv {
  return { account: service.aws.account ?? home.account, region: service.aws.region ?? home.region };
}

export function envKey(env: AwsEnv): string {
  return `${env.account}-${env.region}`;
}

/** Every account/region of the catalog, and the gateway's own: the home env first, the others sorted. */
export function catalogEnvs(services: readonly CatalogService[], home: AwsEnv): AwsEnv[] {
  const others = new Map<string, AwsEnv>();
  for (const service of services) {
    const env = serviceEnv(service, home);
    if (envKey(env) !== envKey(home)) others.set(envKey(env), env);
  }
  return [home, ...[...others.values()].sort((a, b) => envKey(a).localeCompare(envKey(b)))];
}

/** The catalog's accounts other than the gateway's, sorted: each gets a cross-account read role. */
export function memberAccounts(services: readonly CatalogService[], home: AwsEnv): string[] {
  return [...new Set(services.map((s) => serviceEnv(s, home).account))].filter((a) => a !== home.account).sort();
}

export function servicesIn(services: readonly CatalogService[], env: AwsEnv, home: AwsEnv): CatalogService[] {
  return services.filter((s) => envKey(serviceEnv(s, home)) === envKey(env));
}

/** One entry of the gateway's OPSDECK_AWS_ACCOUNTS (gateway/src/sources/aws/config.ts). */
export interface GatewayAwsAccount {
  id: string;
  regions: string[];
  roleArn?: string;
  externalId?: string;
}

/**
 * OPSDECK_AWS_ACCOUNTS from the catalog: the gateway's own account first (it is the one whose Cost Explorer is
 * read), with its credentials as they are; every other account through its read role.
 */
export function gatewayAwsAccounts(
  services: readonly CatalogService[],
  home: AwsEnv,
  readRoleArn: (account: string) => string,
  externalId?: string
): GatewayAwsAccount[] {
  const regions = new Map<string, Set<string>>([[home.account, new Set([home.region])]]);
  for (const service of services) {
    const env = serviceEnv(service, home);
    if (!regions.has(env.account)) regions.set(env.account, new Set());
    regions.get(env.account)!.add(env.region);
  }
  const sortedRegions = (account: string) => {
    const list = [...regions.get(account)!].sort();
    // The home region first: services without a region are read there.
    return account === home.account ? [home.region, ...list.filter((r) => r !== home.region)] : list;
  };
  return [home.account, ...memberAccounts(services, home)].map((id) =>
    id === home.account
      ? { id, regions: sortedRegions(id) }
      : { id, regions: sortedRegions(id), roleArn: readRoleArn(id), ...(externalId ? { externalId } : {}) }
  );
}
