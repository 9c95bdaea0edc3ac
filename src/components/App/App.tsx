import { type AppRootProps, PluginContextProvider } from '@grafana/data';
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { prefixRoute, ROUTES } from '@/constants';
import { type AppSettings } from './appSettings';

const Overview = lazy(() => import('@/pages/Overview/OverviewPage'));
const Services = lazy(() => import('@/pages/Services/ServicesPage'));
const Alerts = lazy(() => import('@/pages/Alerts/AlertsPage'));
const Incidents = lazy(() => import('@/pages/Incidents/IncidentsPage'));
const OnCall = lazy(() => import('@/pages/OnCall/OnCallPage'));
const Deployments = lazy(() => import('@/pages/Deployments/DeploymentsPage'));
const Maintenance = lazy(() => import('@/pages/Maintenance/MaintenancePage'));
const Wall = lazy(() => import('@/pages/Wall/WallPage'));

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
        <Route path={`${ROUTES.Maintenance}/*`} element={<Maintenance />} />
        <Route path={`${ROUTES.Wall}/*`} element={<Wall />} />
        <Route path="*" element={<Navigate to={prefixRoute(ROUTES.Overview)} replace />} />
      </Routes>
    </PluginContextProvider>
  );
}

export default App;
