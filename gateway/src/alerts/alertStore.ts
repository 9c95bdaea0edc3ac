/**
 * The alert repository over the gateway's Kysely instance (SQLite or Postgres): persists verified webhook
 * deliveries exactly once, and answers the read API.
 *
 * Deliveries queue and commit in groups: whatever arrived while a transaction was running goes into the next one.
 * One commit (one fsync) then covers many deliveries, which is what lets a single SQLite file keep up with bursts;
 * each caller's promise still resolves only after the commit that holds its delivery.
 */
import type { Kysely } from 'kysely';
import {
  ALERT_STATUSES,
  INCIDENT_STATUSES,
  OPEN_ALERT_STATUSES,
  OPEN_INCIDENT_STATUSES,
  STATUS_ALL,
  type Alert,
  type AlertDetailResponse,
  type AlertFilters,
  type AlertGroupDimension,
  type AlertGroupsResponse,
  type AlertListResponse,
  type IncidentListResponse,
  type ListFacets,
  type Incident,
  type IncidentDetailResponse,
  type IncidentFilters,
  type IncidentSummary,
  type OpsdeckEvent,
  type TimeRangeMs,
} from '@opsdeck/contract';
import { StoreBusyError } from '../store/errors';
import type { Database } from '../store/schema';
import { AlertStats } from './alertStats';
import { ListPager, type ListTable, type PageFilters, type PageRequest } from './listPage';
import { AlertGroupsReader, type GroupsPage } from './alertGroups';
import { ReadCoalescer } from './readCoalescer';
import { rowToAlert, rowToIncident, rowToTimelineEntry } from './alertRows';
import { InProcessGroupWriter, type GroupWriter } from './writer/groupWriter';
import type { WebhookDelivery } from '../upstream/alertIngest';

export const DEFAULT_LIST_LIMIT = 200;
/** The most one list answers; listFilters refuses a larger `limit` by name. */
export const MAX_LIST_LIMIT = 1000;
const MAX_GROUP = 256;

/** Applied to every incoming alert before it is merged, e.g. to mark alerts of a maintenance window suppressed. */
export type AlertTransform = (alert: Alert) => Alert;
/** Told after each commit, with the event-log rows that commit wrote, oldest first. */
export type CommitListener = (events: OpsdeckEvent[]) => void;

interface Pending {
  delivery: WebhookDelivery;
  resolve: (result: { inserted: number }) => void;
  reject: (error: unknown) => void;
}

type FilterColumn = 'service' | 'team' | 'severity' | 'source' | 'status';

export class AlertStore {
  private readonly queue: Pending[] = [];
  private draining = false;
  private readonly transforms: AlertTransform[] = [];
  private readonly listeners = new Set<CommitListener>();

  /** Aggregates for dashboard queries. */
  readonly stats: AlertStats;
  readonly pager: ListPager;
  private readonly groupsReader: AlertGroupsReader;
  private readonly coalescer = new ReadCoalescer();

  constructor(
    private readonly db: Kysely<Database>,
    /** Where groups are committed; see writer/groupWriter.ts. */
    private readonly writer: GroupWriter = new InProcessGroupWriter(db)
  ) {
    this.stats = new AlertStats(db);
    this.pager = new ListPager(db);
    this.groupsReader = new AlertGroupsReader(this.pager);
    this.listeners.add(() => this.coalescer.changed());
  }

  /** Stops the writer once what it holds is committed. */
  close(): Promise<void> {
    return this.writer.close();
  }

  /**
   * Stores one delivery atomically: its id in webhook_deliveries, its alerts, incident changes, timeline entries
   * and event-log rows. A delivery id already stored changes nothing and answers `{ inserted: 0 }`. Also the way
   * to record changes made by Opsdeck itself (use a unique deliveryId, e.g. `action:<uuid>`).
   */
  readonly persist = (delivery: WebhookDelivery): Promise<{ inserted: number }> =>
    new Promise((resolve, reject) => {
      this.queue.push({ delivery, resolve, reject });
      void this.drain();
    });

  addAlertTransform(transform: AlertTransform): void {
    this.transforms.push(transform);
  }

  /** Returns the function that unsubscribes. */
  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `activeIn`: only alerts that were open at some point of the range (started before its end, open or updated after its start). */
  async listAlerts(filters: AlertFilters = {}, activeIn?: TimeRangeMs): Promise<Alert[]> {
    let query = this.db.selectFrom('alerts').selectAll();
    for (const [column, values] of filterConditions(filters, filters.statuses, OPEN_ALERT_STATUSES)) {
      query = query.where(column, 'in', values);
    }
    if (activeIn) {
      query = query
        .where('starts_at', '<=', activeIn.to)
        .where((eb) => eb.or([eb('status', 'in', [...OPEN_ALERT_STATUSES]), eb('updated_at', '>=', activeIn.from)]));
    }
    const rows = await query.orderBy('updated_at', 'desc').orderBy('id').limit(clampLimit(filters.limit)).execute();
    return rows.map(rowToAlert);
  }

