/**
 * getDataSourceSrv() for the host page: knows the datasources the host provisioned (just Opsdeck) and hands out the
 * instances created from the loaded datasource module.
 */
import type { DataSourceApi, DataSourceInstanceSettings, DataSourceRef } from '@grafana/data';
import type { DataSourceSrv, GetDataSourceListFilters, RuntimeDataSourceRegistration } from '@grafana/runtime';

export interface HostedDatasource {
  settings: DataSourceInstanceSettings;
  instance: DataSourceApi;
}

function refKey(ref?: DataSourceRef | string | null): string | undefined {
  if (ref === null || ref === undefined) {
    return undefined;
  }
  return typeof ref === 'string' ? ref : ref.uid;
}

export class HostDataSourceSrv implements DataSourceSrv {
  constructor(private readonly datasources: HostedDatasource[]) {}

  private find(ref?: DataSourceRef | string | null): HostedDatasource | undefined {
    const key = refKey(ref);
    if (key === undefined) {
      // Grafana falls back to the default datasource; the host's only one is the default.
      return this.datasources[0];
    }
    return this.datasources.find((d) => d.settings.uid === key || d.settings.name === key);
  }

  get(ref?: DataSourceRef | string | null): Promise<DataSourceApi> {
    const found = this.find(ref);
    return found ? Promise.resolve(found.instance) : Promise.reject(new Error(`Datasource ${String(refKey(ref))} was not found`));
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    return this.datasources
      .map((d) => d.settings)
      .filter((s) => !filters.pluginId || s.type === filters.pluginId)
      .filter((s) => !filters.type || [filters.type].flat().includes(s.type))
      .filter((s) => !filters.metrics || s.meta.metrics)
      .filter((s) => !filters.annotations || s.meta.annotations)
      .filter((s) => !filters.filter || filters.filter(s));
  }

  getInstanceSettings(ref?: DataSourceRef | string | null): DataSourceInstanceSettings | undefined {
    return this.find(ref)?.settings;
  }

  reload(): Promise<void> {
    return Promise.resolve();
  }

  registerRuntimeDataSource(entry: RuntimeDataSourceRegistration): void {
    const { dataSource } = entry;
    this.datasources.push({ settings: dataSource.instanceSettings, instance: dataSource });
  }
}
