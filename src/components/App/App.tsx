import { type AppRootProps, PluginContextProvider } from '@grafana/data';
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { prefixRoute, ROUTES } from '@/constants';
import { type AppSettings } from './appSettings';
import { PAGE_CHUNKS } from './pageChunks';

const Overview = lazy(PAGE_CHUNKS[ROUTES.Overview]);
const Services = lazy(PAGE_CHUNKS[ROUTES.Services]);
const Alerts = lazy(PAGE_CHUNKS[ROUTES.Alerts]);
const Incidents = lazy(PAGE_CHUNKS[ROUTES.Incidents]);
const OnCall = lazy(PAGE_CHUNKS[ROUTES.OnCall]);
const Deployments = lazy(PAGE_CHUNKS[ROUTES.Deployments]);
const Reliability = lazy(PAGE_CHUNKS[ROUTES.Reliability]);
const Report = lazy(PAGE_CHUNKS[ROUTES.Report]);
const Maintenance = lazy(PAGE_CHUNKS[ROUTES.Maintenance]);
const Wall = lazy(PAGE_CHUNKS[ROUTES.Wall]);
const Playbooks = lazy(PAGE_CHUNKS[ROUTES.Playbooks]);

/** Only pages that work with real data are routed; any other path lands on the overview. */
function App(props: AppRootProps<AppSettings>) {
  return (
    // Grafana provides this context too; providing it here keeps pages independent of how they are mounted.
    <PluginContextProvider meta={props.meta}>
      <Routes>
        <Route path={`${ROUTES.Overview}/*`} element={<Overview />} />
        <Route path={`${ROUTES.Services}/*`} element={<Services />} />
        <Route path={`${ROUTES.Alerts}/*`} element={<Alerts />} />
        <Route path={`${ROUTES.Incidents}/*`} element={<Incidents />} />
        <Route path={`${ROUTES.OnCall}/*`} element={<OnCall />} />
        <Route path={`${ROUTES.Deployments}/*`} element={<Deployments />} />
        <Route path={`${ROUTES.Reliability}/*`} element={<Reliability />} />
        <Route path={`${ROUTES.Report}/*`} element={<Report />} />
        <Route path={`${ROUTES.Maintenance}/*`} element={<Maintenance />} />
        <Route path={`${ROUTES.Wall}/*`} element={<Wall />} />
        <Route path={`${ROUTES.Playbooks}/*`} element={<Playbooks />} />
        <Route path="*" element={<Navigate to={prefixRoute(ROUTES.Overview)} replace />} />
      </Routes>
    </PluginContextProvider>
  );
}

export default App;
