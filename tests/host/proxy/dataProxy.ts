/**
 * Grafana's data proxy for plugin routes: `/api/datasources/proxy/uid/<uid>/<route path>/...` is checked against the
 * datasource's plugin.json routes and forwarded server side with the route's secret headers. The browser never sees
 * the secrets, and its own Cookie/Authorization headers never reach the upstream.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { OrgRole } from '../roles';
import { matchRoute, routeHeaders, targetUrl, type DatasourceSecrets, type PluginRoute } from './pluginRoutes';

export const DATA_PROXY_PREFIX = '/api/datasources/proxy/uid/';

export interface ProxiedDatasource extends DatasourceSecrets {
  uid: string;
  routes: PluginRoute[];
}

export interface SignedInUser {
  login: string;
  role: OrgRole;
}

/** Grafana's default [dataproxy] timeout. */
const UPSTREAM_TIMEOUT_MS = 30_000;
/** What the User-Agent says upstream; Grafana sends "Grafana/<version>". */
const USER_AGENT = 'Grafana/13.1.0 (opsdeck test host)';

// Hop-by-hop headers (RFC 9110 §7.6.1) never cross a proxy; the rest are ones Grafana's director deletes or rewrites.
const DROPPED_REQUEST_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'cookie',
  'authorization',
  'x-ds-authorization',
  'origin',
  'referer',
  'user-agent',
  'x-grafana-user',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
]);
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
]);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function forwardedRequestHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers as IncomingHttpHeaders)) {
    if (value !== undefined && !DROPPED_REQUEST_HEADERS.has(name)) {
      out[name] = value;
    }
  }
  const client = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  out['x-forwarded-for'] = prior ? `${String(prior)}, ${client}` : client;
  out['user-agent'] = USER_AGENT;
  return out;
}

function forwardedResponseHeaders(upstream: IncomingMessage): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream.headers)) {
    if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)) {
      out[name] = value;
    }
  }
  return out;
}

/**
 * Handles one request under DATA_PROXY_PREFIX. `datasources` is looked up by uid; `user` is whoever is signed in
 * to the host at the moment of the request.
 */
export function handleDataProxy(
  req: IncomingMessage,
  res: ServerResponse,
  datasources: ReadonlyMap<string, ProxiedDatasource>,
  user: SignedInUser
): void {
  const url = new URL(req.url ?? '/', 'http://host.invalid');
  const rest = url.pathname.slice(DATA_PROXY_PREFIX.length);
  const slash = rest.indexOf('/');
  const uid = decodeURIComponent(slash === -1 ? rest : rest.slice(0, slash));
  const proxyPath = slash === -1 ? '' : decodeURIComponent(rest.slice(slash + 1));
  const ds = datasources.get(uid);
  if (!ds) {
    sendJson(res, 404, { message: 'Data source not found' });
    return;
  }
  const decision = matchRoute(ds.routes, req.method ?? 'GET', proxyPath, user.role);
  if (decision.kind === 'denied') {
    sendJson(res, 403, { message: 'plugin proxy route access denied' });
    return;
  }
  if (decision.kind === 'unmatched') {
    sendJson(res, 404, { message: 'No plugin route matches this proxy path' });
    return;
  }

  let target: URL;
  let headers: Record<string, string | string[]>;
  try {
    target = targetUrl(decision.route, proxyPath, url.search, ds);
    headers = { ...forwardedRequestHeaders(req), ...lowerCaseKeys(routeHeaders(decision.route, ds)) };
  } catch (err) {
    // The message names the template, never its filled-in value, so no secret can leak through it.
    sendJson(res, 500, { message: `Invalid plugin route: ${(err as Error).message}` });
    return;
  }
  // GF_DATAPROXY_SEND_USER_HEADER=true: the upstream learns who is asking, and the browser cannot claim to be
  // someone else because its own X-Grafana-User was dropped above.
  headers['x-grafana-user'] = user.login;

  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstreamReq = send(target, { method: req.method, headers, timeout: UPSTREAM_TIMEOUT_MS }, (upstream) => {
    if (upstream.statusCode === 401) {
      // Grafana turns an upstream 401 into a 400 so the browser does not take it for its own Grafana session
      // expiring (ds_proxy.go ModifyResponse).
      upstream.resume();
      const msg = 'Authentication to data source failed';
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(msg) });
      res.end(msg);
      return;
    }
    res.writeHead(upstream.statusCode ?? 502, forwardedResponseHeaders(upstream));
    upstream.pipe(res);
  });
  upstreamReq.on('timeout', () => upstreamReq.destroy(new Error('upstream timed out')));
  upstreamReq.on('error', () => {
    if (!res.headersSent) {
      sendJson(res, 502, { message: 'Bad Gateway' });
    } else {
      res.destroy();
    }
  });
  // A browser that goes away (a closed event stream, an aborted fetch) must not leave the upstream call running.
  res.on('close', () => {
    if (!res.writableFinished) {
      upstreamReq.destroy();
    }
  });
  req.pipe(upstreamReq);
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
