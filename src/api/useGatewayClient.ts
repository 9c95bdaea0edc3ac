import { type DataSourceInstanceSettings, usePluginContext } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { useMemo } from 'react';
import { type AppSettings } from '@/components/App/appSettings';
import { DATASOURCE_TYPE } from '@/constants';
import { GatewayClient, type GatewayFetch, proxyUrlForDatasource } from './GatewayClient';
import { grafanaFetch } from './grafanaFetch';

/** What the app pages need to talk to the gateway, or why they cannot. */
export type GatewayConnection =
  | { state: 'ready'; client: GatewayClient; datasource: { uid: string; name: string } }
  | { state: 'no-datasource'; message: string }
  | { state: 'datasource-not-found'; message: string };

type DatasourceLister = {
  getList(filters: { type: string }): DataSourceInstanceSettings[];
};

/**
 * The app has no URL or token of its own: it goes through an Opsdeck datasource's data proxy, so there is one
 * place to configure the gateway and Grafana's role checks on the routes apply to the pages too.
 */
export function resolveGatewayConnection(
  datasourceUid: string | undefined,
  fetcher: GatewayFetch = grafanaFetch,
  datasources: DatasourceLister = getDataSourceSrv()
): GatewayConnection {
  const candidates = datasources.getList({ type: DATASOURCE_TYPE });
  const chosen = datasourceUid ? candidates.find((ds) => ds.uid === datasourceUid) : candidates[0];
  if (!chosen) {
    if (datasourceUid) {
      return {
        state: 'datasource-not-found',
        message: `The app is set to use the Opsdeck datasource with uid "${datasourceUid}", but there is no such datasource. Choose another one in the app configuration.`,
      };
    }
    return {
      state: 'no-datasource',
      message:
        'No Opsdeck datasource configured. Add an "Opsdeck SRE gateway" datasource with the gateway URL and API token.',
    };
  }
  return {
    state: 'ready',
    client: new GatewayClient(proxyUrlForDatasource(chosen.uid), fetcher),
    datasource: { uid: chosen.uid, name: chosen.name },
  };
}

/** The gateway connection for the app page being rendered (reads the app's jsonData from the plugin context). */
export function useGatewayClient(): GatewayConnection {
  // Grafana 12.0's usePluginContext has no type parameter for jsonData; the cast compiles against 12.0 and 13.
  const jsonData = usePluginContext()?.meta.jsonData as AppSettings | undefined;
  const datasourceUid = jsonData?.datasourceUid;
  return useMemo(() => resolveGatewayConnection(datasourceUid), [datasourceUid]);
}
