/**
 * Mirrors a recurring window one occurrence at a time (see occurrences.ts). `sync` compares the occurrence recorded
 * on the window (mirrors.occurrence, stored with the window) with the one that should be mirrored at `now` and makes
 * only the upstream calls that close the difference: open the next occurrence once the previous one has run its
 * course, move its end when the series' end moves, release it when the series is ended early, and create whatever
 * failed last time. With nothing to change it calls nobody, so the tick can run it every minute and a restart picks
 * up from the database without duplicating anything.
 */
import type { CatalogService, MaintenanceMirrors, MaintenanceOccurrenceMirror } from '@opsdeck/contract';
import { windowState } from '../maintenance';
import type { StoredWindow } from './maintenanceStore';
import { attempt, pagerdutyServiceIds, silenceSpec, type MirrorTargets } from './mirrorTargets';
import { spanToMirror, type Span } from './occurrences';

type Occurrence = MaintenanceOccurrenceMirror;

/** One sync's upstream calls: whether any was made, and the failures. */
interface Calls {
  made: boolean;
  errors: string[];
}

function call(calls: Calls, what: string, work: () => Promise<void>): Promise<boolean> {
  calls.made = true;
  return attempt(calls.errors, what, work);
}

export class OccurrenceMirrorer {
  constructor(private readonly targets: MirrorTargets) {}

  /** The window's mirrors after syncing; errors are replaced only when an upstream call was made. */
  async sync(window: StoredWindow, services: CatalogService[], user: string, now: number): Promise<MaintenanceMirrors> {
    const { recurrence } = window;
    const live = recurrence !== undefined && windowState(window, now) !== 'ended' && now < window.endsAt;
    const wanted = live ? spanToMirror({ ...window, recurrence }, now) : undefined;
    // An occurrence past its end needs nothing: its silence and PagerDuty window ended upstream by themselves.
    const recorded = window.mirrors.occurrence;
    let current = recorded && recorded.endsAt > now ? recorded : undefined;
    const calls: Calls = { made: false, errors: [] };

    if (current && current.startsAt !== wanted?.startsAt) current = await this.release(current, user, calls);
    if (wanted && (!current || current.startsAt === wanted.startsAt))
      current = await this.open(window, wanted, current, services, user, now, calls);

    const mirrors: MaintenanceMirrors = {
      ...window.mirrors,
      errors: calls.made ? calls.errors : window.mirrors.errors,
    };
    if (current) mirrors.occurrence = current;
    else delete mirrors.occurrence;
    return mirrors;
  }

  /**
   * Creates the mirrors the occurrence still lacks and moves the end of those it has. Returns undefined when no
   * target applies (nothing configured, or no covered service is known there).
   */
  private async open(
    window: StoredWindow,
    span: Span,
    existing: Occurrence | undefined,
    services: CatalogService[],
    user: string,
    now: number,
    calls: Calls
  ): Promise<Occurrence | undefined> {
    const { alertmanager, pagerduty } = this.targets;
    const amApplies = Boolean(alertmanager) && services.length > 0;
    const pdServices = pagerduty ? pagerdutyServiceIds(services) : [];
    if (!amApplies && pdServices.length === 0) return existing;
    const next: Occurrence = { ...(existing ?? span) };
    const moving = existing !== undefined && existing.endsAt !== span.endsAt;
    // A running span is mirrored from now: Alertmanager moves a past start of a new silence to now anyway, and the
    // PagerDuty window then starts at the same moment rather than in the past.
    const upstream = { startsAt: Math.max(span.startsAt, now), endsAt: span.endsAt };
    const label = `occurrence ${new Date(span.startsAt).toISOString()}`;
    let moved = true;

    if (alertmanager && amApplies && (moving || !next.alertmanagerSilenceId)) {
      const id = next.alertmanagerSilenceId;
      const comment = `Opsdeck maintenance ${window.id} (${label}): ${window.reason}`;
      // Updating may replace the silence under a new id (Alertmanager keeps history that way); keep whichever it gives.
      moved =
        (await call(calls, 'Alertmanager silence', async () => {
          next.alertmanagerSilenceId = await alertmanager.createSilence({
            ...silenceSpec(services, upstream, user, comment),
            ...(id ? { id } : {}),
          });
        })) && moved;
    }
    if (pagerduty && pdServices.length > 0 && (moving || !next.pagerdutyMaintenanceWindowId)) {
      const id = next.pagerdutyMaintenanceWindowId;
      moved =
        (await call(calls, 'PagerDuty maintenance window', async () => {
          const from = pagerduty.fromFor(user);
          const endTime = new Date(span.endsAt).toISOString();
          if (id) {
            await pagerduty.client.updateMaintenanceWindowEnd(id, endTime, from);
            return;
          }
          const created = await pagerduty.client.createMaintenanceWindow(
            {
              startTime: new Date(upstream.startsAt).toISOString(),
              endTime,
              description: `Opsdeck ${window.id} (${label}): ${window.reason}`,
              serviceIds: pdServices,
            },
            from
          );
          next.pagerdutyMaintenanceWindowId = created.id;
        })) && moved;
    }
    // Keep the old end until every move succeeded, so the next sync retries the one that failed.
    if (moved) next.endsAt = span.endsAt;
    return next;
  }

  /** Expires the silence and deletes (or, once running, ends) the PagerDuty window; keeps what failed for a retry. */
  private async release(occurrence: Occurrence, user: string, calls: Calls): Promise<Occurrence | undefined> {
    const { alertmanager, pagerduty } = this.targets;
    const left: Occurrence = { ...occurrence };
    const silenceId = left.alertmanagerSilenceId;
    if (silenceId && alertmanager) {
      if (await call(calls, 'Alertmanager silence', () => alertmanager.expireSilence(silenceId)))
        delete left.alertmanagerSilenceId;
    }
    const pdWindowId = left.pagerdutyMaintenanceWindowId;
    if (pdWindowId && pagerduty) {
      const deleted = await call(calls, 'PagerDuty maintenance window', () =>
        pagerduty.client.deleteMaintenanceWindow(pdWindowId, pagerduty.fromFor(user))
      );
      if (deleted) delete left.pagerdutyMaintenanceWindowId;
    }
    return left.alertmanagerSilenceId || left.pagerdutyMaintenanceWindowId ? left : undefined;
  }
}
