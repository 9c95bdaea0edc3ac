/**
 * Maintenance windows: create, extend, end; mirrored upstream; the in-memory registry the alert store's suppression
 * transform reads is refreshed on every change; `tick()` (run on an interval) re-marks alerts whose coverage changed,
 * sends the reminder event before a window expires, rolls recurring windows' mirrors on to their next occurrence,
 * and is what tests drive with a pinned clock.
 */
import { randomUUID } from 'node:crypto';
import type {
  Alert,
  CatalogService,
  CreateMaintenanceRequest,
  MaintenanceChangedPayload,
  MaintenanceState,
  MaintenanceWindow,
  StaleMaintenanceWindow,
} from '@opsdeck/contract';
import type { Catalog } from '../../catalog';
import type { Store } from '../../store';
import type { AlertStore } from '../alertStore';
import type { MaintenanceRegistry } from '../maintenance';
import { present, type MaintenanceStore, type StoredWindow } from './maintenanceStore';
import type { MaintenanceMirrorer } from './mirrors';
import { InProcessMutex, type Mutex } from '../../cluster/mutex';

/** Reminder this long before a window ends. */
export const MAINTENANCE_REMINDER_MS = 15 * 60_000;
/** A window is stale when it is still open this long after its services recovered. */
export const STALE_AFTER_MS = 60 * 60_000;

export interface MaintenanceServiceDeps {
  windows: MaintenanceStore;
  alerts: Pick<AlertStore, 'listAlerts' | 'persist'>;
  store: Pick<Store, 'appendEvent' | 'appendAudit'>;
  catalog: Catalog;
  mirrorer: MaintenanceMirrorer;
  registry: MaintenanceRegistry;
  clock: () => number;
  /** Told after event-log rows were appended (the live stream's broadcaster). */
  notify: () => void;
  /** Serialises writes and ticks; in-process by default, across replicas on Postgres (cluster/mutex.ts). */
  mutex?: Mutex;
}

export class MaintenanceError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string
  ) {
    super(message);
  }
}

export class MaintenanceService {
  private readonly mutex: Mutex;

  constructor(private readonly deps: MaintenanceServiceDeps) {
    this.mutex = deps.mutex ?? new InProcessMutex();
  }

  /** Loads the live windows into the registry; call once at start. */
  async load(): Promise<void> {
    await this.refreshRegistry();
  }

  create(request: CreateMaintenanceRequest, user: string): Promise<MaintenanceWindow> {
    return this.serially(() => this.createNow(request, user));
  }

  extend(id: string, endsAt: number, user: string): Promise<MaintenanceWindow> {
    return this.serially(() => this.extendNow(id, endsAt, user));
  }

  end(id: string, user: string): Promise<MaintenanceWindow> {
    return this.serially(() => this.endNow(id, user));
  }

  /**
   * Reminders before expiry, recurring windows' mirrors rolled on (or released, retried), and re-marking of alerts
   * whose coverage changed (a window started or ended).
   */
  tick(): Promise<void> {
    return this.serially(() => this.tickNow());
  }

  private async createNow(request: CreateMaintenanceRequest, user: string): Promise<MaintenanceWindow> {
    const now = this.deps.clock();
    const services = [...new Set(request.services ?? [])];
    const teams = [...new Set(request.teams ?? [])];
    if (services.length === 0 && teams.length === 0)
      throw new MaintenanceError(400, 'give at least one service or team', 'services');
    for (const name of services) {
      if (!this.deps.catalog.find(name)) throw new MaintenanceError(400, `unknown service ${name}`, 'services');
    }
    for (const team of teams) {
      if (!this.deps.catalog.teams.includes(team)) throw new MaintenanceError(400, `unknown team ${team}`, 'teams');
    }
    const startsAt = request.startsAt ?? now;
    if (request.endsAt <= startsAt) throw new MaintenanceError(400, 'endsAt must be after startsAt', 'endsAt');
    if (request.endsAt <= now) throw new MaintenanceError(400, 'endsAt must be in the future', 'endsAt');
    const window: StoredWindow = {
      id: `mw-${randomUUID()}`,
      services,
      teams,
      reason: request.reason,
      createdBy: user,
      createdAt: now,
      startsAt,
      endsAt: request.endsAt,
      ...(request.recurrence ? { recurrence: request.recurrence } : {}),
      mirrors: { errors: [] },
    };
    window.mirrors = await this.deps.mirrorer.create(window, this.coveredServices(window), user, now);
    await this.deps.windows.insert(window);
    return this.changed(window, 'created', user, now);
  }

  private async extendNow(id: string, endsAt: number, user: string): Promise<MaintenanceWindow> {
    const now = this.deps.clock();
    const window = await this.live(id, now);
    if (endsAt <= window.endsAt) throw new MaintenanceError(400, 'endsAt must be later than the current end', 'endsAt');
    const extended: StoredWindow = { ...window, endsAt };
    delete extended.remindedAt;
    extended.mirrors = await this.deps.mirrorer.reschedule(extended, this.coveredServices(extended), user, now);
    await this.deps.windows.update(extended);
    return this.changed(extended, 'extended', user, now);
  }

  private async endNow(id: string, user: string): Promise<MaintenanceWindow> {
    const now = this.deps.clock();
    const window = await this.live(id, now);
    const ended: StoredWindow = { ...window, endedAt: now, endedBy: user };
    ended.mirrors = await this.deps.mirrorer.reschedule(ended, this.coveredServices(ended), user, now);
    await this.deps.windows.update(ended);
    return this.changed(ended, 'ended', user, now);
  }

