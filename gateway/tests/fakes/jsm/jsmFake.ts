/**
 * A stateful fake of Jira Service Management Operations' REST API (research/jsm-ops.md; Atlassian's OpenAPI
 * document for `https://api.atlassian.com/jsm/ops/api/{cloudId}/v1`):
 * - HTTP Basic `email:api_token`; otherwise 401 `{code, message}` (the spec's UnauthorizedErrorResponse);
 * - alert actions (`acknowledge`, `close`, `snooze` {endTime}, `escalate` {escalationId}, `notes` {note}, `assign`
 *   {accountId}, and PATCH `priority` {priority: P1…P5}) answer 202
 *   `{result, took, requestId}` and are applied asynchronously: GET /v1/alerts/requests/{id} answers 404 ("not
 *   processed yet") for `pollsBeforeDone` polls, then the flat `{action, processedAt, integrationId, isSuccess,
 *   status, alertId, alias}`. An unknown alert is processed as the docs' sample shows it: `isSuccess: true` with
 *   status "Alert does not exist";
 * - a wrong id type (an unknown escalationId) answers 422 with the newer `{errors:[{title}]}` envelope;
 * - GET /v1/schedules `{values, links, _expands}` (offset/size paging), /v1/schedules/{id}/on-calls and
 *   /next-on-calls: `flat=true` → `{onCallUsers}` / `{nextOnCallUsers}`, else `{onCallParticipants}` /
 *   `{nextOnCallParticipants}` of `{id, type}`.
 */
import { RestFakeServer, type RestRequest, type RestResponse } from '../rest/restFakeServer';
import {
  actionName,
  applyAlertAction,
  openAlert,
  OPSGENIE_ACTIONS,
  PRIORITIES,
  type FakeOpsgenieAlert,
  type OpsgenieAction,
  type PendingRequest,
} from '../opsgenie/opsgenieFake';

/** JSM's alert state is Opsgenie's; the actions have the same path segments. */
export type FakeJsmAlert = FakeOpsgenieAlert;

export interface FakeJsmSchedule {
  id: string;
  name: string;
  teamId?: string;
  enabled?: boolean;
  timezone?: string;
  /** Account ids on call now and next. */
  onCall: string[];
  next: string[];
}

export interface JsmFakeOptions {
  cloudId?: string;
  email?: string;
  apiToken?: string;
  pollsBeforeDone?: number;
}

export class JsmFake extends RestFakeServer {
  readonly cloudId: string;
  readonly email: string;
  readonly apiToken: string;
  pollsBeforeDone: number;
  readonly alerts = new Map<string, FakeJsmAlert>();
  readonly requests = new Map<string, PendingRequest>();
  /** The query string of every call, by path (RestCall records no query). */
  readonly queries: Array<{ path: string; query: Record<string, string> }> = [];
  readonly schedules: FakeJsmSchedule[] = [];
  /** Escalation policy ids that exist; escalate to anything else is a 422. */
  readonly escalations = new Set<string>();
  /** Alert ids whose actions are processed as failures (isSuccess false), as when the account lacks rights. */
  readonly failingAlerts = new Set<string>();
  private sequence = 0;

  constructor(options: JsmFakeOptions = {}) {
    super();
    this.cloudId = options.cloudId ?? 'a436116f-02ce-4520-8fbb-7301462a1674';
    this.email = options.email ?? 'opsdeck@example.com';
    this.apiToken = options.apiToken ?? 'ATATT-test-token';
    this.pollsBeforeDone = options.pollsBeforeDone ?? 2;
  }

  /** The Authorization header a correct client sends. */
  get basicAuth(): string {
    return `Basic ${Buffer.from(`${this.email}:${this.apiToken}`).toString('base64')}`;
  }

  /** The path prefix of every API call. */
  get prefix(): string {
    return `/jsm/ops/api/${this.cloudId}/v1`;
  }

  addAlert(alert: Partial<FakeJsmAlert> & Pick<FakeJsmAlert, 'id'>): FakeJsmAlert {
    const full = openAlert(alert);
    this.alerts.set(full.id, full);
    return full;
  }

  protected rateLimited(): RestResponse {
    return { status: 429, headers: { 'retry-after': '1' }, body: { errors: [{ title: 'Too many requests' }] } };
  }

  protected unauthorised(request: RestRequest): RestResponse | undefined {
    return request.headers.authorization === this.basicAuth
      ? undefined
      : { status: 401, body: { code: 401, message: 'Client must be authenticated to access this resource.' } };
  }

