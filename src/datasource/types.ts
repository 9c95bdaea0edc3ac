import { type DataSourceJsonData } from '@grafana/data';

/** Non-secret settings, stored in jsonData and filled into the proxy routes' `url`. */
export interface OpsdeckOptions extends DataSourceJsonData {
  /** Gateway root URL as Grafana's server sees it, e.g. http://gateway:8080 (no /api suffix). */
  gatewayUrl?: string;
}

/** Secret settings: Grafana keeps them server-side and injects them into the route headers. */
export interface OpsdeckSecureOptions {
  apiToken?: string;
}