  async list(states: readonly MaintenanceState[] | 'all'): Promise<MaintenanceWindow[]> {
    const now = this.deps.clock();
    const all = (await this.deps.windows.listAll()).map((w) => present(w, now));
    return states === 'all' ? all : all.filter((w) => states.includes(w.state));
  }

  /** Active windows whose covered services have had nothing open for STALE_AFTER_MS. */
  async stale(): Promise<StaleMaintenanceWindow[]> {
    const now = this.deps.clock();
    const stale: StaleMaintenanceWindow[] = [];
    for (const window of await this.deps.windows.listLive(now)) {
      if (window.startsAt > now) continue;
      const services = this.coveredServices(window).map((s) => s.name);
      const alerts =
        services.length === 0 ? [] : await this.deps.alerts.listAlerts({ services, statuses: 'all', limit: 1000 });
      if (alerts.some((a) => a.status !== 'resolved')) continue;
      const lastResolved = Math.max(0, ...alerts.map((a) => a.endsAt ?? a.updatedAt));
      const recoveredAt = Math.max(window.startsAt, lastResolved);
      if (now - recoveredAt >= STALE_AFTER_MS)
        stale.push({ window: present(window, now), recoveredAt, openForMs: now - recoveredAt });
    }
    return stale;
  }

  private async tickNow(): Promise<void> {
    const now = this.deps.clock();
    await this.refreshRegistry();
    for (const window of await this.deps.windows.listLive(now)) {
      const remind =
        window.remindedAt === undefined && window.startsAt <= now && window.endsAt - now <= MAINTENANCE_REMINDER_MS;
      const next: StoredWindow = {
        ...window,
        ...(remind ? { remindedAt: now } : {}),
        mirrors: await this.deps.mirrorer.sync(window, this.coveredServices(window), now),
      };
      const mirrored = mirrorsChanged(window, next);
      if (remind || mirrored) await this.deps.windows.update(next);
      if (remind) await this.emit(next, 'expiring', now);
      // Pages show the mirror ids and errors: they hear of a roll-on when it happens, not at their next reload.
      else if (mirrored) await this.emit(next, 'mirrored', now);
    }
    for (const window of await this.deps.windows.listEndedEarly(now)) {
      const mirrors = await this.deps.mirrorer.sync(window, this.coveredServices(window), now);
      if (mirrorsChanged(window, { mirrors })) await this.deps.windows.update({ ...window, mirrors });
    }
    await this.remark(now);
  }

  /**
   * Runs writes one at a time. The tick reads a window, calls the upstreams and writes the window back; without this
   * an `end` landing in between would be overwritten (the window live again) or would miss a mirror just opened.
   * Replicas on one Postgres database share the lock (cluster/mutex.ts).
   */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    return this.mutex.exclusive(work);
  }

  private async live(id: string, now: number): Promise<StoredWindow> {
    const window = await this.deps.windows.get(id);
    if (!window) throw new MaintenanceError(404, `no maintenance window with id ${id}`);
    const state = present(window, now).state;
    if (state === 'ended' || state === 'expired')
      throw new MaintenanceError(409, `maintenance window ${id} is already ${state}`);
    return window;
  }

  private async changed(
    window: StoredWindow,
    change: MaintenanceChangedPayload['change'],
    user: string,
    now: number
  ): Promise<MaintenanceWindow> {
    await this.deps.store.appendAudit({
      at: now,
      user,
      action: `maintenance.${change === 'created' ? 'create' : change === 'extended' ? 'extend' : 'end'}`,
      target: window.id,
      detail: { services: window.services, teams: window.teams, endsAt: window.endsAt, mirrors: window.mirrors },
      outcome: 'success',
    });
    await this.refreshRegistry();
    await this.emit(window, change, now);
    await this.remark(now);
    return present(window, now);
  }

  private async emit(window: StoredWindow, change: MaintenanceChangedPayload['change'], now: number): Promise<void> {
    await this.deps.store.appendEvent<MaintenanceChangedPayload>({
      type: 'maintenance.changed',
      at: now,
      service: window.services[0],
      payload: { change, window: present(window, now) },
    });
    this.deps.notify();
  }

  private async refreshRegistry(): Promise<void> {
    const now = this.deps.clock();
    this.deps.registry.replace((await this.deps.windows.listLive(now)).map((w) => present(w, now)));
  }

  /**
   * Firing alerts now covered become suppressed, suppressed ones no longer covered fire again: each is re-persisted
   * as firing and the store's suppression transform decides.
   */
  private async remark(now: number): Promise<void> {
    const candidates = await this.deps.alerts.listAlerts({ statuses: ['firing', 'suppressed'], limit: 1000 });
    const changed: Alert[] = candidates
      .filter((a) => (a.status === 'suppressed') !== Boolean(this.deps.registry.coveringWindow(a)))
      .map((a) => ({ ...a, status: 'firing', updatedAt: Math.max(now, a.updatedAt + 1) }));
    const bySource = new Map<Alert['source'], Alert[]>();
    for (const alert of changed) bySource.set(alert.source, [...(bySource.get(alert.source) ?? []), alert]);
    for (const [source, alerts] of bySource) {
      await this.deps.alerts.persist({
        source,
        deliveryId: `maintenance:${now}:${randomUUID()}`,
        receivedAt: now,
        batch: { alerts, incidents: [] },
      });
    }
  }

  private coveredServices(window: Pick<StoredWindow, 'services' | 'teams'>): CatalogService[] {
    return this.deps.catalog.services.filter((s) => window.services.includes(s.name) || window.teams.includes(s.team));
  }
}

function mirrorsChanged(before: Pick<StoredWindow, 'mirrors'>, after: Pick<StoredWindow, 'mirrors'>): boolean {
  return JSON.stringify(before.mirrors) !== JSON.stringify(after.mirrors);
}
