/**
 * Where a maintenance window is mirrored so the upstreams stay quiet too: an Alertmanager silence on the covered
 * services' `service` label, and a PagerDuty maintenance window on their PagerDuty services. Mirroring is best
 * effort: a failure is recorded on the window (mirrors.errors) and the window still applies in Opsdeck.
 */
import type { CatalogService, MaintenanceMirrors } from '@/contract';
import type { AlertmanagerClient } from '../../sources/alertmanager/client';
import type { PagerDutyClient } from '../../sources/pagerduty/client';
import type { StoredWindow } from './maintenanceStore';

export interface MirrorTargets {
  alertmanager?: AlertmanagerClient;
  pagerduty?: { client: PagerDutyClient; fromFor(user: string): string };
}

export class MaintenanceMirrorer {
  constructor(private readonly targets: MirrorTargets) {}

  async create(window: StoredWindow, services: CatalogService[], user: string): Promise<MaintenanceMirrors> {
    const mirrors: MaintenanceMirrors = { errors: [] };
    if (window.recurrence) {
      // Alertmanager models recurring quiet times as mute_time_intervals in its routing tree, not as silences.
      if (this.targets.alertmanager || this.targets.pagerduty) {
        mirrors.errors.push('recurring windows are not mirrored: use mute_time_intervals in alertmanager.yml');
      }
      return mirrors;
    }
    const { alertmanager, pagerduty } = this.targets;
    if (alertmanager && services.length > 0) {
      await attempt(mirrors, 'Alertmanager silence', async () => {
        mirrors.alertmanagerSilenceId = await alertmanager.createSilence({
          matchers: [{ name: 'service', value: services.map((s) => escapeRegex(s.name)).join('|'), isRegex: true }],
          startsAt: window.startsAt,
          endsAt: window.endsAt,
          createdBy: user,
          comment: `Opsdeck maintenance ${window.id}: ${window.reason}`,
        });
      });
    }
    const pdServices = services.map((s) => s.pagerdutyServiceId).filter((id): id is string => Boolean(id));
    if (pagerduty && pdServices.length > 0) {
      await attempt(mirrors, 'PagerDuty maintenance window', async () => {
        const created = await pagerduty.client.createMaintenanceWindow(
          {
            startTime: new Date(window.startsAt).toISOString(),
            endTime: new Date(window.endsAt).toISOString(),
            description: `Opsdeck ${window.id}: ${window.reason}`,
            serviceIds: pdServices,
          },
          pagerduty.fromFor(user)
        );
        mirrors.pagerdutyMaintenanceWindowId = created.id;
      });
    }
    return mirrors;
  }

  /** Moves the mirrors' end; `endsAt` may be now (ending the window). */
  async reschedule(
    window: StoredWindow,
    services: CatalogService[],
    user: string,
    ending: boolean
  ): Promise<MaintenanceMirrors> {
    const mirrors: MaintenanceMirrors = { ...window.mirrors, errors: [] };
    const { alertmanager, pagerduty } = this.targets;
    const silenceId = mirrors.alertmanagerSilenceId;
    if (alertmanager && silenceId) {
      await attempt(mirrors, 'Alertmanager silence', async () => {
        if (ending) {
          await alertmanager.expireSilence(silenceId);
          return;
        }
        mirrors.alertmanagerSilenceId = await alertmanager.createSilence({
          id: silenceId,
          matchers: [{ name: 'service', value: services.map((s) => escapeRegex(s.name)).join('|'), isRegex: true }],
          startsAt: window.startsAt,
          endsAt: window.endsAt,
          createdBy: user,
          comment: `Opsdeck maintenance ${window.id}: ${window.reason}`,
        });
      });
    }
    const pdWindowId = mirrors.pagerdutyMaintenanceWindowId;
    if (pagerduty && pdWindowId) {
      await attempt(mirrors, 'PagerDuty maintenance window', async () => {
        const from = pagerduty.fromFor(user);
        if (ending) await pagerduty.client.deleteMaintenanceWindow(pdWindowId, from);
        else await pagerduty.client.updateMaintenanceWindowEnd(pdWindowId, new Date(window.endsAt).toISOString(), from);
      });
    }
    return mirrors;
  }
}

async function attempt(mirrors: MaintenanceMirrors, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    mirrors.errors.push(`${what}: ${(error as Error).message}`);
  }
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
