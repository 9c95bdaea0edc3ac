import {
  ADMIN_ROUTE,
  ALERT_BULK_PATH,
  ALERT_FATIGUE_PATH,
  ALERT_GROUPS_PATH,
  ALERTS_EXPORT_PATH,
  ALERTS_PATH,
  alertBulkJobPath,
  actionPath,
  BULK_ACKNOWLEDGE_PATH,
  COST_EFFICIENCY_PATH,
  DEPLOYMENT_DORA_PATH,
  DEPLOYMENT_ROLLBACKS_PATH,
  DEPLOYMENT_SUSPECTS_PATH,
  DEPLOYMENTS_PATH,
  deploymentPath,
  deploymentRollbackPath,
  EVENTS_LAST_EVENT_ID_PARAM,
  EVENTS_PATH,
  EVENTS_VIEW_COMPACT,
  EVENTS_VIEW_PARAM,
  IDEMPOTENCY_KEY_HEADER,
  INCIDENTS_PATH,
  LABEL_FILTER_PREFIX,
  MAINTENANCE_PATH,
  MAINTENANCE_STALE_PATH,
  maintenanceEndPath,
  maintenanceExtendPath,
  ONCALL_PATH,
  PIPELINES_PATH,
  postmortemPath,
  READ_ROUTE,
  RELIABILITY_PATH,
  SRE_REPORT_PATH,
  SLO_PATH,
  WRITE_ROUTE,
  type AcknowledgeRequest,
  type ActionResult,
  type ActionTargetKind,
  type AlertBulkRequest,
  type AlertBulkResponse,
  type AlertDetailResponse,
  type AlertFatigueQuery,
  type AlertFatigueResponse,
  type AlertGroupsQuery,
  type AlertGroupsResponse,
  type AlertListQuery,
  type AlertListResponse,
  type BulkAcknowledgeResponse,
  type CostEfficiencyQuery,
  type CostEfficiencyResponse,
  type CreateMaintenanceRequest,
  type DeploymentDetailResponse,
  type DeploymentListQuery,
  type DeploymentListResponse,
  type DoraQuery,
  type DoraResponse,
  type EscalateRequest,
  type ExportFormat,
  type HealthResponse,
  type IncidentDetailResponse,
  type IncidentListResponse,
  type MaintenanceListResponse,
  type MaintenanceState,
  type MaintenanceWindow,
  type NoteRequest,
  type OnCallResponse,
  type PipelinesResponse,
  type PostmortemResponse,
  type QueryRequest,
  type QueryResponse,
  type ReliabilityQuery,
  type ReliabilityResponse,
  type SreReport,
  type SreReportQuery,
  type RollbackRequest,
  type RollbackHistoryQuery,
  type RollbackHistoryResponse,
  type RollbackPreviewResponse,
  type RollbackStartResponse,
  type ReassignRequest,
  type ResolveRequest,
  type SeverityRequest,
  type ServicesResponse,
  type SloQuery,
  type SloResponse,
  type SnoozeRequest,
  type StaleMaintenanceResponse,
  type SuspectDeploysQuery,
  type SuspectDeploysResponse,
} from '@opsdeck/contract';
import { toGatewayError } from './GatewayError';
import { newIdempotencyKey } from './idempotencyKey';

/** The body each action takes (contract/src/actionsApi.ts). */
export interface ActionBodies {
  acknowledge: AcknowledgeRequest;
  resolve: ResolveRequest;
  snooze: SnoozeRequest;
  escalate: EscalateRequest;
  note: NoteRequest;
  reassign: ReassignRequest;
  severity: SeverityRequest;
}
export type ClientActionKind = keyof ActionBodies;

/** Which datasource route a rollback goes through: `editor` = WRITE_ROUTE, `admin` = ADMIN_ROUTE. */
export type RollbackAccess = 'editor' | 'admin';

/** The subset of Grafana's BackendSrvRequest the client uses. */
export interface GatewayRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT';
  data?: unknown;
  /** Errors are turned into messages shown where they happened, so Grafana must not also pop a toast. */
  showErrorAlert: boolean;
  showSuccessAlert: boolean;
  headers?: Record<string, string>;
}

export interface GatewayResponse<T> {
  status: number;
  data: T;
}

/** Sends one request and resolves with the response or rejects with Grafana's FetchError-like object. */
export type GatewayFetch = <T>(request: GatewayRequest) => Promise<GatewayResponse<T>>;

/**
 * Typed client for the gateway's HTTP API (contract/src), reached through the datasource's data-proxy routes.
 * It is apart from DataSourceApi so the app pages use the very same calls as the panels.
 */
