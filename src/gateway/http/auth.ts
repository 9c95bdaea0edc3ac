import crypto from 'node:crypto';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { WRITE_ROLE_HEADER } from '@/contract';

/** Routes under /api that answer without a token: health lets Grafana's "Save & test" tell a bad URL from a bad token. */
const OPEN_API_ROUTES = new Set(['/api/health']);

/**
 * Constant-time comparison. Both sides are hashed first so the buffers have equal length whatever was sent, and
 * neither the content nor the length of the token leaks through timing.
 */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) {
    return false;
  }
  const digest = (value: string) => crypto.createHash('sha256').update(value, 'utf8').digest();
  return crypto.timingSafeEqual(digest(expected), digest(presented));
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** The one route the CI ingest token may call (method and route pattern). */
const INGEST_ROUTE = { method: 'POST', url: '/api/deployments' };

/**
 * onRequest hook: every /api/* route except the open ones needs the bearer token; unknown /api paths too. The
 * optional ingest token is accepted on the ingest route only, so a CI secret that leaks can post deploys, nothing else.
 */
export function apiTokenGuard(token: string, ingestToken?: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0];
    const isApi = pathname === '/api' || pathname.startsWith('/api/');
    if (!isApi || OPEN_API_ROUTES.has(request.routeOptions.url ?? '')) {
      return;
    }
    if (!request.headers.authorization) {
      return reply.code(401).send({ error: 'missing Authorization: Bearer <api token> header' });
    }
    const presented = bearerToken(request);
    const ingestRoute = request.method === INGEST_ROUTE.method && request.routeOptions.url === INGEST_ROUTE.url;
    if (ingestRoute && ingestToken !== undefined && tokenMatches(ingestToken, presented)) {
      return;
    }
    if (!tokenMatches(token, presented)) {
      return reply.code(401).send({ error: 'invalid api token' });
    }
  };
}

/**
 * preHandler for write endpoints: besides the bearer token they need the header only the datasource's Editor-gated
 * `write` route injects. Its value is the api token, so a Viewer cannot add it through the `read` route.
 */
export function writeRouteGuard(token: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers[WRITE_ROLE_HEADER.toLowerCase()];
    if (!tokenMatches(token, typeof header === 'string' ? header : undefined)) {
      return reply.code(403).send({
        error: `writes must come through the Opsdeck datasource's Editor route (${WRITE_ROLE_HEADER} header missing or wrong)`,
      });
    }
  };
}
