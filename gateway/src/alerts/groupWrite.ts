/**
 * Writes a group of webhook deliveries inside one transaction with a fixed number of statements, however many
 * deliveries the group holds: claim the delivery ids, read the alerts and incidents they touch, merge in memory in
 * arrival order, then write every change with multi-row statements. Per-statement overhead (query building,
 * statement preparation, round trips) is what limits ingest, not the rows themselves.
 */
import type { Insertable, Transaction } from 'kysely';
import type {
  Alert,
  AlertChangedPayload,
  IncidentChangedPayload,
  IncidentSummary,
  OpsdeckEvent,
} from '@opsdeck/contract';
import type { Database, IncidentTimelineTable } from '../store/schema';
import type { NewEvent } from '../store/types';
import { appendEventRows } from '../store/eventLog';
import { storableText } from '../store/storableValues';
import { mergeAlert, mergeIncident } from './alertMerge';
import { alertToRow, incidentToRow, rowToAlert, rowToIncident } from './alertRows';
import type { WebhookDelivery } from '../upstream/alertIngest';

// Rows per multi-row statement: well under SQLite's 32,766 and Postgres's 65,535 bound parameters.
const CHUNK = 200;

type PendingEvent = NewEvent<AlertChangedPayload | IncidentChangedPayload>;

export interface GroupResult {
  /** Per delivery, in the group's order: records written, 0 for an id already stored. */
  inserted: number[];
  /** Event-log rows written, oldest first, with their ids. */
  events: OpsdeckEvent[];
}

/** `deliveries` as the alert store's transforms (maintenance suppression) left them. */
export async function writeGroup(trx: Transaction<Database>, deliveries: WebhookDelivery[]): Promise<GroupResult> {
  const fresh = await claimDeliveries(trx, deliveries);
  const alertIds = new Set<string>();
  const incidentIds = new Set<string>();
  for (const i of fresh) {
    deliveries[i].batch.alerts.forEach((a) => alertIds.add(a.id));
    deliveries[i].batch.incidents.forEach((c) => incidentIds.add(c.id));
  }
  const alerts = await readAlerts(trx, [...alertIds]);
  const incidents = await readIncidents(trx, [...incidentIds]);

  const changedAlerts = new Set<string>();
  const changedIncidents = new Set<string>();
  const links: Array<{ incident_id: string; alert_id: string }> = [];
  const timeline: Array<Insertable<IncidentTimelineTable>> = [];
  const pending: PendingEvent[] = [];
  for (const i of fresh) {
    const { batch, receivedAt } = deliveries[i];
    for (const incoming of batch.alerts) {
      const merged = mergeAlert(alerts.get(incoming.id), incoming);
      if (merged) {
        alerts.set(merged.id, merged);
        changedAlerts.add(merged.id);
        pending.push({ type: 'alert.changed', at: receivedAt, service: merged.service, payload: { alert: merged } });
      }
    }
    for (const change of batch.incidents) {
      const stored = incidents.get(change.id);
      const merged = mergeIncident(stored, change);
      incidents.set(merged.id, merged);
      changedIncidents.add(merged.id);
      for (const alertId of merged.alertIds.filter((a) => !stored?.alertIds.includes(a))) {
        links.push({ incident_id: merged.id, alert_id: alertId });
      }
      const { entry } = change;
      timeline.push({
        incident_id: merged.id,
        kind: entry.kind,
        at: entry.at,
        actor: entry.actor ?? null,
        text: entry.text ?? null,
      });
      pending.push({
        type: 'incident.changed',
        at: receivedAt,
        service: merged.service,
        payload: { incident: merged, entry },
      });
    }
  }

  await upsertAlerts(
    trx,
    [...changedAlerts].map((id) => alerts.get(id) as Alert)
  );
  await upsertIncidents(
    trx,
    [...changedIncidents].map((id) => incidents.get(id) as IncidentSummary)
  );
  for (const rows of chunks(links)) {
    await trx
      .insertInto('incident_alerts')
      .values(rows)
      .onConflict((oc) => oc.columns(['incident_id', 'alert_id']).doNothing())
      .execute();
  }
  for (const rows of chunks(timeline)) {
    await trx.insertInto('incident_timeline').values(rows).execute();
  }
  const events = await appendEvents(trx, pending);

  const freshSet = new Set(fresh);
  const inserted = deliveries.map((d, i) => (freshSet.has(i) ? d.batch.alerts.length + d.batch.incidents.length : 0));
  return { inserted, events };
}

