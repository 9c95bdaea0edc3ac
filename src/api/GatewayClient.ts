import {
  READ_ROUTE,
  type HealthResponse,
  type QueryRequest,
  type QueryResponse,
  type ServicesResponse,
} from '@/contract';
import { toGatewayError } from './GatewayError';

/** The subset of Grafana's BackendSrvRequest the client uses. */
export interface GatewayRequest {
  url: string;
  method: 'GET' | 'POST';
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
 * Typed client for the gateway's HTTP API (src/contract), reached through the datasource's data-proxy routes.
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

  /** Reads go through the Viewer route; writes (later) use WRITE_ROUTE so Grafana enforces the Editor role. */
  private read<T>(method: GatewayRequest['method'], path: string, data?: unknown): Promise<T> {
    return this.send<T>(`${this.baseUrl}/${READ_ROUTE}${path}`, method, data);
  }

  private async send<T>(url: string, method: GatewayRequest['method'], data?: unknown): Promise<T> {
    const request: GatewayRequest = { url, method, showErrorAlert: false, showSuccessAlert: false };
    if (data !== undefined) {
      request.data = data;
      request.headers = { 'Content-Type': 'application/json' };
    }
    try {
      const response = await this.fetcher<T>(request);
      return response.data;
    } catch (err) {
      throw toGatewayError(err);
    }
  }
}

/** Base URL of a datasource's data proxy, for callers that only know its uid (the app pages). */
export function proxyUrlForDatasource(uid: string): string {
  return `/api/datasources/proxy/uid/${encodeURIComponent(uid)}`;
}
