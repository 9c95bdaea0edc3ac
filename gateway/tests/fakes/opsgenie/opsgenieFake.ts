/**
 * A stateful fake of Opsgenie's Alert API v2 (research/incident-apis.md §2): `Authorization: GenieKey …`; alert
 * actions answer 202 with a requestId and are applied asynchronously: GET /v2/alerts/requests/{id} answers 404
 * ("not processed yet") for the first `pollsBeforeDone` polls, then the outcome with `isSuccess`. Assign takes
 * `owner: {id|username}`, the priority is a PUT of `{priority: P1…P5}`; a malformed body is a 422.
 */
import { RestFakeServer, type RestRequest, type RestResponse } from '../rest/restFakeServer';
import { OpsgenieSchedules } from './opsgenieSchedules';

export interface FakeOpsgenieAlert {
  id: string;
  alias?: string;
  message: string;
  status: 'open' | 'closed';
  acknowledged: boolean;
  snoozedUntil?: string;
  escalatedTo: string[];
  notes: string[];
  /** The owner an assign set: its username or id. */
  owner?: string;
  priority?: string;
}

/** The alert actions of Opsgenie's API, the same path segments in JSM Operations' (tests/fakes/jsm). */
export const OPSGENIE_ACTIONS = ['acknowledge', 'close', 'snooze', 'escalate', 'notes', 'assign', 'priority'] as const;
export type OpsgenieAction = (typeof OPSGENIE_ACTIONS)[number];
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'];

/** An accepted action waiting to be processed (polled for). */
export interface PendingRequest {
  id: string;
  action: OpsgenieAction;
  alertId: string;
  body: Record<string, unknown>;
  pollsLeft: number;
  outcome?: { isSuccess: boolean; status: string };
}

export interface OpsgenieFakeOptions {
  apiKey?: string;
  /** 404 answers to a request poll before the request is processed. */
  pollsBeforeDone?: number;
}

export class OpsgenieFake extends RestFakeServer {
  readonly apiKey: string;
  pollsBeforeDone: number;
  readonly alerts = new Map<string, FakeOpsgenieAlert>();
  readonly requests = new Map<string, PendingRequest>();
  /** Alert ids whose actions are processed as failures (isSuccess false), as when an integration lacks rights. */
  readonly failingAlerts = new Set<string>();
  /** Schedules and who is on call on them (opsgenieSchedules.ts). */
  readonly schedules = new OpsgenieSchedules();
  private sequence = 0;

  constructor(options: OpsgenieFakeOptions = {}) {
    super();
    this.apiKey = options.apiKey ?? 'og-test-key';
    this.pollsBeforeDone = options.pollsBeforeDone ?? 2;
  }

  addAlert(alert: Partial<FakeOpsgenieAlert> & Pick<FakeOpsgenieAlert, 'id'>): FakeOpsgenieAlert {
    const full = openAlert(alert);
    this.alerts.set(full.id, full);
    return full;
  }

  protected rateLimited(): RestResponse {
    return {
      status: 429,
      headers: { 'x-ratelimit-state': 'THROTTLED', 'x-ratelimit-period-in-sec': '1', 'retry-after': '1' },
      body: { message: 'You are making too many requests!', took: 0, requestId: this.nextId() },
    };
  }

  protected unauthorised(request: RestRequest): RestResponse | undefined {
    return request.headers.authorization === `GenieKey ${this.apiKey}`
      ? undefined
      : { status: 401, body: { message: 'Could not authenticate', took: 0, requestId: this.nextId() } };
  }

  protected handle(request: RestRequest): RestResponse {
    const parts = request.path.split('/').filter(Boolean);
    if (parts[0] === 'v2' && parts[1] === 'schedules') return this.schedules.handle(request, parts, this.nextId());
    if (parts[0] !== 'v2' || parts[1] !== 'alerts') return { status: 404, body: { message: 'Not found', took: 0 } };
    if (request.method === 'GET' && parts[2] === 'requests' && parts[3]) return this.poll(parts[3]);
    const action = parts[3] as OpsgenieAction;
    // Every action is a POST but the priority, a PUT (docs.opsgenie.com "Update Alert Priority").
    const method = action === 'priority' ? 'PUT' : 'POST';
    if (request.method === method && parts.length === 4 && OPSGENIE_ACTIONS.includes(action)) {
      const identifierType = request.query.get('identifierType') ?? 'id';
      if (identifierType !== 'id' && identifierType !== 'alias') {
        return { status: 422, body: { message: 'identifierType must be id, alias or tiny', took: 0 } };
      }
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (action === 'snooze' && typeof body.endTime !== 'string') {
        return { status: 422, body: { message: 'endTime is required', took: 0 } };
      }
      if (action === 'notes' && typeof body.note !== 'string') {
        return { status: 422, body: { message: 'note is required', took: 0 } };
      }
      const owner = body.owner as { id?: unknown; username?: unknown } | undefined;
      if (action === 'assign' && typeof owner?.id !== 'string' && typeof owner?.username !== 'string') {
        return { status: 422, body: { message: 'owner must have an id or a username', took: 0 } };
      }
      if (action === 'priority' && !PRIORITIES.includes(String(body.priority))) {
        return { status: 422, body: { message: 'priority must be one of P1, P2, P3, P4, P5', took: 0 } };
      }
      const alertId = this.resolve(decodeURIComponent(parts[2]), identifierType);
      const id = this.nextId();
      this.requests.set(id, { id, action, alertId, body, pollsLeft: this.pollsBeforeDone });
      return { status: 202, body: { result: 'Request will be processed', took: 0.01, requestId: id } };
    }
    return { status: 404, body: { message: 'Not found', took: 0 } };
  }

