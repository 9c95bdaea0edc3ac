import { READ_ROUTE, WRITE_ROLE_HEADER, WRITE_ROUTE } from '@/contract';
import pluginJson from './plugin.json';

// The client builds URLs from the contract's route names; Grafana's proxy matches them against plugin.json.
describe('contract route names', () => {
  const routes = Object.fromEntries(pluginJson.routes.map((r) => [r.path, r]));

  it('exist in src/datasource/plugin.json with the roles the gateway relies on', () => {
    expect(Object.keys(routes).sort()).toEqual([READ_ROUTE, WRITE_ROUTE].sort());
    expect(routes[READ_ROUTE].reqRole).toBe('Viewer');
    expect(routes[WRITE_ROUTE].reqRole).toBe('Editor');
  });

  it('are not prefixes of each other (the proxy takes the first prefix match)', () => {
    expect(READ_ROUTE.startsWith(WRITE_ROUTE) || WRITE_ROUTE.startsWith(READ_ROUTE)).toBe(false);
  });

  it('inject the write header only on the write route', () => {
    const headerNames = (path: string) => routes[path].headers.map((h) => h.name);
    expect(headerNames(WRITE_ROUTE)).toContain(WRITE_ROLE_HEADER);
    expect(headerNames(READ_ROUTE)).not.toContain(WRITE_ROLE_HEADER);
  });
});
