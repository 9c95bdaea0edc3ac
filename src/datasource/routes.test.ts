import { ADMIN_ROLE_HEADER, ADMIN_ROUTE, READ_ROUTE, WRITE_ROLE_HEADER, WRITE_ROUTE } from '@opsdeck/contract';
import pluginJson from './plugin.json';

// The client builds URLs from the contract's route names; Grafana's proxy matches them against plugin.json.
describe('contract route names', () => {
  const routes = Object.fromEntries(pluginJson.routes.map((r) => [r.path, r]));

  it('exist in src/datasource/plugin.json with the roles the gateway relies on', () => {
    expect(Object.keys(routes).sort()).toEqual([READ_ROUTE, WRITE_ROUTE, ADMIN_ROUTE].sort());
    expect(routes[READ_ROUTE].reqRole).toBe('Viewer');
    expect(routes[WRITE_ROUTE].reqRole).toBe('Editor');
    expect(routes[ADMIN_ROUTE].reqRole).toBe('Admin');
  });

  it('are not prefixes of each other (the proxy takes the first prefix match)', () => {
    const names = [READ_ROUTE, WRITE_ROUTE, ADMIN_ROUTE];
    for (const a of names) {
      for (const b of names) {
        if (a !== b) expect([a, b, a.startsWith(b)]).toEqual([a, b, false]);
      }
    }
  });

  it('inject the write header only on the write route', () => {
    const headerNames = (path: string) => routes[path].headers.map((h) => h.name);
    expect(headerNames(WRITE_ROUTE)).toContain(WRITE_ROLE_HEADER);
    expect(headerNames(READ_ROUTE)).not.toContain(WRITE_ROLE_HEADER);
  });

  it('inject the admin header only on the Admin route, which is also a write route', () => {
    const headerNames = (path: string) => routes[path].headers.map((h) => h.name);
    expect(headerNames(ADMIN_ROUTE)).toEqual(expect.arrayContaining([WRITE_ROLE_HEADER, ADMIN_ROLE_HEADER]));
    expect(headerNames(READ_ROUTE)).not.toContain(ADMIN_ROLE_HEADER);
    expect(headerNames(WRITE_ROUTE)).not.toContain(ADMIN_ROLE_HEADER);
  });
});