  private poll(requestId: string): RestResponse {
    const pending = this.requests.get(requestId);
    if (!pending || pending.pollsLeft > 0) {
      if (pending) pending.pollsLeft -= 1;
      return {
        status: 404,
        body: { message: 'Request not found. It might not be processed, yet.', took: 0, requestId },
      };
    }
    pending.outcome ??= this.apply(pending);
    return {
      status: 200,
      body: {
        data: {
          success: pending.outcome.isSuccess,
          isSuccess: pending.outcome.isSuccess,
          action: actionName(pending.action),
          processedAt: new Date().toISOString(),
          integrationId: 'fake-integration',
          status: pending.outcome.status,
          alertId: pending.alertId,
          alias: this.alerts.get(pending.alertId)?.alias ?? '',
        },
        took: 0.01,
        requestId,
      },
    };
  }

  private apply(request: PendingRequest): { isSuccess: boolean; status: string } {
    const alert = this.alerts.get(request.alertId);
    if (!alert) return { isSuccess: false, status: 'Alert does not exist' };
    if (this.failingAlerts.has(alert.id)) return { isSuccess: false, status: 'Not authorized to perform the action' };
    const escalation = request.body.escalation as { name?: string; id?: string } | undefined;
    return applyAlertAction(alert, request, escalation?.name ?? escalation?.id ?? 'next');
  }

  private resolve(identifier: string, type: string): string {
    if (type === 'id') return identifier;
    return [...this.alerts.values()].find((a) => a.alias === identifier)?.id ?? identifier;
  }

  private nextId(): string {
    this.sequence += 1;
    return `req-${String(this.sequence).padStart(8, '0')}`;
  }
}

/** A new open alert, unacknowledged, with what the caller gives. */
export function openAlert(alert: Partial<FakeOpsgenieAlert> & Pick<FakeOpsgenieAlert, 'id'>): FakeOpsgenieAlert {
  return { message: `Alert ${alert.id}`, status: 'open', acknowledged: false, escalatedTo: [], notes: [], ...alert };
}

/** An action's name in request statuses and webhooks. */
export function actionName(action: OpsgenieAction): string {
  const names: Record<OpsgenieAction, string> = {
    acknowledge: 'Acknowledge',
    close: 'Close',
    snooze: 'Snooze',
    escalate: 'Escalate',
    notes: 'AddNote',
    assign: 'AssignOwnership',
    priority: 'UpdatePriority',
  };
  return names[action];
}

/** Applies a processed action to the alert (the same state change in Opsgenie and JSM Operations). */
export function applyAlertAction(
  alert: FakeOpsgenieAlert,
  request: PendingRequest,
  escalatedTo: string
): { isSuccess: boolean; status: string } {
  switch (request.action) {
    case 'acknowledge':
      alert.acknowledged = true;
      return { isSuccess: true, status: 'Acknowledged' };
    case 'close':
      alert.status = 'closed';
      return { isSuccess: true, status: 'Closed' };
    case 'snooze':
      alert.snoozedUntil = String(request.body.endTime);
      return { isSuccess: true, status: 'Snoozed' };
    case 'escalate':
      alert.escalatedTo.push(escalatedTo);
      return { isSuccess: true, status: 'Escalated' };
    case 'notes':
      alert.notes.push(String(request.body.note));
      return { isSuccess: true, status: 'Note added' };
    case 'assign': {
      // Opsgenie's owner {id|username}; JSM's accountId.
      const owner = request.body.owner as { id?: string; username?: string } | undefined;
      alert.owner = owner?.username ?? owner?.id ?? String(request.body.accountId);
      return { isSuccess: true, status: 'Assigned' };
    }
    case 'priority':
      alert.priority = String(request.body.priority);
      return { isSuccess: true, status: 'Priority updated' };
  }
}
