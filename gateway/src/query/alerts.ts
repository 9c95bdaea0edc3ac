/**
 * Dashboard queries over the alert store: open_alerts (a table of alerts, or counts per service and severity),
 * alert_rate (alerts started per step, one series per group) and mtta (mean time to acknowledge of the incidents
 * triggered in the range so far, as incidentFigures defines it). The store is filled by webhooks, or by the demo ingester in demo mode.
 */
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  STATUS_ALL,
  type AlertFilters,
  type AlertGroupBy,
  type AlertStatus,
  type DataFrameJSON,
} from '@opsdeck/contract';
import type { AlertStore } from '../alerts/alertStore';
import { distribution, timeToAcknowledge } from '../reliability/incidentFigures';
import { alignedTimes } from '../time/steps';
import type { QueryContext, QueryHandler } from './context';
import { parseFilter, selectServices } from './filters';
import { buildFrame, type Provenance } from './frames';
import type { ValidQuery } from './schema';

const NO_SERVICE = '(no service)';

export const openAlerts: QueryHandler = async (context, query) => {
  const alerts = alertStoreOf(context);
  const filters = commonFilters(query);
  if (query.alertView === 'counts') {
    return [await openAlertCounts(context, query, alerts, filters)];
  }
  const status = statusFilter(query.alertStatus);
  const rows = await alerts.listAlerts(
    { ...filters, statuses: status, limit: 1000 },
    status === STATUS_ALL ? context.range : undefined
  );
  const frame = buildFrame({
    name: 'alerts',
    refId: query.refId,
    fields: [
      { name: 'startsAt', type: 'time', config: { displayName: 'Started' } },
      { name: 'service', type: 'string' },
      { name: 'team', type: 'string' },
      { name: 'severity', type: 'string' },
      { name: 'status', type: 'string' },
      { name: 'source', type: 'string' },
      { name: 'summary', type: 'string' },
      { name: 'id', type: 'string' },
      { name: 'runbookUrl', type: 'string', config: { displayName: 'Runbook' } },
      { name: 'updatedAt', type: 'time', config: { displayName: 'Updated' } },
    ],
    values: [
      rows.map((a) => a.startsAt),
      rows.map((a) => a.service ?? NO_SERVICE),
      rows.map((a) => a.team ?? ''),
      rows.map((a) => a.severity),
      rows.map((a) => a.status),
      rows.map((a) => a.source),
      rows.map((a) => a.summary),
      rows.map((a) => a.id),
      rows.map((a) => a.runbookUrl ?? ''),
      rows.map((a) => a.updatedAt),
    ],
    provenance: provenance(context),
    meta: { preferredVisualisationType: 'table' },
  });
  context.budget.book(rows.length * frame.schema.fields.length);
  return [frame];
};

/** One row per selected catalog service (zeros included, so a quiet fleet still shows every service). */
async function openAlertCounts(
  context: QueryContext,
  query: ValidQuery,
  alerts: AlertStore,
  filters: AlertFilters
): Promise<DataFrameJSON> {
  const counts = await alerts.stats.openAlertCounts(filters);
  const byService = new Map<string, Record<string, number>>();
  for (const service of selectServices(context.catalog.services, query)) {
    byService.set(service.name, {});
  }
  for (const { service, severity, count } of counts) {
    const row = byService.get(service ?? NO_SERVICE) ?? {};
    row[severity] = (row[severity] ?? 0) + count;
    byService.set(service ?? NO_SERVICE, row);
  }
  const total = (row: Record<string, number>) => Object.values(row).reduce((a, b) => a + b, 0);
  const rows = [...byService.entries()].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]));
  return buildFrame({
    name: 'open_alerts',
    refId: query.refId,
    fields: [
      { name: 'service', type: 'string' },
      ...ALERT_SEVERITIES.map((severity) => ({ name: severity, type: 'number' as const })),
      { name: 'total', type: 'number' },
    ],
    values: [
      rows.map(([service]) => service),
      ...ALERT_SEVERITIES.map((severity) => rows.map(([, row]) => row[severity] ?? 0)),
      rows.map(([, row]) => total(row)),
    ],
    provenance: provenance(context),
    meta: { preferredVisualisationType: 'table' },
  });
}

export const alertRate: QueryHandler = async (context, query) => {
  const alerts = alertStoreOf(context);
  const groupBy = query.alertGroupBy ?? 'severity';
  const starts = await alerts.stats.alertStarts(commonFilters(query), context.range);
  const times = alignedTimes(context.range, context.stepMs);
  const bucketOf = (t: number) => Math.min(times.length - 1, Math.max(0, Math.ceil((t - times[0]) / context.stepMs)));
  const series = new Map<string, number[]>(defaultGroups(context, query, groupBy).map((g) => [g, times.map(() => 0)]));
  for (const start of starts) {
    const group = groupValue(start, groupBy);
    const values = series.get(group) ?? times.map(() => 0);
    if (times.length > 0) values[bucketOf(start.startsAt)] += 1;
    series.set(group, values);
  }
  series.forEach(() => context.budget.book(times.length));
  return [...series.entries()].map(([group, values]) =>
    buildFrame({
      name: group,
      refId: query.refId,
      fields: [
        { name: 'time', type: 'time', config: { interval: context.stepMs } },
        {
          name: 'alerts',
          type: 'number',
          ...(groupBy === 'none' ? {} : { labels: { [groupBy]: group } }),
          config: { displayNameFromDS: group, unit: 'short', description: 'Alerts started per interval' },
        },
      ],
      values: [times, values],
      provenance: provenance(context),
      meta: { type: 'timeseries-multi', typeVersion: [0, 1], preferredVisualisationType: 'graph' },
    })
  );
};

