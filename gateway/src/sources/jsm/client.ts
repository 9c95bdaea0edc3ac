/**
 * Typed client of Jira Service Management Operations' REST API (research/jsm-ops.md §2–4), Opsgenie's successor:
 * `https://api.atlassian.com/jsm/ops/api/{cloudId}/v1/…` with HTTP Basic `email:api_token` (an Atlassian account
 * token; service accounts are not entitled to this API). Alert actions are asynchronous as Opsgenie's were: a write
 * answers with a requestId and GET /v1/alerts/requests/{id} answers the outcome, here as a flat body (Opsgenie
 * wrapped it in `data`); `act` follows it to completion through the same code as the Opsgenie client.
 * Schedules and on-call are read for GET /api/oncall.
 */
import { JsonHttp, UpstreamError } from '../rest/jsonHttp';
import {
  asyncRequests,
  submitAndFollow,
  type AsyncRequestOptions,
  type PollingOptions,
  type RequestOutcome,
  type RequestStatus,
} from '../rest/asyncRequest';

export const JSM_API_URL = 'https://api.atlassian.com';

/** The alert actions Opsdeck uses, by their path segment under /v1/alerts/{id}/. */
export type JsmAction = 'acknowledge' | 'close' | 'snooze' | 'escalate' | 'notes' | 'assign' | 'priority';

/** Every action is a POST but the priority, a field update (PATCH, research/jsm-ops.md §3). */
const METHOD: Partial<Record<JsmAction, 'PATCH'>> = { priority: 'PATCH' };

export interface JsmClientOptions extends PollingOptions {
  cloudId: string;
  email: string;
  apiToken: string;
  /** Scheme and host; default https://api.atlassian.com (tests point it at the fake). */
  baseUrl?: string;
}

/** A schedule as GET /v1/schedules lists it (spec `Schedule`). */
export interface JsmSchedule {
  id: string;
  name: string;
  description?: string;
  timezone?: string;
  enabled?: boolean;
  teamId?: string;
}

interface ListSchedulesBody {
  values?: JsmSchedule[];
  links?: { next?: string };
}

/** Page size of list calls (the API allows 1–100). */
const PAGE_SIZE = 100;
/** A bound on pages followed, so a `links.next` that never ends cannot hang a request. */
const MAX_PAGES = 50;

export class JsmClient {
  readonly http: JsonHttp;
  private readonly prefix: string;
  private readonly requests: AsyncRequestOptions;

  constructor(options: JsmClientOptions) {
    const basic = Buffer.from(`${options.email}:${options.apiToken}`, 'utf8').toString('base64');
    this.http = new JsonHttp({
      vendor: 'JSM Operations',
      baseUrl: options.baseUrl ?? JSM_API_URL,
      headers: { authorization: `Basic ${basic}`, accept: 'application/json' },
      sleep: options.sleep,
    });
    this.prefix = `/jsm/ops/api/${encodeURIComponent(options.cloudId)}/v1`;
    this.requests = asyncRequests(
      {
        http: this.http,
        vendor: 'JSM Operations',
        statusPath: (requestId) => `${this.prefix}/alerts/requests/${encodeURIComponent(requestId)}`,
        // JSM answers the status flat (Opsgenie wrapped it in `data`).
        readStatus: (body) => body as RequestStatus | undefined,
      },
      options
    );
  }

  /** Sends the action (full alert id; JSM has no tinyId or alias addressing here) and follows its request. */
  act(alertId: string, action: JsmAction, body?: Record<string, unknown>): Promise<RequestOutcome> {
    return submitAndFollow(this.requests, {
      method: METHOD[action] ?? 'POST',
      path: `${this.prefix}/alerts/${encodeURIComponent(alertId)}/${action}`,
      body,
    });
  }

  /** Every schedule, following `links.next` (offset/size paging). */
  async listSchedules(): Promise<JsmSchedule[]> {
    const schedules: JsmSchedule[] = [];
    for (let offset = 0, page = 0; page < MAX_PAGES; page++) {
      const body = await this.http.json<ListSchedulesBody>({
        path: `${this.prefix}/schedules`,
        query: { offset, size: PAGE_SIZE },
      });
      const values = body?.values ?? [];
      schedules.push(...values);
      if (!body?.links?.next || values.length === 0) return schedules;
      offset += values.length;
    }
    throw new UpstreamError('JSM Operations', 200, `more than ${MAX_PAGES * PAGE_SIZE} schedules`);
  }

  /** Account ids on call on a schedule at `date` (flat: teams and escalations resolved to their users). */
  async onCallUsers(scheduleId: string, date: string): Promise<string[]> {
    const body = await this.http.json<{ onCallUsers?: string[] }>({
      path: `${this.prefix}/schedules/${encodeURIComponent(scheduleId)}/on-calls`,
      query: { flat: true, date },
    });
    return body?.onCallUsers ?? [];
  }

  /** Account ids on call next after `date` on a schedule (flat). */
  async nextOnCallUsers(scheduleId: string, date: string): Promise<string[]> {
    const body = await this.http.json<{ nextOnCallUsers?: string[] }>({
      path: `${this.prefix}/schedules/${encodeURIComponent(scheduleId)}/next-on-calls`,
      query: { flat: true, date },
    });
    return body?.nextOnCallUsers ?? [];
  }
}
