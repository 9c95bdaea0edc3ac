/**
 * What the host writes into the page for its client (window.__opsdeckHost). Public facts only — the same things
 * Grafana's bootData tells any signed-in Viewer. Secrets never go here.
 */
export interface HostedDatasourceConfig {
  uid: string;
  name: string;
  type: string;
  /** The data-proxy URL the datasource calls, e.g. /api/datasources/proxy/uid/opsdeck. */
  url: string;
  jsonData: Record<string, unknown>;
  /** Where its built plugin.json and module.js are served, e.g. public/plugins/opsdeck-sre-app/datasource. */
  baseUrl: string;
}

export interface HostPageConfig {
  appId: string;
  /** Where the app's built files are served, e.g. public/plugins/opsdeck-sre-app. */
  appBaseUrl: string;
  datasources: HostedDatasourceConfig[];
}

/** The subset of Grafana's window.grafanaBootData that @grafana/runtime's config reads at start-up. */
export interface HostBootData {
  settings: Record<string, unknown>;
  user: {
    id: number;
    login: string;
    name: string;
    email: string;
    orgId: number;
    orgName: string;
    orgRole: string;
    isSignedIn: boolean;
    isGrafanaAdmin: boolean;
    theme: 'dark' | 'light';
    timezone: string;
    locale: string;
    language: string;
    permissions: Record<string, boolean>;
  };
  navTree: unknown[];
  assets: { dark: string; light: string };
}
