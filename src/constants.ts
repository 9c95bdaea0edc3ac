import appPluginJson from './plugin.json';
import datasourcePluginJson from './datasource/plugin.json';

/** Ids are written once, in the plugin.json files; everything else derives from them. */
export const PLUGIN_ID = appPluginJson.id;
export const DATASOURCE_TYPE = datasourcePluginJson.id;

export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

export enum ROUTES {
  Overview = 'overview',
  Alerts = 'alerts',
  Incidents = 'incidents',
  OnCall = 'on-call',
  Deployments = 'deployments',
  Reliability = 'reliability',
  Report = 'report',
  Maintenance = 'maintenance',
  Services = 'services',
  Wall = 'wall',
  /** The playbooks, SRE runbook and escalation docs bundled into the plugin (contract PLAYBOOKS_APP_PATH). */
  Playbooks = 'playbooks',
}

/** The page of one catalog service, e.g. /a/opsdeck-sre-app/services/checkout-api. */
export function servicePageUrl(service: string): string {
  return `${PLUGIN_BASE_URL}/${ROUTES.Services}/${encodeURIComponent(service)}`;
}

/**
 * The Reliability page, optionally filtered to one service and opened on a tab other than incidents:
 * /a/opsdeck-sre-app/reliability?service=checkout-api&section=cost.
 */
export function reliabilityPageUrl(
  filter: { service?: string; section?: 'incidents' | 'fatigue' | 'cost' } = {}
): string {
  const params = new URLSearchParams();
  if (filter.service) params.set('service', filter.service);
  if (filter.section && filter.section !== 'incidents') params.set('section', filter.section);
  const query = params.toString() ? `?${params}` : '';
  return `${PLUGIN_BASE_URL}/${ROUTES.Reliability}${query}`;
}

/** Absolute URL of an app page, e.g. prefixRoute(ROUTES.Overview) → /a/opsdeck-sre-app/overview. */
export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

/** Where users add an Opsdeck datasource, and the app's configuration page. */
export const NEW_DATASOURCE_URL = `/connections/datasources/new`;
export const APP_CONFIG_URL = `/plugins/${PLUGIN_ID}`;