  /** The filters as the pager takes them: statuses resolved (absent = open ones). */
  pageFilters(filters: AlertFilters): PageFilters {
    return { ...filters, statuses: resolveStatuses(filters.statuses, ALERT_STATUSES, OPEN_ALERT_STATUSES) };
  }

  /** One page of the alerts the filters match, with their total (and facets when asked); see listPage.ts. */
  async listAlertsPage(filters: AlertFilters, request: PageRequest): Promise<AlertListResponse> {
    const statuses = resolveStatuses(filters.statuses, ALERT_STATUSES, OPEN_ALERT_STATUSES);
    const asked = { ...filters, statuses };
    const { ids, ...page } = await this.pager.page('alerts', asked, request, () => this.sharedFacets('alerts', asked));
    const rows = ids.length ? await this.db.selectFrom('alerts').selectAll().where('id', 'in', ids).execute() : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    // A row deleted between the two reads is left out rather than failing the page.
    return { alerts: ids.flatMap((id) => (byId.has(id) ? [rowToAlert(byId.get(id)!)] : [])), ...page };
  }

  private sharedFacets(table: ListTable, filters: PageFilters): Promise<ListFacets> {
    const { limit: _limit, ...asked } = filters as PageFilters & { limit?: number };
    return this.coalescer.read(JSON.stringify(['facets', table, asked]), () => this.pager.facets(table, asked));
  }

  /** The matching alerts folded into groups; the same question within a second shares one answer (readCoalescer). */
  alertGroups(filters: AlertFilters, by: AlertGroupDimension[], page: GroupsPage): Promise<AlertGroupsResponse> {
    const statuses = resolveStatuses(filters.statuses, ALERT_STATUSES, OPEN_ALERT_STATUSES);
    const { limit: _limit, ...asked } = filters;
    return this.coalescer.read(JSON.stringify(['groups', asked, by, page]), () =>
      this.groupsReader.groups({ ...asked, statuses }, by, page)
    );
  }

  async listIncidentsPage(filters: IncidentFilters, request: PageRequest): Promise<IncidentListResponse> {
    const statuses = resolveStatuses(filters.statuses, INCIDENT_STATUSES, OPEN_INCIDENT_STATUSES);
    const asked = { ...filters, statuses };
    const { ids, ...page } = await this.pager.page('incidents', asked, request, () =>
      this.sharedFacets('incidents', asked)
    );
    const rows = ids.length ? await this.db.selectFrom('incidents').selectAll().where('id', 'in', ids).execute() : [];
    const alertIds = await this.alertIdsOf(this.db, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      incidents: ids.flatMap((id) => (byId.has(id) ? [rowToIncident(byId.get(id)!, alertIds.get(id) ?? [])] : [])),
      ...page,
    };
  }

  /**
   * `activeIn`: incidents that may have been open at some point of the range: created before its end, and still
   * open or updated after its start. A resolved incident's last update is at or after its resolution (a late note
   * moves it on), so none that was open in the range is missed; resolvedAt() then tells exactly when each closed.
   * Served by incidents_updated_created (migration 0007).
   */
  async listIncidents(filters: IncidentFilters = {}, activeIn?: TimeRangeMs): Promise<IncidentSummary[]> {
    let query = this.db.selectFrom('incidents').selectAll();
    for (const [column, values] of filterConditions(filters, filters.statuses, OPEN_INCIDENT_STATUSES)) {
      query = query.where(column, 'in', values);
    }
    if (activeIn) {
      query = query
        .where('created_at', '<=', activeIn.to)
        .where((eb) => eb.or([eb('status', 'in', [...OPEN_INCIDENT_STATUSES]), eb('updated_at', '>=', activeIn.from)]));
    }
    const rows = await query.orderBy('updated_at', 'desc').orderBy('id').limit(clampLimit(filters.limit)).execute();
    const alertIds = await this.alertIdsOf(
      this.db,
      rows.map((r) => r.id)
    );
    return rows.map((row) => rowToIncident(row, alertIds.get(row.id) ?? []));
  }

  /** When each of the incidents was last resolved (its timeline's latest `resolved` entry); open ones are absent. */
  async resolvedAt(incidentIds: readonly string[]): Promise<Map<string, number>> {
    const resolved = new Map<string, number>();
    for (let i = 0; i < incidentIds.length; i += MAX_LIST_LIMIT) {
      const rows = await this.db
        .selectFrom('incident_timeline')
        .select(['incident_id', (eb) => eb.fn.max('at').as('at')])
        .where('kind', '=', 'resolved')
        .where('incident_id', 'in', incidentIds.slice(i, i + MAX_LIST_LIMIT))
        .groupBy('incident_id')
        .execute();
      for (const row of rows) resolved.set(row.incident_id, Number(row.at));
    }
    return resolved;
  }

