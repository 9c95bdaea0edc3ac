/**
 * Typed client of Opsgenie's Alert API v2 actions. Actions are asynchronous: the API answers 202 with a requestId,
 * and only GET /v2/alerts/requests/{requestId} says whether the action was applied (404 until it is processed).
 * `act` follows the request until it is done (rest/asyncRequest.ts, shared with JSM Operations), so a caller never
 * reports an action as done that Opsgenie refused.
 */
import { JsonHttp } from '../rest/jsonHttp';
import {
  asyncRequests,
  followRequest,
  submitAndFollow,
  type AsyncRequestOptions,
  type PollingOptions,
  type RequestOutcome,
  type RequestStatus,
} from '../rest/asyncRequest';

export const OPSGENIE_API_URL = 'https://api.opsgenie.com';

export type OpsgenieAction = 'acknowledge' | 'close' | 'snooze' | 'escalate' | 'notes' | 'assign' | 'priority';

/** Every action is a POST but the priority, which is a PUT (docs.opsgenie.com "Update Alert Priority"). */
const METHOD: Partial<Record<OpsgenieAction, 'PUT'>> = { priority: 'PUT' };

export interface OpsgenieClientOptions extends PollingOptions {
  apiKey: string;
  baseUrl?: string;
}

export type OpsgenieRequestOutcome = RequestOutcome;

export class OpsgenieClient {
  readonly http: JsonHttp;
  private readonly requests: AsyncRequestOptions;

  constructor(options: OpsgenieClientOptions) {
    this.http = new JsonHttp({
      vendor: 'Opsgenie',
      baseUrl: options.baseUrl ?? OPSGENIE_API_URL,
      headers: { authorization: `GenieKey ${options.apiKey}` },
      sleep: options.sleep,
    });
    this.requests = asyncRequests(
      {
        http: this.http,
        vendor: 'Opsgenie',
        statusPath: (requestId) => `/v2/alerts/requests/${encodeURIComponent(requestId)}`,
        // Opsgenie wraps the status in `data`.
        readStatus: (body) => (body as { data?: RequestStatus } | undefined)?.data,
      },
      options
    );
  }

  /** Sends the action and follows its request until Opsgenie has processed it. */
  act(alertId: string, action: OpsgenieAction, body: Record<string, unknown>): Promise<OpsgenieRequestOutcome> {
    return submitAndFollow(this.requests, {
      method: METHOD[action] ?? 'POST',
      path: `/v2/alerts/${encodeURIComponent(alertId)}/${action}`,
      query: { identifierType: 'id' },
      body,
    });
  }

  follow(requestId: string): Promise<OpsgenieRequestOutcome> {
    return followRequest(this.requests, requestId);
  }
}
