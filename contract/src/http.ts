/**
 * The HTTP agreement between the datasource's plugin.json routes and the gateway. The route paths are declared in
 * src/datasource/plugin.json; these constants must match it (a unit test checks they do).
 */
/** Read route (reqRole Viewer): `<proxy url>/read/api/...` reaches `<gatewayUrl>/api/...`. */
export const READ_ROUTE = 'read';
/** Write route (reqRole Editor): `<proxy url>/write/api/...` reaches `<gatewayUrl>/api/...` with the role header. */
export const WRITE_ROUTE = 'write';
/**
 * Header that only the Editor-gated write route injects. The gateway refuses write endpoints without it; its value
 * is the route's own secret (the api token), so a Viewer cannot forge it by sending the header through the read route.
 */
export const WRITE_ROLE_HEADER = 'X-Opsdeck-Write';
/**
 * Admin route (reqRole Admin): like `write`, plus the admin header. Used for rollbacks when the gateway is configured
 * to allow them to Admins only. Named so it is neither a prefix of `read`/`write` nor prefixed by them.
 */
export const ADMIN_ROUTE = 'admin';
/** Header only the Admin-gated `admin` route injects; its value is the api token, like the write header. */
export const ADMIN_ROLE_HEADER = 'X-Opsdeck-Admin';
/** Grafana's data proxy forwards the signed-in user's login when GF_DATAPROXY_SEND_USER_HEADER=true. */
export const GRAFANA_USER_HEADER = 'X-Grafana-User';
// Route paths must not be prefixes of each other: Grafana's data proxy takes the first route whose path prefixes
// the request path, so a route "gateway" would swallow "gateway-write/...".
