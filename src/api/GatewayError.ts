/**
 * Turns whatever a failed call through Grafana's data proxy produced into one sentence that says what to fix.
 * The proxy itself answers some statuses (502 when it cannot reach the gateway, 403 when the user's role is below
 * the route's reqRole); the gateway answers the rest with `{error}` (contract/src/api.ts ApiError).
 */
export class GatewayError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when no HTTP answer came back at all. */
    readonly status: number,
    /** The answer's body, for callers that read more than the message (the `matching` count of a 409). */
    readonly body?: unknown
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  /** True when the gateway could not be reached at all (bad URL, gateway down, network). */
  get unreachable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

interface FailedFetch {
  status?: number;
  statusText?: string;
  data?: unknown;
  message?: string;
}

function messageFromBody(data: unknown): string | undefined {
  if (typeof data === 'string' && data.trim() !== '') {
    return data.trim();
  }
  if (data && typeof data === 'object') {
    const body = data as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string' && body.error !== '') {
      return body.error;
    }
    if (typeof body.message === 'string' && body.message !== '') {
      return body.message;
    }
  }
  return undefined;
}

function explainStatus(status: number, detail: string | undefined): string {
  const suffix = detail ? ` (${detail})` : '';
  switch (status) {
    case 0:
      return `Could not reach Grafana or the Opsdeck gateway${suffix}. Check your network connection.`;
    case 401:
      return `The Opsdeck gateway rejected the API token${suffix}. Set the token in the datasource settings to the gateway's OPSDECK_API_TOKEN.`;
    case 403:
      return `Access denied${suffix}. Your Grafana role may be too low for this action, or the gateway refused it.`;
    case 404:
      return `Not found${suffix}. Check that the Opsdeck datasource exists and that the gateway URL points at the gateway root.`;
    case 502:
    case 503:
    case 504:
      return `Grafana could not reach the Opsdeck gateway${suffix}. Check the gateway URL in the datasource settings and that the gateway is running.`;
    default:
      return detail ? `Opsdeck gateway error ${status}: ${detail}` : `Opsdeck gateway error ${status}`;
  }
}

/** Normalises a rejection from Grafana's fetch (a FetchError-like object) or any thrown value. */
export function toGatewayError(err: unknown): GatewayError {
  if (err instanceof GatewayError) {
    return err;
  }
  if (err && typeof err === 'object' && 'status' in err) {
    const failed = err as FailedFetch;
    const status = typeof failed.status === 'number' && failed.status > 0 ? failed.status : 0;
    const detail = messageFromBody(failed.data) ?? (failed.statusText || failed.message || undefined);
    return new GatewayError(explainStatus(status, detail), status, failed.data);
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new GatewayError(explainStatus(0, detail), 0);
}
