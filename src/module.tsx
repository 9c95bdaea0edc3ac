import { AppPlugin } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';
import { lazy, Suspense } from 'react';
import { type AppConfigProps } from './components/AppConfig/AppConfig';
import { type AppSettings } from './components/App/appSettings';
import { startPageChunk } from './components/App/pageChunks';

const LazyApp = lazy(() => {
  startPageChunk(window.location.pathname);
  return import('./components/App/App');
});
const LazyAppConfig = lazy(() => import('./components/AppConfig/AppConfig'));

// Grafana wraps the root page in Suspense itself; the config page it does not (create-plugin best practice).
function AppConfig(props: AppConfigProps) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading configuration…" />}>
      <LazyAppConfig {...props} />
    </Suspense>
  );
}

export const plugin = new AppPlugin<AppSettings>()
  .setRootPage(LazyApp)
  .addConfigPage({ title: 'Configuration', icon: 'cog', body: AppConfig, id: 'configuration' });