export const mtta: QueryHandler = async (context, query) => {
  if (!context.reliability) throw new Error('the reliability reader is not wired into the query context');
  const groupBy = query.alertGroupBy ?? 'none';
  // "So far": incidents triggered from the start of the range until now, not into the future.
  const to = Math.min(context.range.to, context.now);
  const incidents = await context.reliability.incidents(
    { from: context.range.from, to: Math.max(to, context.range.from + 1) },
    commonFilters(query)
  );
  // One definition of MTTA for every surface: incident_stats, GET /api/reliability and the KPI gauges use it too.
  const groups = new Map<string, { incidents: number; responded: number[] }>(
    defaultGroups(context, query, groupBy).map((g) => [g, { incidents: 0, responded: [] }])
  );
  for (const incident of incidents) {
    const group = groupValue(
      { service: incident.service ?? null, team: incident.team ?? null, ...incident },
      groupBy
    );
    const entry = groups.get(group) ?? { incidents: 0, responded: [] };
    entry.incidents += 1;
    const tta = timeToAcknowledge(incident);
    if (tta !== undefined) entry.responded.push(tta);
    groups.set(group, entry);
  }
  const rows = [...groups.entries()];
  return [
    buildFrame({
      name: 'mtta',
      refId: query.refId,
      fields: [
        { name: groupBy === 'none' ? 'scope' : groupBy, type: 'string' },
        {
          name: 'mtta',
          type: 'number',
          config: {
            displayName: 'MTTA',
            unit: 'ms',
            description: 'Mean of triggered → first acknowledgement (a resolution when never acknowledged)',
          },
        },
        { name: 'incidents', type: 'number', config: { unit: 'short' } },
        {
          name: 'acknowledged',
          type: 'number',
          config: { unit: 'short', description: 'Incidents acknowledged, or resolved without an acknowledgement' },
        },
      ],
      values: [
        rows.map(([group]) => group),
        rows.map(([, e]) => (e.responded.length > 0 ? Math.round(distribution(e.responded)!.mean) : null)),
        rows.map(([, e]) => e.incidents),
        rows.map(([, e]) => e.responded.length),
      ],
      provenance: provenance(context),
      meta: { preferredVisualisationType: 'table' },
    }),
  ];
};

function alertStoreOf(context: QueryContext): AlertStore {
  if (!context.alerts) {
    throw new Error('the alert store is not wired into the query context');
  }
  return context.alerts;
}

function commonFilters(query: ValidQuery): AlertFilters {
  const list = (value: string | undefined) => {
    const set = parseFilter(value);
    return set ? [...set] : undefined;
  };
  return {
    services: list(query.service),
    teams: list(query.team),
    severities: list(query.severity) as AlertFilters['severities'],
    sources: list(query.alertSource) as AlertFilters['sources'],
  };
}

/** 'open' or empty = open alerts; 'all' = every status (limited to the range); else the listed statuses. */
function statusFilter(value: string | undefined): AlertFilters['statuses'] {
  const set = parseFilter(value);
  if (!set || set.has('open')) return undefined;
  if (set.has(STATUS_ALL)) return STATUS_ALL;
  return [...set].filter((s): s is AlertStatus => (ALERT_STATUSES as readonly string[]).includes(s));
}

type Groupable = { service: string | null; team: string | null; severity: string; source: string };

function groupValue(row: Groupable, groupBy: AlertGroupBy): string {
  switch (groupBy) {
    case 'none':
      return 'all';
    case 'service':
      return row.service ?? NO_SERVICE;
    case 'team':
      return row.team ?? '(no team)';
    default:
      return row[groupBy];
  }
}

/** Groups shown even with no data, so a quiet period reads as zero rather than as an empty panel. */
function defaultGroups(context: QueryContext, query: ValidQuery, groupBy: AlertGroupBy): string[] {
  const services = selectServices(context.catalog.services, query);
  switch (groupBy) {
    case 'none':
      return ['all'];
    case 'severity':
      return [...(commonFilters(query).severities ?? ALERT_SEVERITIES)];
    case 'service':
      return services.map((s) => s.name);
    case 'team':
      return [...new Set(services.map((s) => s.team))];
    default:
      return [];
  }
}

function provenance(context: QueryContext): Provenance {
  const demo = context.sources.length > 0 && context.sources.every((s) => s.demo);
  return { source: demo ? 'demo' : 'alerts', demo };
}
