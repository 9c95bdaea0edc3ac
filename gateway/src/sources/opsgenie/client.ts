/**
 * Typed client of Opsgenie's Alert API v2 actions. Actions are asynchronous: the API answers 202 with a requestId,
 * and only GET /v2/alerts/requests/{requestId} says whether the action was applied (404 until it is processed).
 * `act` follows the request until it is done, so a caller never reports an action as done that Opsgenie refused.
 */
import { JsonHttp, UpstreamError, vendorMessage, type JsonHttpOptions } from '../rest/jsonHttp';

export const OPSGENIE_API_URL = 'https://api.opsgenie.com';

export type OpsgenieAction = 'acknowledge' | 'close' | 'snooze' | 'escalate' | 'notes';

export interface OpsgenieClientOptions {
  apiKey: string;
  baseUrl?: string;
  sleep?: JsonHttpOptions['sleep'];
  /** Between request polls; default 500 ms. */
  pollIntervalMs?: number;
  /** Give up following a request after this long; default 20 s. */
  pollTimeoutMs?: number;
}

export interface OpsgenieRequestOutcome {
  requestId: string;
  isSuccess: boolean;
  /** Opsgenie's words, e.g. "Acknowledged" or "Alert does not exist". */
  status: string;
  polls: number;
}

interface RequestStatusBody {
  data?: { isSuccess?: boolean; success?: boolean; status?: string };
}

export class OpsgenieClient {
  readonly http: JsonHttp;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly pollIntervalMs: number;
  private readonly pollTimeoutMs: number;

  constructor(options: OpsgenieClientOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.http = new JsonHttp({
      vendor: 'Opsgenie',
      baseUrl: options.baseUrl ?? OPSGENIE_API_URL,
      headers: { authorization: `GenieKey ${options.apiKey}` },
      sleep: this.sleep,
    });
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.pollTimeoutMs = options.pollTimeoutMs ?? 20_000;
  }

  /** Sends the action and follows its request until Opsgenie has processed it. */
  async act(alertId: string, action: OpsgenieAction, body: Record<string, unknown>): Promise<OpsgenieRequestOutcome> {
    const accepted = await this.http.json<{ requestId?: string }>({
      method: 'POST',
      path: `/v2/alerts/${encodeURIComponent(alertId)}/${action}`,
      query: { identifierType: 'id' },
      body,
    });
    if (!accepted.requestId) throw new UpstreamError('Opsgenie', 202, 'accepted the action without a requestId');
    return this.follow(accepted.requestId);
  }

  async follow(requestId: string): Promise<OpsgenieRequestOutcome> {
    const deadline = Date.now() + this.pollTimeoutMs;
    for (let polls = 1; ; polls++) {
      const { status, body } = await this.http.send<RequestStatusBody>({
        path: `/v2/alerts/requests/${encodeURIComponent(requestId)}`,
      });
      if (status === 200) {
        const data = body?.data ?? {};
        return { requestId, isSuccess: data.isSuccess ?? data.success ?? false, status: data.status ?? '', polls };
      }
      // 404 is Opsgenie's "not processed yet"; anything else is a real error.
      if (status !== 404) throw new UpstreamError('Opsgenie', status, `${status} ${vendorMessage(body)}`);
      if (Date.now() + this.pollIntervalMs > deadline) {
        throw new UpstreamError('Opsgenie', 504, `request ${requestId} not processed within ${this.pollTimeoutMs} ms`);
      }
      await this.sleep(this.pollIntervalMs);
    }
  }
}
