/**
 * getBackendSrv() for the host page: real fetch() calls whose answers have Grafana's FetchResponse shape, and whose
 * failures have the FetchError shape ({status, data, config}) that isFetchError() recognises.
 */
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { lastValueFrom, Observable } from 'rxjs';

function requestUrl(options: BackendSrvRequest): string {
  const url = new URL(options.url, document.baseURI);
  for (const [key, value] of Object.entries(options.params ?? {})) {
    if (value === undefined || value === null) {
      continue;
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(key, String(v));
    }
  }
  return url.href;
}

function requestBody(data: unknown, headers: Headers): BodyInit | undefined {
  if (data === undefined || data === null) {
    return undefined;
  }
  if (typeof data === 'string' || data instanceof FormData || data instanceof Blob || data instanceof URLSearchParams) {
    return data;
  }
  if (!headers.has('content-type')) {
    headers.set('content-type', 'application/json');
  }
  return JSON.stringify(data);
}

async function responseData(resp: Response, responseType: BackendSrvRequest['responseType']): Promise<unknown> {
  switch (responseType) {
    case 'text':
      return resp.text();
    case 'blob':
      return resp.blob();
    case 'arraybuffer':
      return resp.arrayBuffer();
    default: {
      // Grafana answers JSON when it can and hands back the text otherwise (e.g. the proxy's 400 for an upstream 401).
      const text = await resp.text();
      if (text === '') {
        return undefined;
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
  }
}

function toFetchResponse<T>(resp: Response, data: T, config: BackendSrvRequest): FetchResponse<T> {
  return {
    data,
    status: resp.status,
    statusText: resp.statusText,
    ok: resp.ok,
    headers: resp.headers,
    redirected: resp.redirected,
    type: resp.type,
    url: resp.url,
    config,
  };
}

function toFetchError(config: BackendSrvRequest, status: number, statusText: string, data: unknown, cancelled = false): FetchError {
  const message =
    typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string'
      ? (data as { message: string }).message
      : statusText;
  return { status, statusText, data, config, message, cancelled };
}

function send(options: BackendSrvRequest, signal: AbortSignal): Promise<Response> {
  const headers = new Headers(options.headers ?? {});
  // Grafana's backend_srv tags every request with the org; the host has exactly one.
  headers.set('X-Grafana-Org-Id', '1');
  const body = requestBody(options.data, headers);
  return fetch(requestUrl(options), {
    method: options.method ?? 'GET',
    headers,
    body,
    signal,
    credentials: options.credentials ?? 'same-origin',
  });
}

function stream<T>(options: BackendSrvRequest, onResponse: (resp: Response, emit: (r: FetchResponse<T>) => void) => Promise<void>): Observable<FetchResponse<T>> {
  return new Observable<FetchResponse<T>>((subscriber) => {
    const controller = new AbortController();
    options.abortSignal?.addEventListener('abort', () => controller.abort());
    send(options, controller.signal)
      .then(async (resp) => {
        if (!resp.ok) {
          const data = await responseData(resp, options.responseType);
          subscriber.error(toFetchError(options, resp.status, resp.statusText, data));
          return;
        }
        await onResponse(resp, (r) => subscriber.next(r));
        subscriber.complete();
      })
      .catch((err: unknown) => {
        const cancelled = controller.signal.aborted;
        subscriber.error(toFetchError(options, cancelled ? -1 : 0, cancelled ? 'Request was aborted' : String(err), undefined, cancelled));
      });
    return () => controller.abort();
  });
}

export class FetchBackendSrv implements BackendSrv {
  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return stream<T>(options, async (resp, emit) => {
      emit(toFetchResponse(resp, (await responseData(resp, options.responseType)) as T, options));
    });
  }

  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    return stream<Uint8Array | undefined>(options, async (resp, emit) => {
      const reader = resp.body?.getReader();
      if (!reader) {
        emit(toFetchResponse(resp, undefined, options));
        return;
      }
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        emit(toFetchResponse(resp, chunk.value, options));
      }
    });
  }

  request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return lastValueFrom(this.fetch<T>(options)).then((r) => r.data);
  }

  datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }

  get<T = unknown>(url: string, params?: Record<string, unknown>, requestId?: string, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, params, requestId, method: 'GET' });
  }

  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'DELETE' });
  }

  post<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'POST' });
  }

  patch<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PATCH' });
  }

  put<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PUT' });
  }
}
