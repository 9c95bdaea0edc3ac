/** Grafana's basic org roles, weakest first: a route's reqRole is met by that role or any stronger one. */
export const ORG_ROLES = ['Viewer', 'Editor', 'Admin'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export function isOrgRole(value: unknown): value is OrgRole {
  return typeof value === 'string' && (ORG_ROLES as readonly string[]).includes(value);
}

export function hasRole(signedIn: OrgRole, required: OrgRole): boolean {
  return ORG_ROLES.indexOf(signedIn) >= ORG_ROLES.indexOf(required);
}
