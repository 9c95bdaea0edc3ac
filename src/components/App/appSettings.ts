/** The app's jsonData (POST /api/plugins/<id>/settings). The gateway URL and token live in the datasource only. */
export interface AppSettings {
  /** Opsdeck datasource the app pages query; unset means the first one of its type. */
  datasourceUid?: string;
  /**
   * Where this repository's files are published, for teams that keep their own copy of the docs elsewhere (an
   * internal Git host, a wiki export with the same paths): playbook links then go to `<docsBaseUrl>docs/playbooks/
   * <id>.md`, and the Playbooks page links the docs it does not bundle there. Unset (the default): playbook links open
   * the app's own Playbooks page, which shows the docs bundled at build time. Set it in
   * provisioning/plugins/opsdeck.yaml.
   */
  docsBaseUrl?: string;
}
