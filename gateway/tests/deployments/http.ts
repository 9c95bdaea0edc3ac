/** HTTP helpers for the deployment route tests: requests as the datasource routes would send them. */
import { ADMIN_ROLE_HEADER, GRAFANA_USER_HEADER, WRITE_ROLE_HEADER, type RollbackAttempt } from '@opsdeck/contract';
import type { TestGateway } from '../support/gateway';

export type Role = 'viewer' | 'editor' | 'admin';

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** Bearer token; the gateway's api token by default. */
  token?: string;
  /** Which datasource route the request imitates (headers it injects); viewer = read route. */
  role?: Role;
  user?: string;
}

export async function call<T = unknown>(
  gateway: TestGateway,
  path: string,
  options: CallOptions = {}
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? gateway.token}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.role === 'editor' || options.role === 'admin') headers[WRITE_ROLE_HEADER] = gateway.token;
  if (options.role === 'admin') headers[ADMIN_ROLE_HEADER] = gateway.token;
  if (options.user) headers[GRAFANA_USER_HEADER] = options.user;
  const response = await fetch(`${gateway.url}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A CI deploy of `service` to production that started and then succeeded, posted as a pipeline would. */
export async function postCiDeploy(
  gateway: TestGateway,
  ingestToken: string,
  deploy: { service: string; version: string; startedAt: number; succeededAt: number }
): Promise<void> {
  for (const [status, time] of [
    ['started', deploy.startedAt],
    ['succeeded', deploy.succeededAt],
  ] as const) {
    const posted = await call(gateway, '/api/deployments', {
      token: ingestToken,
      body: { service: deploy.service, version: deploy.version, environment: 'production', status, time },
    });
    if (posted.status !== 201) throw new Error(`POST /api/deployments answered ${posted.status}`);
  }
}

/** Polls the rollback history until the attempt settles (bounded: 10 s). */
export async function settledAttempt(gateway: TestGateway, id: string): Promise<RollbackAttempt> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { body } = await call<{ attempts: RollbackAttempt[] }>(gateway, '/api/deployments/rollbacks');
    const attempt = body.attempts.find((a) => a.id === id);
    if (attempt && attempt.outcome !== 'in_progress') return attempt;
    if (Date.now() > deadline) throw new Error(`rollback ${id} still ${attempt?.outcome ?? 'missing'} after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
