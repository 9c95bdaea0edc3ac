/** The app's jsonData (POST /api/plugins/<id>/settings). The gateway URL and token live in the datasource only. */
export interface AppSettings {
  /** Opsdeck datasource the app pages query; unset means the first one of its type. */
  datasourceUid?: string;
}
