/**
 * The alarms of the whole catalog, per account and region (an alarm lives where its metrics are, and notifies a
 * topic in its own region), with the config's overrides applied. `listAlarms` is what the playbook mapping is
 * checked against: every alarm the app ships, by name and kind.
 */
import type { AlertSeverity, CatalogService, CloudWatchAlarmKind, PlaybookId } from '@opsdeck/contract';
import { catalogEnvs, envKey, servicesIn, type AwsEnv } from '../catalog';
import type { AlarmOverride } from '../config';
import { applyOverrides, planGatewayAlarms, planServiceAlarms, type AlarmSpec } from './plan';

export interface AlarmListing {
  name: string;
  service: string;
  kind: CloudWatchAlarmKind;
  severity: AlertSeverity;
  playbook: PlaybookId;
  /** `composite` for the burn-rate alarms that notify, `metric` otherwise. */
  type: AlarmSpec['type'];
  notifies: boolean;
  account: string;
  region: string;
}

/** Stands in for the gateway's load balancer and target group in listings (the stacks pass their tokens). */
const LISTING_TARGET = { targetGroup: 'targetgroup/opsdeck-gateway', loadBalancer: 'app/opsdeck-gateway' };

/**
 * Alarm specs per env key (`<account>-<region>`), home env first; the gateway's own alarm in the home env. Throws
 * on an override naming no alarm, so a typo cannot silently keep an alarm on.
 */
export function planCatalogAlarms(
  services: readonly CatalogService[],
  home: AwsEnv,
  overrides: Readonly<Record<string, AlarmOverride>>,
  gatewayTarget: { targetGroup: string; loadBalancer: string } = LISTING_TARGET
): Map<string, { env: AwsEnv; alarms: AlarmSpec[] }> {
  const planned = new Map<string, { env: AwsEnv; alarms: AlarmSpec[] }>();
  const names = new Set<string>();
  for (const env of catalogEnvs(services, home)) {
    const raw = [
      ...(envKey(env) === envKey(home) ? planGatewayAlarms(gatewayTarget) : []),
      ...servicesIn(services, env, home).flatMap(planServiceAlarms),
    ];
    raw.forEach((spec) => {
      if (names.has(spec.name)) throw new Error(`two alarms named ${spec.name}`);
      names.add(spec.name);
    });
    planned.set(envKey(env), { env, alarms: applyOverrides(raw, overrides) });
  }
  for (const name of Object.keys(overrides)) {
    if (!names.has(name)) throw new Error(`alarmOverrides.${name}: no alarm of that name (docs/aws-cdk.md lists them)`);
  }
  return planned;
}

export function listAlarms(
  services: readonly CatalogService[],
  home: AwsEnv,
  overrides: Readonly<Record<string, AlarmOverride>> = {}
): AlarmListing[] {
  return [...planCatalogAlarms(services, home, overrides).values()].flatMap(({ env, alarms }) =>
    alarms.map((spec) => ({
      name: spec.name,
      service: spec.service,
      kind: spec.kind,
      severity: spec.severity,
      playbook: spec.playbook,
      type: spec.type,
      notifies: spec.notifies,
      account: env.account,
      region: env.region,
    }))
  );
}
