/**
 * Who may call a route is declared on the route (`config.access`) and decided on the route the router matched, never
 * on the raw URL: a path the router decodes or folds (`/%61pi/alerts`) is judged as the route it lands on. Deny by
 * default: a route that declares nothing, and any request that matches no route, needs the API token.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { WRITE_ROLE_HEADER } from '@opsdeck/contract';
import { bearerToken, tokenMatches, viaWriteRoute } from './auth';

export const ROUTE_ACCESS = {
  /** The API token (Grafana's `read` route injects it): the default. */
  token: 'the API token',
  /** Anyone who can reach the port: health (so "Save & test" can tell a bad URL from a bad token) and /metrics. */
  public: 'nothing',
  /** The handler authenticates the sender on the raw body (signature, topic, shared token) before storing anything. */
  webhook: 'the sender’s signature or webhook token, checked by the handler',
  /** CI deploy events: the ingest token, or the API token through the Editor-gated `write` route. */
  ingest: 'the ingest token, or the API token through the write route',
} as const;

export type RouteAccess = keyof typeof ROUTE_ACCESS;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every route as registered, with its access: the hostile-input tests walk it, so a new route is covered. */
    routeInventory: RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

export interface AccessTokens {
  apiToken: string;
  ingestToken?: string;
}

/** Registers the inventory and the guard; call before any route is registered. */
export function registerAccessControl(app: FastifyInstance, tokens: AccessTokens): void {
  const inventory: RouteEntry[] = [];
  app.decorate('routeInventory', inventory);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access ?? 'token';
    if (!(access in ROUTE_ACCESS)) {
      throw new Error(`route ${route.url}: unknown access "${String(access)}"`);
    }
    for (const method of [route.method].flat()) inventory.push({ method, url: route.url, access });
  });
  app.addHook('onRequest', accessGuard(tokens));
}

function accessGuard(tokens: AccessTokens) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    // A request that matched no route has no access of its own: the default applies, so a scanner learns nothing.
    const access: RouteAccess = request.is404 ? 'token' : (request.routeOptions.config?.access ?? 'token');
    if (access === 'public' || access === 'webhook') {
      return;
    }
    const presented = bearerToken(request);
    if (access === 'ingest' && tokens.ingestToken !== undefined && tokenMatches(tokens.ingestToken, presented)) {
      return;
    }
    if (!request.headers.authorization) {
      return reply.code(401).send({ error: 'missing Authorization: Bearer <api token> header' });
    }
    if (!tokenMatches(tokens.apiToken, presented)) {
      return reply.code(401).send({ error: 'invalid api token' });
    }
    if (access === 'ingest' && !viaWriteRoute(request, tokens.apiToken)) {
      return reply.code(403).send({
        error: `deploy events need the ingest token (OPSDECK_INGEST_TOKEN) or the Opsdeck datasource's Editor route (${WRITE_ROLE_HEADER} header missing or wrong)`,
      });
    }
  };
}
