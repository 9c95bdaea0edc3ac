/**
 * /api/plugins/<app id>/settings, kept in memory: what the app's root page receives as `meta`, and where the app's
 * config page saves. Secrets posted in secureJsonData are kept but only ever reported as secureJsonFields flags.
 */
export interface AppSettingsUpdate {
  enabled?: boolean;
  pinned?: boolean;
  jsonData?: Record<string, unknown>;
  secureJsonData?: Record<string, string>;
}

export class AppSettingsStore {
  private enabled = true;
  private pinned = true;
  private jsonData: Record<string, unknown> = {};
  private readonly secureJsonData = new Map<string, string>();

  constructor(private readonly pluginJson: Record<string, unknown>, private readonly baseUrl: string) {}

  /** Grafana's PluginSetting DTO, reduced to the fields a plugin can read. */
  read(): Record<string, unknown> {
    const p = this.pluginJson;
    return {
      id: p.id,
      type: p.type,
      name: p.name,
      info: p.info,
      includes: p.includes ?? [],
      dependencies: p.dependencies,
      enabled: this.enabled,
      pinned: this.pinned,
      autoEnabled: false,
      module: `${this.baseUrl}/module.js`,
      baseUrl: this.baseUrl,
      jsonData: this.jsonData,
      secureJsonFields: Object.fromEntries([...this.secureJsonData.keys()].map((k) => [k, true])),
      latestVersion: '',
      hasUpdate: false,
      signature: 'unsigned',
    };
  }

  update(body: AppSettingsUpdate): void {
    if (typeof body.enabled === 'boolean') {
      this.enabled = body.enabled;
    }
    if (typeof body.pinned === 'boolean') {
      this.pinned = body.pinned;
    }
    if (body.jsonData && typeof body.jsonData === 'object') {
      this.jsonData = body.jsonData;
    }
    // Grafana: any key sent, even an empty string, overwrites the stored secret.
    for (const [key, value] of Object.entries(body.secureJsonData ?? {})) {
      this.secureJsonData.set(key, String(value));
    }
  }
}
