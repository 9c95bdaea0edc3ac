/** Helpers for the AWS JSON 1.0 / 1.1 protocols: the operation is the x-amz-target suffix, errors carry __type. */
import type { FakeRequest, FakeResponse } from './fakeServer';

export function jsonOperation(request: Omit<FakeRequest, 'operation'>): string {
  const target = String(request.headers['x-amz-target'] ?? '');
  return target.slice(target.lastIndexOf('.') + 1);
}

export function jsonResponse(
  version: '1.0' | '1.1',
  body: unknown,
  status = 200,
  extraHeaders: Record<string, string> = {}
): FakeResponse {
  return {
    status,
    headers: { 'content-type': `application/x-amz-json-${version}`, ...extraHeaders },
    body: JSON.stringify(body),
  };
}

export function jsonError(
  version: '1.0' | '1.1',
  status: number,
  type: string,
  message: string,
  extraHeaders: Record<string, string> = {}
): FakeResponse {
  return jsonResponse(version, { __type: type, message }, status, extraHeaders);
}
