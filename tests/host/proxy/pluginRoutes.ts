/**
 * The data-proxy route rules of a datasource plugin.json, applied the way Grafana's data proxy does
 * (grafana/grafana pkg/api/pluginproxy: ds_proxy.go validateRequest, ds_auth_provider.go ApplyRoute, util
 * JoinURLFragments). Pure functions: the HTTP forwarding lives in dataProxy.ts.
 */
import { posix } from 'node:path';
import { isOrgRole, hasRole, type OrgRole } from '../roles';

export interface RouteHeader {
  name: string;
  content: string;
}

export interface PluginRoute {
  path: string;
  method?: string;
  url?: string;
  reqRole?: OrgRole;
  headers?: RouteHeader[];
}

/** What Grafana keeps per datasource: public jsonData and the decrypted secureJsonData (server side only). */
export interface DatasourceSecrets {
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
}

export type RouteDecision =
  | { kind: 'matched'; route: PluginRoute }
  | { kind: 'denied' }
  | { kind: 'unmatched' };

/** Reads `routes` from a plugin.json object, refusing shapes Grafana would refuse to load. */
export function parseRoutes(pluginJson: unknown): PluginRoute[] {
  const routes = (pluginJson as { routes?: unknown }).routes;
  if (routes === undefined) {
    return [];
  }
  if (!Array.isArray(routes)) {
    throw new Error('plugin.json routes must be an array');
  }
  return routes.map((raw, i) => {
    const r = raw as Record<string, unknown>;
    if (typeof r.path !== 'string' || r.path === '') {
      throw new Error(`plugin.json routes[${i}].path must be a non-empty string`);
    }
    if (r.reqRole !== undefined && !isOrgRole(r.reqRole)) {
      throw new Error(`plugin.json routes[${i}].reqRole ${String(r.reqRole)} is not a Grafana role`);
    }
    const headers = Array.isArray(r.headers) ? (r.headers as RouteHeader[]) : [];
    return {
      path: r.path,
      method: typeof r.method === 'string' ? r.method : undefined,
      url: typeof r.url === 'string' ? r.url : undefined,
      reqRole: r.reqRole as OrgRole | undefined,
      headers,
    };
  });
}

/** Grafana compares cleaned paths: dot segments resolved, no leading or trailing slash. */
export function cleanProxyPath(p: string): string {
  return posix.normalize(`/${p}`).replace(/^\/+/, '').replace(/\/+$/, '');
}

/**
 * The first route in declared order whose method fits and whose cleaned path prefixes the cleaned proxy path wins;
 * its reqRole is then checked. Grafana compares plain string prefixes, so route "read" would also match "readme/x"
 * (the reason the contract keeps route paths from prefixing each other).
 */
export function matchRoute(routes: PluginRoute[], method: string, proxyPath: string, role: OrgRole): RouteDecision {
  const cleaned = cleanProxyPath(proxyPath);
  for (const route of routes) {
    const m = route.method ?? '';
    if (m !== '' && m !== '*' && m.toUpperCase() !== method.toUpperCase()) {
      continue;
    }
    if (!cleaned.startsWith(cleanProxyPath(route.path))) {
      continue;
    }
    if (route.reqRole && !hasRole(role, route.reqRole)) {
      return { kind: 'denied' };
    }
    return { kind: 'matched', route };
  }
  return { kind: 'unmatched' };
}

/**
 * Fills `{{ .JsonData.key }}` and `{{ .SecureJsonData.key }}`, the only template actions plugin routes use. Missing
 * keys print what Go's text/template prints for them: "<no value>" for the JSON map, "" for the string map. Any
 * other action is an error rather than a silent guess.
 */
export function interpolateRouteTemplate(template: string, data: DatasourceSecrets): string {
  return template.replace(/\{\{(.*?)\}\}/g, (_whole, action: string) => {
    const m = /^\s*\.(JsonData|SecureJsonData)\.([A-Za-z0-9_]+)\s*$/.exec(action);
    if (!m) {
      throw new Error(`unsupported route template action {{${action}}}`);
    }
    const [, scope, key] = m;
    if (scope === 'SecureJsonData') {
      return data.secureJsonData[key] ?? '';
    }
    const value = data.jsonData[key];
    return value === undefined || value === null ? '<no value>' : String(value);
  });
}

/** Joins two URL path pieces with exactly one slash between them (Grafana's util.JoinURLFragments). */
export function joinUrlFragments(a: string, b: string): string {
  if (b === '') {
    return a;
  }
  const aSlash = a.endsWith('/');
  const bSlash = b.startsWith('/');
  if (aSlash && bSlash) {
    return a + b.slice(1);
  }
  if (!aSlash && !bSlash) {
    return `${a}/${b}`;
  }
  return a + b;
}

/** Where a matched request goes: the interpolated route url, then what followed the route path, then the query. */
export function targetUrl(route: PluginRoute, proxyPath: string, search: string, data: DatasourceSecrets): URL {
  const base = new URL(interpolateRouteTemplate(route.url ?? '', data));
  // Dot segments resolved but a trailing slash kept: the upstream may care about it, and Grafana keeps it.
  const normalized = posix.normalize(`/${proxyPath}`).replace(/^\/+/, '');
  const remainder = normalized.slice(cleanProxyPath(route.path).length);
  base.pathname = joinUrlFragments(base.pathname, remainder);
  base.search = search;
  return base;
}

/** The route's headers with their templates filled in. */
export function routeHeaders(route: PluginRoute, data: DatasourceSecrets): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of route.headers ?? []) {
    out[h.name] = interpolateRouteTemplate(h.content, data);
  }
  return out;
}
