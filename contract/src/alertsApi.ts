/**
 * The alert and incident read API (GET /api/alerts, /api/alerts/:id, /api/incidents, /api/incidents/:id) and the
 * live stream (GET /api/events). The model itself is in ./alerts.ts.
 */
import type { Alert, AlertSeverity, AlertSource, AlertStatus, Incident, IncidentStatus } from './alerts';
import type { OpsdeckEvent } from './events';

export const ALERTS_PATH = '/api/alerts';
export const INCIDENTS_PATH = '/api/incidents';
export const EVENTS_PATH = '/api/events';
/**
 * The same stream over WebSocket, for direct clients (the app and the datasource use GET /api/events through
 * Grafana's proxy): one text message per event, the same OpsdeckEvent JSON as the SSE `data:` line; `?types=`,
 * `?lastEventId=` (or the `Last-Event-ID` header) as for GET /api/events; pings instead of heartbeat comments. On any
 * close (1001 at gateway shutdown, a dropped connection when the client fell too far behind) the client reconnects
 * with the last id it saw.
 */
export const EVENTS_SOCKET_PATH = '/api/events/ws';

/**
 * `status` query value meaning "every status". Without a status filter the lists show what is open: alerts firing
 * or acknowledged (suppressed ones only when asked for), incidents triggered or acknowledged.
 */
export const STATUS_ALL = 'all';
export const OPEN_ALERT_STATUSES: readonly AlertStatus[] = ['firing', 'acknowledged'];
export const OPEN_INCIDENT_STATUSES: readonly IncidentStatus[] = ['triggered', 'acknowledged'];

/**
 * Query string of GET /api/alerts and GET /api/incidents. Every filter is optional; each accepts one value or a
 * comma-separated list (`severity=critical,warning`). Results come newest first (updatedAt).
 */
export interface AlertListQuery {
  service?: string;
  team?: string;
  severity?: string;
  source?: string;
  /** Statuses of the listed kind, or `all`; absent = open ones. */
  status?: string;
  /** Alerts only: alertNameOf(alert) is this (one value: names may contain commas). */
  alertname?: string;
  /** Alerts only: Alertmanager's group key (one value: keys contain commas), or NO_VALUE. */
  groupKey?: string;
  /**
   * Alerts only: `label.<name>=<value>`, one parameter per label, every one must match; an empty value matches
   * alerts without the label (see NO_VALUE). Build the key with labelFilterKey.
   */
  [labelFilter: `label.${string}`]: string | undefined;
  /** Default 200, at most 1000. */
  limit?: number;
  /** The `nextCursor` of the previous page; absent: the first page. Only valid with the same filters. */
  cursor?: string;
  /** `true`: the answer carries facet counts (each dimension counted under the other filters). */
  facets?: 'true' | 'false';
}

/**
 * As `service`, `team` or `groupKey`: the alerts that have none. (Catalog names are lower-case letters, digits and
 * dashes, so this cannot be one.) A label filter with an empty value matches alerts without the label, as in
 * Prometheus, where an empty label is no label.
 */
export const NO_VALUE = '(none)';

/** The dimensions a list is counted by. */
export const LIST_FACETS = ['service', 'team', 'severity', 'source', 'status'] as const;
export type ListFacet = (typeof LIST_FACETS)[number];
/** Per dimension, how many items match each value (no value: `""`), largest first. */
export type ListFacets = Record<ListFacet, Array<{ value: string; count: number }>>;

/**
 * The page part of a list answer. Pages follow `updated_at` newest first (ties by id): paging with `nextCursor`
 * never shows an item twice and never skips one that was there when paging began, however many arrive meanwhile,
 * except one updated while paging, which moves to the first page (the live stream says so).
 */
export interface ListPage {
  /** All items matching the filters, on every page. */
  total: number;
  /** Absent on the last page. */
  nextCursor?: string;
  facets?: ListFacets;
}

