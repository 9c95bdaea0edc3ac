/**
 * Where a maintenance window is mirrored so the upstreams stay quiet too (mirrorTargets.ts). A one-off window is
 * one silence and one PagerDuty window for its whole span; a recurring one is mirrored one occurrence at a time
 * (occurrenceMirrors.ts). Mirroring is best effort: a failure is recorded on the window (mirrors.errors) and the
 * window still applies in Opsdeck.
 */
import type { CatalogService, MaintenanceMirrors } from '@opsdeck/contract';
import type { StoredWindow } from './maintenanceStore';
import { attempt, pagerdutyServiceIds, silenceSpec, type MirrorTargets } from './mirrorTargets';
import { OccurrenceMirrorer } from './occurrenceMirrors';

export type { MirrorTargets } from './mirrorTargets';

export class MaintenanceMirrorer {
  private readonly occurrences: OccurrenceMirrorer;

  constructor(private readonly targets: MirrorTargets) {
    this.occurrences = new OccurrenceMirrorer(targets);
  }

  async create(
    window: StoredWindow,
    services: CatalogService[],
    user: string,
    now: number
  ): Promise<MaintenanceMirrors> {
    if (window.recurrence) return this.occurrences.sync(window, services, user, now);
    const mirrors: MaintenanceMirrors = { errors: [] };
    const { alertmanager, pagerduty } = this.targets;
    if (alertmanager && services.length > 0) {
      await attempt(mirrors.errors, 'Alertmanager silence', async () => {
        mirrors.alertmanagerSilenceId = await alertmanager.createSilence(
          silenceSpec(services, window, user, comment(window))
        );
      });
    }
    const pdServices = pagerdutyServiceIds(services);
    if (pagerduty && pdServices.length > 0) {
      await attempt(mirrors.errors, 'PagerDuty maintenance window', async () => {
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

  /** Follows a change of the window's end: extended, or ended (`endedAt` set) by someone. */
  async reschedule(
    window: StoredWindow,
    services: CatalogService[],
    user: string,
    now: number
  ): Promise<MaintenanceMirrors> {
    if (window.recurrence) return this.occurrences.sync(window, services, user, now);
    const ending = window.endedAt !== undefined;
    const mirrors: MaintenanceMirrors = { ...window.mirrors, errors: [] };
    const { alertmanager, pagerduty } = this.targets;
    const silenceId = mirrors.alertmanagerSilenceId;
    if (alertmanager && silenceId) {
      await attempt(mirrors.errors, 'Alertmanager silence', async () => {
        if (ending) {
          await alertmanager.expireSilence(silenceId);
          return;
        }
        mirrors.alertmanagerSilenceId = await alertmanager.createSilence({
          ...silenceSpec(services, window, user, comment(window)),
          id: silenceId,
        });
      });
    }
    const pdWindowId = mirrors.pagerdutyMaintenanceWindowId;
    if (pagerduty && pdWindowId) {
      await attempt(mirrors.errors, 'PagerDuty maintenance window', async () => {
        const from = pagerduty.fromFor(user);
        if (ending) await pagerduty.client.deleteMaintenanceWindow(pdWindowId, from);
        else await pagerduty.client.updateMaintenanceWindowEnd(pdWindowId, new Date(window.endsAt).toISOString(), from);
      });
    }
    return mirrors;
  }

  /**
   * For the tick: a recurring window's next occurrence once the previous one ran its course, a release that failed
   * when the series was ended, a mirror that failed before. One-off windows are mirrored once and left as they are.
   */
  async sync(window: StoredWindow, services: CatalogService[], now: number): Promise<MaintenanceMirrors> {
    if (!window.recurrence) return window.mirrors;
    return this.occurrences.sync(window, services, window.endedBy ?? window.createdBy, now);
  }
}

function comment(window: StoredWindow): string {
  return `Opsdeck maintenance ${window.id}: ${window.reason}`;
}
