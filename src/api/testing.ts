/**
 * A GatewayFetch for unit tests: answers by "METHOD url", records every request, and fails the way Grafana's
 * fetch does (rejecting with a FetchError-like `{status, data, statusText}`). Not used by the plugins themselves.
 */
import { type GatewayFetch, type GatewayRequest } from './GatewayClient';

export type FakeAnswer =
  | { status?: number; data: unknown }
  | { fail: { status: number; data?: unknown; statusText?: string } }
  | ((request: GatewayRequest) => unknown);

export interface FakeFetch extends GatewayFetch {
  requests: GatewayRequest[];
}

export function fakeFetch(answers: Record<string, FakeAnswer>): FakeFetch {
  const requests: GatewayRequest[] = [];
  const fetcher = (async (request: GatewayRequest) => {
    requests.push(request);
    const answer = answers[`${request.method} ${request.url}`];
    if (answer === undefined) {
      throw { status: 404, statusText: 'Not Found', data: { error: `no fake answer for ${request.method} ${request.url}` } };
    }
    if (typeof answer === 'function') {
      return { status: 200, data: answer(request) };
    }
    if ('fail' in answer) {
      throw { status: answer.fail.status, statusText: answer.fail.statusText, data: answer.fail.data };
    }
    return { status: answer.status ?? 200, data: answer.data };
  }) as FakeFetch;
  fetcher.requests = requests;
  return fetcher;
}