/** The decoded filters, as the gateway's store takes them. Empty arrays and absent fields do not filter. */
export interface AlertFilters {
  services?: string[];
  teams?: string[];
  severities?: AlertSeverity[];
  sources?: AlertSource[];
  /** undefined = the open statuses; 'all' = no status filter. */
  statuses?: AlertStatus[] | typeof STATUS_ALL;
  alertNames?: string[];
  groupKeys?: string[];
  /** Every entry must match exactly. */
  labels?: Array<{ name: string; value: string }>;
  limit?: number;
}

export interface IncidentFilters extends Omit<AlertFilters, 'statuses'> {
  statuses?: IncidentStatus[] | typeof STATUS_ALL;
}

/** An incident without its timeline: what lists and events carry. */
export type IncidentSummary = Omit<Incident, 'timeline'>;

/** GET /api/alerts */
export interface AlertListResponse extends ListPage {
  alerts: Alert[];
}

/** GET /api/alerts/:id — the alert and the incidents it belongs to. */
export interface AlertDetailResponse {
  alert: Alert;
  incidents: IncidentSummary[];
  /**
   * Actions taken on the alert itself (acknowledged, resolved, notes…), oldest first, for alerts that belong to no
   * incident (an Alertmanager alert acknowledged in Opsdeck). Optional: the Alerts drawer merges it when present.
   */
  history?: Incident['timeline'];
}

/** GET /api/incidents */
export interface IncidentListResponse extends ListPage {
  incidents: IncidentSummary[];
}

/** GET /api/incidents/:id — the incident with its timeline (oldest entry first) and its alerts. */
export interface IncidentDetailResponse {
  incident: Incident;
  alerts: Alert[];
}

/**
 * GET /api/events is `text/event-stream`. Each message is `id: <event log id>`, `event: <OpsdeckEventType>`,
 * `data: <OpsdeckEvent JSON>`; comment lines (`: heartbeat`) arrive every 15 s. Reconnect with the `Last-Event-ID`
 * header, or `?lastEventId=<id>` where the client cannot set headers, to replay what was missed.
 */
export const EVENTS_LAST_EVENT_ID_PARAM = 'lastEventId';
export const EVENTS_HEARTBEAT_MS = 15_000;

/** Payload of an `alert.changed` event: the alert as stored after the change. */
export interface AlertChangedPayload {
  alert: Alert;
}

/** Payload of an `incident.changed` event: the incident as stored after the change, and the entry that changed it. */
export interface IncidentChangedPayload {
  incident: IncidentSummary;
  entry: Incident['timeline'][number];
}

/**
 * `?view=compact` on GET /api/events (and its WebSocket twin): instead of one `alert.changed` / `incident.changed`
 * event with the full body per change, the stream sends `alerts.delta` events, at most one a second (the first at
 * once), each folding every change since the last into one line per alert or incident, last state wins. Other event
 * types pass unchanged. The event's id is that of the newest change it folds, so Last-Event-ID resumes as usual.
 */
export const EVENTS_VIEW_PARAM = 'view';
export const EVENTS_VIEW_COMPACT = 'compact';
/** More changes than this in one second are counted, not listed: the tab reloads what it shows instead. */
export const DELTA_MAX_CHANGES = 200;

export interface AlertDelta {
  id: string;
  status: Alert['status'];
  severity: Alert['severity'];
  service?: string;
  alertName: string;
  updatedAt: number;
}

export interface IncidentDelta {
  id: string;
  status: Incident['status'];
  service?: string;
  updatedAt: number;
}

export interface AlertsDeltaPayload {
  alerts: AlertDelta[];
  incidents: IncidentDelta[];
  /** Changes folded into this event but not listed (above DELTA_MAX_CHANGES): reload the view from its first page. */
  overflow: number;
}

export type AlertsDeltaEvent = OpsdeckEvent<AlertsDeltaPayload> & { type: 'alerts.delta' };

export type AlertChangedEvent = OpsdeckEvent<AlertChangedPayload> & { type: 'alert.changed' };
export type IncidentChangedEvent = OpsdeckEvent<IncidentChangedPayload> & { type: 'incident.changed' };