export class GatewayClient {
  private readonly baseUrl: string;

  /** @param baseUrl the datasource proxy URL, `/api/datasources/proxy/uid/<uid>` (instanceSettings.url). */
  constructor(
    baseUrl: string,
    private readonly fetcher: GatewayFetch
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  query(request: QueryRequest): Promise<QueryResponse> {
    return this.read<QueryResponse>('POST', '/api/query', request);
  }

  services(): Promise<ServicesResponse> {
    return this.read<ServicesResponse>('GET', '/api/services');
  }

  health(): Promise<HealthResponse> {
    return this.read<HealthResponse>('GET', '/api/health');
  }

  alerts(query: AlertListQuery = {}): Promise<AlertListResponse> {
    return this.read<AlertListResponse>('GET', `${ALERTS_PATH}${queryString(query)}`);
  }

  /** The matching alerts folded into groups (`by` dimensions), biggest first. */
  alertGroups(query: AlertGroupsQuery = {}): Promise<AlertGroupsResponse> {
    return this.read<AlertGroupsResponse>('GET', `${ALERT_GROUPS_PATH}${queryString(query)}`);
  }

  /**
   * URL that downloads every alert the filters match (not one page), for an `<a download>`: the browser sends the
   * Grafana session cookie itself and saves the stream to disk without holding it in memory.
   */
  alertsExportUrl(query: AlertListQuery, format: ExportFormat): string {
    const { cursor: _cursor, limit: _limit, facets: _facets, ...filters } = query;
    return `${this.baseUrl}/${READ_ROUTE}${ALERTS_EXPORT_PATH}${queryString({ ...filters, format })}`;
  }

  alert(id: string): Promise<AlertDetailResponse> {
    return this.read<AlertDetailResponse>('GET', `${ALERTS_PATH}/${encodeURIComponent(id)}`);
  }

  incidents(query: AlertListQuery = {}): Promise<IncidentListResponse> {
    return this.read<IncidentListResponse>('GET', `${INCIDENTS_PATH}${queryString(query)}`);
  }

  incident(id: string): Promise<IncidentDetailResponse> {
    return this.read<IncidentDetailResponse>('GET', `${INCIDENTS_PATH}/${encodeURIComponent(id)}`);
  }

  /** Objectives, budgets, burn rates, burn-rate alerts and health scores per service. */
  slo(query: SloQuery = {}): Promise<SloResponse> {
    return this.read<SloResponse>('GET', `${SLO_PATH}${queryString(query)}`);
  }

  /** MTTA, MTTR and MTBF per service, team or severity over a range, against the range before. */
  reliability(query: ReliabilityQuery = {}): Promise<ReliabilityResponse> {
    return this.read<ReliabilityResponse>('GET', `${RELIABILITY_PATH}${queryString(query)}`);
  }

  /** Per alert rule, team, receiver and on-call shift: how often alerts interrupt people, and a 0–100 score. */
  alertFatigue(query: AlertFatigueQuery = {}): Promise<AlertFatigueResponse> {
    return this.read<AlertFatigueResponse>('GET', `${ALERT_FATIGUE_PATH}${queryString(query)}`);
  }

  /** Per service: cost per 1,000 requests and good requests, its trend against traffic, idle capacity. */
  costEfficiency(query: CostEfficiencyQuery = {}): Promise<CostEfficiencyResponse> {
    return this.read<CostEfficiencyResponse>('GET', `${COST_EFFICIENCY_PATH}${queryString(query)}`);
  }

  /** The weekly or monthly SRE report, as JSON. */
  sreReport(query: Omit<SreReportQuery, 'format'> = {}): Promise<SreReport> {
    return this.read<SreReport>('GET', `${SRE_REPORT_PATH}${queryString(query)}`);
  }

  /** URL that downloads the report as Markdown or CSV (an `<a download>`, like the alerts export). */
  sreReportUrl(query: SreReportQuery): string {
    return `${this.baseUrl}/${READ_ROUTE}${SRE_REPORT_PATH}${queryString(query)}`;
  }

  onCall(): Promise<OnCallResponse> {
    return this.read<OnCallResponse>('GET', ONCALL_PATH);
  }

  postmortem(incidentId: string): Promise<PostmortemResponse> {
    return this.read<PostmortemResponse>('GET', postmortemPath(incidentId));
  }

  savePostmortem(incidentId: string, markdown: string): Promise<PostmortemResponse> {
    return this.write<PostmortemResponse>('PUT', postmortemPath(incidentId), { markdown });
  }

  /** A fresh Idempotency-Key per call: a request Grafana's proxy or the browser retries is acted upon once. */
  acknowledgeAlert(id: string, comment?: string, idempotencyKey = newIdempotencyKey()): Promise<ActionResult> {
    const body = comment ? { comment } : {};
    return this.write<ActionResult>('POST', actionPath('alert', id, 'acknowledge'), body, idempotencyKey);
  }

  /**
   * Any action on an alert or incident, applied at its source. A caller that retries one user action (the Retry
   * button after a timeout) passes the first attempt's key, so the gateway acts once and answers the first result.
   */
  act<K extends ClientActionKind>(
    target: ActionTargetKind,
    id: string,
    action: K,
    body: ActionBodies[K],
    idempotencyKey = newIdempotencyKey()
  ): Promise<ActionResult> {
    return this.write<ActionResult>('POST', actionPath(target, id, action), body, idempotencyKey);
  }

  resolveAlert(id: string, comment?: string, idempotencyKey = newIdempotencyKey()): Promise<ActionResult> {
    return this.act('alert', id, 'resolve', comment ? { comment } : {}, idempotencyKey);
  }

  /** Until epoch ms: an Alertmanager silence, a PagerDuty/Opsgenie/JSM snooze. */
  snoozeAlert(id: string, until: number, idempotencyKey = newIdempotencyKey()): Promise<ActionResult> {
    return this.act('alert', id, 'snooze', { until }, idempotencyKey);
  }

  escalateAlert(
    id: string,
    request: EscalateRequest = {},
    idempotencyKey = newIdempotencyKey()
  ): Promise<ActionResult> {
    return this.act('alert', id, 'escalate', request, idempotencyKey);
  }

  addAlertNote(id: string, text: string, idempotencyKey = newIdempotencyKey()): Promise<ActionResult> {
    return this.act('alert', id, 'note', { text }, idempotencyKey);
  }

  bulkAcknowledgeAlerts(alertIds: string[], idempotencyKey = newIdempotencyKey()): Promise<BulkAcknowledgeResponse> {
    return this.write<BulkAcknowledgeResponse>('POST', BULK_ACKNOWLEDGE_PATH, { alertIds }, idempotencyKey);
  }

  /** Acts on every alert the filter matches, in the gateway; answers at once with the job (202) to follow. */
  startBulkAction(request: AlertBulkRequest, idempotencyKey = newIdempotencyKey()): Promise<AlertBulkResponse> {
    return this.write<AlertBulkResponse>('POST', ALERT_BULK_PATH, request, idempotencyKey);
  }

  bulkJob(id: string): Promise<AlertBulkResponse> {
    return this.read<AlertBulkResponse>('GET', alertBulkJobPath(id));
  }

  /** Maintenance windows in the given states; without states the gateway answers the scheduled and active ones. */
  maintenanceWindows(states?: readonly MaintenanceState[] | 'all'): Promise<MaintenanceListResponse> {
    const state = states === undefined ? undefined : states === 'all' ? 'all' : states.join(',');
    return this.read<MaintenanceListResponse>('GET', `${MAINTENANCE_PATH}${queryString({ state })}`);
  }

  staleMaintenance(): Promise<StaleMaintenanceResponse> {
    return this.read<StaleMaintenanceResponse>('GET', MAINTENANCE_STALE_PATH);
  }

  /*
   * Maintenance writes carry an Idempotency-Key, fresh per call (one call is one submit or tap). Grafana's fetch and
   * data proxy resend the very same request, key included, so their retries act once; a caller that retries by
   * itself passes the first call's key again.
   */
  createMaintenance(
    request: CreateMaintenanceRequest,
    idempotencyKey = newIdempotencyKey()
  ): Promise<MaintenanceWindow> {
    return this.write<MaintenanceWindow>('POST', MAINTENANCE_PATH, request, idempotencyKey);
  }

  extendMaintenance(id: string, endsAt: number, idempotencyKey = newIdempotencyKey()): Promise<MaintenanceWindow> {
    return this.write<MaintenanceWindow>('POST', maintenanceExtendPath(id), { endsAt }, idempotencyKey);
  }

  endMaintenance(id: string, idempotencyKey = newIdempotencyKey()): Promise<MaintenanceWindow> {
    return this.write<MaintenanceWindow>('POST', maintenanceEndPath(id), {}, idempotencyKey);
  }

  deployments(query: DeploymentListQuery = {}): Promise<DeploymentListResponse> {
    return this.read<DeploymentListResponse>('GET', `${DEPLOYMENTS_PATH}${queryString(query)}`);
  }

  deployment(id: string): Promise<DeploymentDetailResponse> {
    return this.read<DeploymentDetailResponse>('GET', deploymentPath(id));
  }

  pipelines(query: { service?: string; team?: string } = {}): Promise<PipelinesResponse> {
    return this.read<PipelinesResponse>('GET', `${PIPELINES_PATH}${queryString(query)}`);
  }

  dora(query: DoraQuery = {}): Promise<DoraResponse> {
    return this.read<DoraResponse>('GET', `${DEPLOYMENT_DORA_PATH}${queryString(query)}`);
  }

  suspectDeploys(query: SuspectDeploysQuery): Promise<SuspectDeploysResponse> {
    return this.read<SuspectDeploysResponse>('GET', `${DEPLOYMENT_SUSPECTS_PATH}${queryString(query)}`);
  }

  rollbackHistory(query: RollbackHistoryQuery = {}): Promise<RollbackHistoryResponse> {
    return this.read<RollbackHistoryResponse>('GET', `${DEPLOYMENT_ROLLBACKS_PATH}${queryString(query)}`);
  }

  /**
   * Asks what a rollback would change; nothing runs. Sent through the same route as the rollback itself, so a role
   * that may not roll back learns it here rather than after typing a reason.
   */
  previewRollback(deploymentId: string, access: RollbackAccess = 'editor'): Promise<RollbackPreviewResponse> {
    return this.rollbackWrite<RollbackPreviewResponse>(deploymentId, access, { preview: true });
  }

  /** Starts the rollback the preview showed; `to` is the preview's `to.version` so a changed plan is refused. */
  startRollback(
    deploymentId: string,
    request: { confirm: string; reason: string; to?: string },
    access: RollbackAccess = 'editor'
  ): Promise<RollbackStartResponse> {
    return this.rollbackWrite<RollbackStartResponse>(deploymentId, access, request);
  }

  /**
   * URL of the server-sent event stream through the read route, for EventSource (which sends the Grafana session
   * cookie itself; Grafana's fetch cannot stream).
   */
  eventsUrl(lastEventId?: number, options: { compact?: boolean } = {}): string {
    const params = queryString({
      [EVENTS_LAST_EVENT_ID_PARAM]: lastEventId,
      [EVENTS_VIEW_PARAM]: options.compact ? EVENTS_VIEW_COMPACT : undefined,
    });
    return `${this.baseUrl}/${READ_ROUTE}${EVENTS_PATH}${params}`;
  }

  /** Reads go through the Viewer route. */
  private read<T>(method: GatewayRequest['method'], path: string, data?: unknown): Promise<T> {
    return this.send<T>(`${this.baseUrl}/${READ_ROUTE}${path}`, method, data);
  }

  /** Writes go through the Editor route, so Grafana itself refuses a Viewer (403) before the gateway sees it. */
  private write<T>(method: GatewayRequest['method'], path: string, data: unknown, idempotencyKey?: string): Promise<T> {
    const headers = idempotencyKey ? { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey } : undefined;
    return this.send<T>(`${this.baseUrl}/${WRITE_ROUTE}${path}`, method, data, headers);
  }

  /** Rollbacks go through the Admin route when the gateway allows them to Admins only, else the Editor route. */
  private rollbackWrite<T>(deploymentId: string, access: RollbackAccess, body: RollbackRequest): Promise<T> {
    if (access === 'admin') {
      return this.send<T>(`${this.baseUrl}/${ADMIN_ROUTE}${deploymentRollbackPath(deploymentId)}`, 'POST', body);
    }
    return this.write<T>('POST', deploymentRollbackPath(deploymentId), body);
  }

  private async send<T>(
    url: string,
    method: GatewayRequest['method'],
    data?: unknown,
    headers?: Record<string, string>
  ): Promise<T> {
    const request: GatewayRequest = { url, method, showErrorAlert: false, showSuccessAlert: false };
    if (data !== undefined) {
      request.data = data;
      request.headers = { 'Content-Type': 'application/json' };
    }
    if (headers) request.headers = { ...request.headers, ...headers };
    try {
      const response = await this.fetcher<T>(request);
      return response.data;
    } catch (err) {
      throw toGatewayError(err);
    }
  }
}

/**
 * `?service=a&status=all` from the set filters, or '' when none is set. An empty value is no filter, except for a
 * label (`label.zone=`), where it asks for the alerts without that label (a group's filter says so).
 */
function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && (one !== '' || key.startsWith(LABEL_FILTER_PREFIX))) {
        params.append(key, String(one));
      }
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Base URL of a datasource's data proxy, for callers that only know its uid (the app pages). */
export function proxyUrlForDatasource(uid: string): string {
  return `/api/datasources/proxy/uid/${encodeURIComponent(uid)}`;
}
