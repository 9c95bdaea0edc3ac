import { config } from '@grafana/runtime';

/**
 * Whether the signed-in user may act (acknowledge, save a post-mortem). Only a hint for hiding controls: Grafana's
 * data proxy enforces the write route's reqRole Editor whatever the page shows.
 */
export function canWrite(user: { orgRole?: string; isGrafanaAdmin?: boolean } = config.bootData?.user ?? {}): boolean {
  return user.orgRole === 'Editor' || user.orgRole === 'Admin' || user.isGrafanaAdmin === true;
}
