import { type ComponentType } from 'react';
import { PLUGIN_BASE_URL, ROUTES } from '@/constants';

type PageModule = Promise<{ default: ComponentType }>;

/** Each routed page's chunk, by route: App's lazy pages and the early start below share these imports. */
export const PAGE_CHUNKS: Record<ROUTES, () => PageModule> = {
  [ROUTES.Overview]: () => import('@/pages/Overview/OverviewPage'),
  [ROUTES.Services]: () => import('@/pages/Services/ServicesPage'),
  [ROUTES.Alerts]: () => import('@/pages/Alerts/AlertsPage'),
  [ROUTES.Incidents]: () => import('@/pages/Incidents/IncidentsPage'),
  [ROUTES.OnCall]: () => import('@/pages/OnCall/OnCallPage'),
  [ROUTES.Deployments]: () => import('@/pages/Deployments/DeploymentsPage'),
  [ROUTES.Reliability]: () => import('@/pages/Reliability/ReliabilityPage'),
  [ROUTES.Report]: () => import('@/pages/Report/ReportPage'),
  [ROUTES.Maintenance]: () => import('@/pages/Maintenance/MaintenancePage'),
  [ROUTES.Wall]: () => import('@/pages/Wall/WallPage'),
  [ROUTES.Playbooks]: () => import('@/pages/Playbooks/PlaybooksPage'),
};

/**
 * Starts loading the chunk of the page at `pathname` while the App chunk is still on its way, so a cold visit waits
 * for one round of chunks instead of two. Webpack keeps one promise per chunk, so the lazy page reuses this load.
 */
export function startPageChunk(pathname: string): void {
  const route = pageRouteOf(pathname);
  // A failure here is the lazy page's to report when it asks for the same chunk.
  route?.().catch(() => undefined);
}

/** The chunk of the app page a path shows, also under a Grafana sub path (/grafana/a/…); none outside the app. */
export function pageRouteOf(pathname: string): (() => PageModule) | undefined {
  const prefix = `${PLUGIN_BASE_URL}/`;
  const index = pathname.indexOf(prefix);
  if (index < 0) return undefined;
  const route = pathname.slice(index + prefix.length).split('/')[0] ?? '';
  return Object.hasOwn(PAGE_CHUNKS, route) ? PAGE_CHUNKS[route as ROUTES] : undefined;
}
