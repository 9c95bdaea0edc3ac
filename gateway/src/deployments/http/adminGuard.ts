import type { FastifyRequest } from 'fastify';
import { ADMIN_ROLE_HEADER } from '@opsdeck/contract';
import { grafanaUserOf } from '../../http/grafanaUser';
import { tokenMatches } from '../../http/auth';

/** True when the request came through the datasource's Admin-gated `admin` route (its header carries the api token). */
export function viaAdminRoute(request: FastifyRequest, apiToken: string): boolean {
  const header = request.headers[ADMIN_ROLE_HEADER.toLowerCase()];
  return tokenMatches(apiToken, typeof header === 'string' ? header : undefined);
}

/** The Grafana login the data proxy forwarded, for the audit log. */
export function grafanaUser(request: FastifyRequest): string {
  return grafanaUserOf(request, 'unknown (no X-Grafana-User header)');
}
