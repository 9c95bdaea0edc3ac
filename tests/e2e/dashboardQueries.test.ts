/**
 * Every panel query of every dashboard in dashboards/, run the way a Grafana panel runs it: through the loaded,
 * built datasource (variables interpolated by its template service, fields forwarded by its query()), Grafana's
 * data proxy route, and a real demo gateway. The gateway-side dashboards test proves the gateway answers each query;
 * this one proves the datasource sends it intact.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openOverview } from './support/overview';
import { startStack } from './support/stack';
import { useBrowserStack } from './support/fixture';

const dashboardsDir = path.resolve(__dirname, '../../dashboards');

interface Target {
  refId: string;
  queryType: string;
  [field: string]: unknown;
}

function panelTargets(): Array<{ name: string; target: Target }> {
  const found: Array<{ name: string; target: Target }> = [];
  for (const file of fs.readdirSync(dashboardsDir).filter((f) => f.endsWith('.json'))) {
    const dashboard = JSON.parse(fs.readFileSync(path.join(dashboardsDir, file), 'utf8'));
    const visit = (panels: Array<{ title?: string; targets?: Target[]; panels?: unknown[] }>) => {
      for (const panel of panels) {
        for (const target of panel.targets ?? []) {
          found.push({ name: `${file} "${panel.title}" ${target.refId}`, target });
        }
        visit((panel.panels ?? []) as typeof panels);
      }
    };
    visit(dashboard.panels ?? []);
  }
  return found;
}

// "All" for every dashboard variable, as a freshly opened dashboard has them.
const ALL = { text: 'All', value: '$__all' };
const scopedVars = { service: ALL, team: ALL, region: ALL, environment: ALL };

describe('dashboard panel queries through the loaded datasource', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer' }));
  let page: Page;

  beforeAll(async () => {
    page = await e2e.browser.newPage();
    await openOverview(page, e2e.stack.host.url);
  }, 60_000);

  const targets = panelTargets();

  it('finds the panels of every dashboard', () => {
    expect(targets.length).toBeGreaterThan(20);
  });

  it.each(targets.map((t) => [t.name, t.target] as const))(
    '%s answers frames',
    async (_name, target) => {
      const to = Date.now();
      const range = { from: to - 6 * 60 * 60 * 1000, to };
      const result = await page.evaluate(
        ({ target, range, scopedVars }) => window.__opsdeck!.runQuery([target], range, scopedVars),
        { target, range, scopedVars }
      );
      expect(result.errors).toEqual([]);
      expect(result.frames.length).toBeGreaterThan(0);
      expect(Math.max(...result.frames.map((f) => f.fields[0]?.values.length ?? 0))).toBeGreaterThan(0);
    },
    30_000
  );
});
