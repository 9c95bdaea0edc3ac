import { type GatewayError, toGatewayError } from '@/api';

/** Grafana org roles as in config.bootData.user.orgRole. */
export type OrgRole = 'Viewer' | 'Editor' | 'Admin' | 'None' | string;

/** Grafana refuses the write route below Editor, so Viewers are not offered the button at all. */
export function mayRollBack(role: OrgRole): boolean {
  return role === 'Editor' || role === 'Admin';
}

export const ADMIN_ONLY_MESSAGE =
  'This gateway lets only Grafana Admins start rollbacks (its rollback.adminOnly setting). Ask an Admin to run it.';

/**
 * One sentence for a refused rollback call. The data proxy answers 403 when the role is below the route's reqRole
 * and the gateway answers 403 when the role header is missing; 409 carries the gateway's reason (a rollback of the
 * service already running), which is shown as the gateway wrote it.
 */
export function explainRollbackError(err: unknown, role: OrgRole): string {
  const error: GatewayError = toGatewayError(err);
  if (error.status === 403) {
    return `Grafana refused the rollback for your role (${role}): rollbacks need the Editor role, or Admin where the gateway allows Admins only. ${error.message}`;
  }
  if (error.status === 409) {
    return error.message.replace(/^Opsdeck gateway error 409: /, 'Refused: ');
  }
  return error.message;
}