/** Indexes (into `deliveries`) of the ones whose id was not stored yet; a repeat within the group counts once. */
async function claimDeliveries(trx: Transaction<Database>, deliveries: WebhookDelivery[]): Promise<number[]> {
  // Keys as the database returns them, NUL stored as U+FFFD, so that an id with a NUL matches its own row.
  const keyOf = (source: string, deliveryId: string) => `${source}\n${storableText(deliveryId)}`;
  const firstByKey = new Map<string, number>();
  deliveries.forEach((d, i) => {
    // A delivery that carries nothing Opsdeck tracks (an ignored event type) leaves no trace, not even its id.
    if (d.batch.alerts.length === 0 && d.batch.incidents.length === 0) return;
    const key = keyOf(d.source, d.deliveryId);
    if (!firstByKey.has(key)) firstByKey.set(key, i);
  });
  const claimed = new Set<string>();
  for (const indexes of chunks([...firstByKey.values()])) {
    const rows = await trx
      .insertInto('webhook_deliveries')
      .values(
        indexes.map((i) => ({
          source: deliveries[i].source,
          delivery_id: deliveries[i].deliveryId,
          received_at: deliveries[i].receivedAt,
        }))
      )
      .onConflict((oc) => oc.columns(['source', 'delivery_id']).doNothing())
      .returning(['source', 'delivery_id'])
      .execute();
    rows.forEach((r) => claimed.add(keyOf(r.source, r.delivery_id)));
  }
  return [...firstByKey.entries()]
    .filter(([key]) => claimed.has(key))
    .map(([, i]) => i)
    .sort((a, b) => a - b);
}

async function readAlerts(trx: Transaction<Database>, ids: string[]): Promise<Map<string, Alert>> {
  const found = new Map<string, Alert>();
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom('alerts').selectAll().where('id', 'in', part).execute();
    rows.forEach((row) => found.set(row.id, rowToAlert(row)));
  }
  return found;
}

async function readIncidents(trx: Transaction<Database>, ids: string[]): Promise<Map<string, IncidentSummary>> {
  const found = new Map<string, IncidentSummary>();
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom('incidents').selectAll().where('id', 'in', part).execute();
    const links = await trx
      .selectFrom('incident_alerts')
      .selectAll()
      .where('incident_id', 'in', part)
      .orderBy('alert_id')
      .execute();
    for (const row of rows) {
      found.set(
        row.id,
        rowToIncident(
          row,
          links.filter((l) => l.incident_id === row.id).map((l) => l.alert_id)
        )
      );
    }
  }
  return found;
}

async function upsertAlerts(trx: Transaction<Database>, alerts: Alert[]): Promise<void> {
  for (const part of chunks(alerts)) {
    await trx
      .insertInto('alerts')
      .values(part.map(alertToRow))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          source: eb.ref('excluded.source'),
          dedup_key: eb.ref('excluded.dedup_key'),
          service: eb.ref('excluded.service'),
          team: eb.ref('excluded.team'),
          severity: eb.ref('excluded.severity'),
          status: eb.ref('excluded.status'),
          starts_at: eb.ref('excluded.starts_at'),
          ends_at: eb.ref('excluded.ends_at'),
          updated_at: eb.ref('excluded.updated_at'),
          summary: eb.ref('excluded.summary'),
          description: eb.ref('excluded.description'),
          labels: eb.ref('excluded.labels'),
          links: eb.ref('excluded.links'),
          runbook_url: eb.ref('excluded.runbook_url'),
          alert_name: eb.ref('excluded.alert_name'),
          group_key: eb.ref('excluded.group_key'),
          receiver: eb.ref('excluded.receiver'),
        }))
      )
      .execute();
  }
}

async function upsertIncidents(trx: Transaction<Database>, incidents: IncidentSummary[]): Promise<void> {
  for (const part of chunks(incidents)) {
    await trx
      .insertInto('incidents')
      .values(part.map(incidentToRow))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          service: eb.ref('excluded.service'),
          team: eb.ref('excluded.team'),
          severity: eb.ref('excluded.severity'),
          status: eb.ref('excluded.status'),
          created_at: eb.ref('excluded.created_at'),
          updated_at: eb.ref('excluded.updated_at'),
          links: eb.ref('excluded.links'),
        }))
      )
      .execute();
  }
}

async function appendEvents(trx: Transaction<Database>, pending: PendingEvent[]): Promise<OpsdeckEvent[]> {
  const events: OpsdeckEvent[] = [];
  for (const part of chunks(pending)) events.push(...(await appendEventRows(trx, part)));
  return events;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
