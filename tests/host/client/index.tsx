/**
 * The host page's client: registers Grafana's shared libraries for AMD plugin modules, sets up the @grafana/runtime
 * services our plugins use, loads the built datasource and app modules from dist/ and renders the app's root page
 * the way Grafana's AppRootPage does.
 */
import {
  type AppPlugin,
  type AppPluginMeta,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type DataSourcePlugin,
  type DataSourcePluginMeta,
  type NavModel,
  ThemeContext,
  urlUtil,
} from '@grafana/data';
import { config, getBackendSrv, setBackendSrv, setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';
import { ErrorBoundaryAlert, GlobalStyles, LoadingPlaceholder } from '@grafana/ui';
import { setPluginPage } from 'host:plugin-page-slot';
import { Suspense, useState, version as reactVersion } from 'react';
import { createRoot } from 'react-dom/client';
import { Route, Routes, useLocation } from 'react-router-dom';
import type { HostPageConfig, HostedDatasourceConfig } from '../pageConfig';
import { importPluginModule, installDefine } from './amd';
import { FetchBackendSrv } from './backendSrv';
import { HostDataSourceSrv, type HostedDatasource } from './dataSourceSrv';
import { registerGrafanaExternals } from './externals';
import { HostPluginPage, PageTitleContext } from './HostPluginPage';
import { LocationServiceRouter } from './LocationServiceRouter';
import { createPageHook, type OpsdeckPageHook } from './pageHook';
import { ScopedVarsTemplateSrv } from './templateSrv';

declare global {
  interface Window {
    __opsdeckHost: HostPageConfig;
    __opsdeck?: OpsdeckPageHook;
    __opsdeckHostError?: string;
    /** The React version the page hands to plugins, so a test can prove which major it ran on. */
    __opsdeckHostReact?: string;
  }
}

const HOST_READY_MARK = 'opsdeck-host:ready';

async function loadDatasource(ds: HostedDatasourceConfig): Promise<HostedDatasource> {
  const meta = await getBackendSrv().get<DataSourcePluginMeta>(`${ds.baseUrl}/plugin.json`);
  const fullMeta: DataSourcePluginMeta = { ...meta, baseUrl: ds.baseUrl, module: `${ds.baseUrl}/module.js` };
  const settings: DataSourceInstanceSettings = {
    id: 1,
    uid: ds.uid,
    type: ds.type,
    name: ds.name,
    meta: fullMeta,
    url: ds.url,
    jsonData: ds.jsonData,
    access: 'proxy',
    readOnly: true,
    isDefault: true,
  };
  const exported = (await importPluginModule(fullMeta.module)) as { plugin?: DataSourcePlugin<DataSourceApi> };
  if (!exported.plugin?.DataSourceClass) {
    throw new Error(`${fullMeta.module} does not export a DataSourcePlugin named "plugin"`);
  }
  // Grafana's datasource_srv: new DataSourceClass(instanceSettings), then attaches the plugin's components and meta.
  const instance = new exported.plugin.DataSourceClass(settings);
  instance.components = exported.plugin.components;
  instance.meta = fullMeta;
  return { settings, instance };
}

async function loadApp(host: HostPageConfig): Promise<{ plugin: AppPlugin; meta: AppPluginMeta }> {
  const meta = await getBackendSrv().get<AppPluginMeta>(`/api/plugins/${host.appId}/settings`);
  const exported = (await importPluginModule(meta.module)) as { plugin?: AppPlugin };
  if (!exported.plugin?.root) {
    throw new Error(`${meta.module} does not export an AppPlugin with a root page`);
  }
  exported.plugin.init(meta);
  exported.plugin.meta = meta;
  return { plugin: exported.plugin, meta };
}

/** The nav title Grafana shows for the current URL: the matching page include, else the app's name. */
function titleFor(meta: AppPluginMeta, pathname: string): string {
  const page = (meta.includes ?? []).find((inc) => inc.type === 'page' && inc.path && pathname.startsWith(inc.path));
  return page?.name ?? meta.name;
}

function AppRootPage({ plugin, meta, appId }: { plugin: AppPlugin; meta: AppPluginMeta; appId: string }) {
  const location = useLocation();
  const [nav, setNav] = useState<NavModel | undefined>();
  const query = urlUtil.getUrlSearchParams();
  const Root = plugin.root!;
  return (
    <PageTitleContext.Provider value={nav?.node.text ?? titleFor(meta, location.pathname)}>
      <ErrorBoundaryAlert style="page">
        <Suspense fallback={<LoadingPlaceholder text="Loading..." />}>
          <Root meta={meta} basename={`/a/${appId}`} path={location.pathname} query={query} onNavChanged={setNav} />
        </Suspense>
      </ErrorBoundaryAlert>
    </PageTitleContext.Provider>
  );
}

function showBootError(root: HTMLElement, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  window.__opsdeckHostError = message;
  root.textContent = `Test host could not start the plugins: ${message}`;
  root.setAttribute('data-testid', 'host boot error');
}

async function boot(): Promise<void> {
  const rootElement = document.getElementById('reactRoot')!;
  try {
    const host = window.__opsdeckHost;
    window.__opsdeckHostReact = reactVersion;
    registerGrafanaExternals();
    installDefine();
    setBackendSrv(new FetchBackendSrv());
    setTemplateSrv(new ScopedVarsTemplateSrv());
    setPluginPage(HostPluginPage);
    // Everything before this mark is the host's own start-up (its bundle of Grafana's libraries), not the plugins.
    performance.mark(HOST_READY_MARK);

    const datasources = await Promise.all(host.datasources.map(loadDatasource));
    setDataSourceSrv(new HostDataSourceSrv(datasources));
    if (datasources[0]) {
      window.__opsdeck = createPageHook(datasources[0].instance);
    }
    const { plugin, meta } = await loadApp(host);

    createRoot(rootElement).render(
      <ThemeContext.Provider value={config.theme2}>
        <GlobalStyles />
        <LocationServiceRouter>
          <Routes>
            <Route
              path={`/a/${host.appId}/*`}
              element={<AppRootPage plugin={plugin} meta={meta} appId={host.appId} />}
            />
          </Routes>
        </LocationServiceRouter>
      </ThemeContext.Provider>
    );
  } catch (err) {
    showBootError(rootElement, err);
  }
}

void boot();