  async getAlert(id: string): Promise<AlertDetailResponse | undefined> {
    const row = await this.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) {
      return undefined;
    }
    const incidentRows = await this.db
      .selectFrom('incidents')
      .innerJoin('incident_alerts', 'incident_alerts.incident_id', 'incidents.id')
      .selectAll('incidents')
      .where('incident_alerts.alert_id', '=', id)
      .orderBy('incidents.updated_at', 'desc')
      .execute();
    const alertIds = await this.alertIdsOf(
      this.db,
      incidentRows.map((r) => r.id)
    );
    return {
      alert: rowToAlert(row),
      incidents: incidentRows.map((r) => rowToIncident(r, alertIds.get(r.id) ?? [])),
    };
  }

  async getIncident(id: string): Promise<IncidentDetailResponse | undefined> {
    const summary = await this.readIncident(this.db, id);
    if (!summary) {
      return undefined;
    }
    const timeline = await this.db
      .selectFrom('incident_timeline')
      .selectAll()
      .where('incident_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const alerts =
      summary.alertIds.length === 0
        ? []
        : await this.db
            .selectFrom('alerts')
            .selectAll()
            .where('id', 'in', summary.alertIds)
            .orderBy('starts_at')
            .execute();
    const incident: Incident = { ...summary, timeline: timeline.map(rowToTimelineEntry) };
    return { incident, alerts: alerts.map(rowToAlert) };
  }

  private async drain(): Promise<void> {
    if (this.draining) {
      return;
    }
    this.draining = true;
    try {
      // Yield to the event loop before each group: SQLite's driver is synchronous, so requests that arrived during
      // the previous commit are only read from their sockets now, and they should join this group.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        try {
          await this.commitGroup(group);
        } catch (error) {
          if (error instanceof StoreBusyError) {
            // The database stayed locked for the whole wait: whatever queued behind this group would wait as long
            // again, one transaction at a time. Nothing was stored; all of them answer busy now (503, retry).
            for (const pending of [...group, ...this.queue.splice(0)]) pending.reject(error);
            continue;
          }
          // One bad delivery must not fail the others queued with it: retry each in its own transaction.
          for (const pending of group) {
            await this.commitGroup([pending]).catch((failure: unknown) => pending.reject(failure));
          }
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    // Transforms read in-memory state (maintenance windows), so they run here, before the group goes to the writer.
    const transform = (alert: Alert) => this.transforms.reduce((a, t) => t(a), alert);
    const deliveries = group.map(({ delivery }) =>
      this.transforms.length === 0
        ? delivery
        : { ...delivery, batch: { ...delivery.batch, alerts: delivery.batch.alerts.map(transform) } }
    );
    const { inserted, events } = await this.writer.write(deliveries);
    group.forEach((pending, i) => pending.resolve({ inserted: inserted[i] }));
    if (events.length > 0) {
      for (const listener of this.listeners) {
        listener(events);
      }
    }
  }

  private async readIncident(db: Kysely<Database>, id: string): Promise<IncidentSummary | undefined> {
    const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) {
      return undefined;
    }
    const alertIds = await this.alertIdsOf(db, [id]);
    return rowToIncident(row, alertIds.get(id) ?? []);
  }

  private async alertIdsOf(db: Kysely<Database>, incidentIds: string[]): Promise<Map<string, string[]>> {
    const byIncident = new Map<string, string[]>();
    if (incidentIds.length === 0) {
      return byIncident;
    }
    const rows = await db
      .selectFrom('incident_alerts')
      .selectAll()
      .where('incident_id', 'in', incidentIds)
      .orderBy('alert_id')
      .execute();
    for (const { incident_id, alert_id } of rows) {
      byIncident.set(incident_id, [...(byIncident.get(incident_id) ?? []), alert_id]);
    }
    return byIncident;
  }
}

function filterConditions(
  filters: Omit<AlertFilters, 'statuses'>,
  statuses: readonly string[] | typeof STATUS_ALL | undefined,
  openStatuses: readonly string[]
): Array<[FilterColumn, readonly string[]]> {
  const conditions: Array<[FilterColumn, readonly string[] | undefined]> = [
    ['service', filters.services],
    ['team', filters.teams],
    ['severity', filters.severities],
    ['source', filters.sources],
    ['status', statuses === STATUS_ALL ? undefined : statuses && statuses.length > 0 ? statuses : openStatuses],
  ];
  return conditions.filter((c): c is [FilterColumn, readonly string[]] => c[1] !== undefined && c[1].length > 0);
}

/** The statuses a filter asks for: `all` = every one, absent or empty = the open ones. */
export function resolveStatuses(
  statuses: readonly string[] | typeof STATUS_ALL | undefined,
  all: readonly string[],
  open: readonly string[]
): readonly string[] {
  if (statuses === STATUS_ALL) return all;
  return statuses && statuses.length > 0 ? statuses : open;
}

function clampLimit(limit: number | undefined): number {
  return Math.max(1, Math.min(MAX_LIST_LIMIT, Math.floor(limit ?? DEFAULT_LIST_LIMIT)));
}
