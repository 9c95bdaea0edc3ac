/**
 * The upstreams a maintenance window is mirrored to, and what a mirror looks like there: an Alertmanager silence on
 * the covered services' `service` label, a PagerDuty maintenance window on their PagerDuty services.
 */
import type { CatalogService } from '@opsdeck/contract';
import type { AlertmanagerClient, SilenceSpec } from '../../sources/alertmanager/client';
import type { PagerDutyClient } from '../../sources/pagerduty/client';

export interface MirrorTargets {
  alertmanager?: AlertmanagerClient;
  pagerduty?: { client: PagerDutyClient; fromFor(user: string): string };
}

export function silenceSpec(
  services: CatalogService[],
  span: { startsAt: number; endsAt: number },
  user: string,
  comment: string
): SilenceSpec {
  return {
    matchers: [{ name: 'service', value: services.map((s) => escapeRegex(s.name)).join('|'), isRegex: true }],
    startsAt: span.startsAt,
    endsAt: span.endsAt,
    createdBy: user,
    comment,
  };
}

export function pagerdutyServiceIds(services: CatalogService[]): string[] {
  return services.map((s) => s.pagerdutyServiceId).filter((id): id is string => Boolean(id));
}

/** Runs one upstream call; a failure is recorded in `errors` (mirroring is best effort). True when it succeeded. */
export async function attempt(errors: string[], what: string, work: () => Promise<void>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    errors.push(`${what}: ${(error as Error).message}`);
    return false;
  }
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