  protected handle(request: RestRequest): RestResponse {
    this.queries.push({ path: request.path, query: Object.fromEntries(request.query) });
    if (!request.path.startsWith(`${this.prefix}/`)) return notFound('No such site or API version');
    const parts = request.path.slice(this.prefix.length).split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'alerts') return this.alertsApi(request, parts.slice(1));
    if (parts[0] === 'schedules' && request.method === 'GET') return this.schedulesApi(request, parts.slice(1));
    return notFound('Not found');
  }

  private alertsApi(request: RestRequest, parts: string[]): RestResponse {
    if (request.method === 'GET' && parts[0] === 'requests' && parts.length === 2) return this.poll(parts[1]);
    const action = parts[1] as OpsgenieAction;
    // Every action is a POST but the priority, a field update (PATCH).
    const method = action === 'priority' ? 'PATCH' : 'POST';
    if (request.method !== method || parts.length !== 2 || !OPSGENIE_ACTIONS.includes(action)) {
      return notFound('Not found');
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (action === 'snooze' && typeof body.endTime !== 'string') return unprocessable('endTime is required');
    if (action === 'notes' && typeof body.note !== 'string') return unprocessable('note is required');
    if (action === 'assign' && typeof body.accountId !== 'string') return unprocessable('accountId is required');
    if (action === 'priority' && !PRIORITIES.includes(String(body.priority))) {
      return unprocessable('priority must be one of P1, P2, P3, P4, P5');
    }
    if (action === 'escalate' && !this.escalations.has(String(body.escalationId))) {
      return unprocessable('escalationId must be the id of an escalation');
    }
    const id = this.nextId();
    this.requests.set(id, { id, action, alertId: parts[0], body, pollsLeft: this.pollsBeforeDone });
    return { status: 202, body: { result: 'Request will be processed', took: 0.01, requestId: id } };
  }

  private poll(requestId: string): RestResponse {
    const pending = this.requests.get(requestId);
    if (!pending || pending.pollsLeft > 0) {
      if (pending) pending.pollsLeft -= 1;
      return notFound('Request not found. It might not be processed, yet.');
    }
    pending.outcome ??= this.apply(pending);
    return {
      status: 200,
      body: {
        action: actionName(pending.action),
        processedAt: new Date().toISOString(),
        integrationId: 'c5a6b2f0-0000-4000-8000-000000000001',
        isSuccess: pending.outcome.isSuccess,
        status: pending.outcome.status,
        alertId: pending.alertId,
        alias: this.alerts.get(pending.alertId)?.alias ?? '',
      },
    };
  }

  private apply(request: PendingRequest): { isSuccess: boolean; status: string } {
    const alert = this.alerts.get(request.alertId);
    if (!alert) return { isSuccess: true, status: 'Alert does not exist' };
    if (this.failingAlerts.has(alert.id)) return { isSuccess: false, status: 'Not authorized to perform the action' };
    return applyAlertAction(alert, request, String(request.body.escalationId));
  }

  private schedulesApi(request: RestRequest, parts: string[]): RestResponse {
    if (parts.length === 0) {
      const offset = Number(request.query.get('offset') ?? 0);
      const size = Number(request.query.get('size') ?? 20);
      if (!Number.isInteger(size) || size < 1 || size > 100) return badRequest('size must be between 1 and 100');
      const page = this.schedules.slice(offset, offset + size);
      const more = offset + size < this.schedules.length;
      return {
        status: 200,
        body: {
          values: page.map(({ onCall: _onCall, next: _next, ...s }) => ({ enabled: true, timezone: 'UTC', ...s })),
          links: more ? { next: `/v1/schedules?offset=${offset + size}&size=${size}` } : {},
          _expands: ['rotation'],
        },
      };
    }
    const schedule = this.schedules.find((s) => s.id === parts[0]);
    if (!schedule) return notFound('Schedule not found');
    const date = request.query.get('date');
    if (date !== null && Number.isNaN(Date.parse(date))) return badRequest('date must be an ISO 8601 date-time');
    const flat = request.query.get('flat') === 'true';
    const participants = (ids: string[]) => ids.map((id) => ({ id, type: 'user' }));
    if (parts[1] === 'on-calls' && parts.length === 2) {
      return {
        status: 200,
        body: flat ? { onCallUsers: schedule.onCall } : { onCallParticipants: participants(schedule.onCall) },
      };
    }
    if (parts[1] === 'next-on-calls' && parts.length === 2) {
      return {
        status: 200,
        body: flat ? { nextOnCallUsers: schedule.next } : { nextOnCallParticipants: participants(schedule.next) },
      };
    }
    return notFound('Not found');
  }

  private nextId(): string {
    this.sequence += 1;
    return `7d2e8f1a-5b3c-4d6e-9f0a-${String(this.sequence).padStart(12, '0')}`;
  }
}

function notFound(title: string): RestResponse {
  return { status: 404, body: { errors: [{ title, code: 'NOT_FOUND' }] } };
}

function badRequest(title: string): RestResponse {
  return { status: 400, body: { errors: [{ title, code: 'BAD_REQUEST' }] } };
}

function unprocessable(title: string): RestResponse {
  return { status: 422, body: { errors: [{ title, code: 'UNPROCESSABLE_ENTITY' }] } };
}
