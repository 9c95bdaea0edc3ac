/**
 * How a new delivery combines with what is stored. Senders redeliver and reorder (PagerDuty does not guarantee
 * order), so an older update never overwrites a newer one, and an alert keeps the earliest start seen of its episode
 * (a firing after a resolution starts a new one).
 */
import type { Alert, AlertLink, IncidentSummary } from '@opsdeck/contract';
import { alertToRow } from './alertRows';
import type { IncidentChange } from '../upstream/alertIngest';

/** The alert to store, or undefined when the incoming update changes nothing. */
export function mergeAlert(stored: Alert | undefined, incoming: Alert): Alert | undefined {
  if (!stored) {
    return incoming;
  }
  const newer = incoming.updatedAt >= stored.updatedAt;
  // Firing again after a resolution is a new episode (Alertmanager's re-fire), which starts when it started.
  const refired = newer && stored.status === 'resolved' && incoming.status !== 'resolved';
  const startsAt = refired ? incoming.startsAt : Math.min(stored.startsAt, incoming.startsAt);
  const merged = newer ? { ...incoming, startsAt } : { ...stored, startsAt };
  // Compared as rows: the column order is fixed, whatever key order the parser produced.
  return JSON.stringify(alertToRow(merged)) === JSON.stringify(alertToRow(stored)) ? undefined : merged;
}

/**
 * The incident after `change`. A change older than the stored state still adds its timeline entry, its alerts and
 * links, and fills fields nothing had set, but never moves status, severity or title back.
 */
export function mergeIncident(stored: IncidentSummary | undefined, change: IncidentChange): IncidentSummary {
  const at = change.entry.at;
  const base: IncidentSummary = stored ?? {
    id: change.id,
    source: change.source,
    externalId: change.externalId,
    title: change.title ?? change.externalId,
    severity: change.severity ?? 'warning',
    status: change.status ?? 'triggered',
    createdAt: change.createdAt ?? at,
    updatedAt: at,
    alertIds: [],
    links: [],
  };
  const isNewer = !stored || at >= stored.updatedAt;
  const defined = definedFields(change);
  const merged: IncidentSummary = isNewer
    ? { ...base, ...defined, updatedAt: Math.max(base.updatedAt, at) }
    : { ...base, service: base.service ?? defined.service, team: base.team ?? defined.team };
  merged.createdAt = Math.min(base.createdAt, change.createdAt ?? at);
  merged.alertIds = [...new Set([...base.alertIds, ...change.alertIds])];
  merged.links = unionLinks(base.links, change.links);
  for (const key of ['service', 'team'] as const) {
    if (merged[key] === undefined) {
      delete merged[key];
    }
  }
  return merged;
}

function definedFields(change: IncidentChange): Partial<IncidentSummary> {
  const fields: Partial<IncidentSummary> = {};
  if (change.title !== undefined) fields.title = change.title;
  if (change.service !== undefined) fields.service = change.service;
  if (change.team !== undefined) fields.team = change.team;
  if (change.severity !== undefined) fields.severity = change.severity;
  if (change.status !== undefined) fields.status = change.status;
  return fields;
}

function unionLinks(stored: AlertLink[], added: AlertLink[]): AlertLink[] {
  const seen = new Set(stored.map((l) => l.url));
  return [...stored, ...added.filter((l) => !seen.has(l.url) && seen.add(l.url))];
}
