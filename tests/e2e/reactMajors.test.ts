/**
 * The built plugins on each React that Grafana hands them: 18 (Grafana 12.x to 13.1) and 19 (Grafana 13.2 and
 * later). Per major: every page the app declares shows demo data from a real gateway without a console error, a
 * panel query through the datasource returns what the gateway answers, and an Editor acknowledges an alert.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import { ROUTES } from '@/constants';
import {
  MAINTENANCE_PATH,
  ONCALL_PATH,
  type Alert,
  type AlertDetailResponse,
  type IncidentListResponse,
  type MaintenanceWindow,
  type OnCallResponse,
  type ServicesResponse,
} from '@opsdeck/contract';
import { REACT_MAJORS } from '../host/clientBundle';
import { postAlertmanagerAlert, WEBHOOK_TOKEN } from './support/alerts';
import { appUrl, byTestId } from './support/app';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { useBrowserStack } from './support/fixture';
import { gatewayJson, gatewayQuery, gatewayWrite, startStack, type Stack } from './support/stack';

const HOUR = 3_600_000;

interface PageInclude {
  type: string;
  name: string;
  path: string;
}

/**
 * The pages the built app puts in Grafana's nav; the Configuration include is the plugin's config page. Read from
 * the build the host serves: $OPSDECK_TEST_DIST, else dist/ (as startHost chooses).
 */
const appPages = (
  JSON.parse(readFileSync(join(process.env.OPSDECK_TEST_DIST ?? join(__dirname, '../../dist'), 'plugin.json'), 'utf8'))
    .includes as PageInclude[]
).filter((inc) => inc.type === 'page' && inc.path.startsWith('/a/'));

/** What the gateway holds, so each page is checked for this data rather than for a frame around nothing. */
interface DemoFacts {
  services: string[];
  alert: Alert;
  incidentId: string;
  policyId: string;
  maintenanceWindowId: string;
}

/** Per page: the query string to open it with, and the elements that appear only once the gateway's data is drawn. */
const pageChecks: Record<string, { query?: (facts: DemoFacts) => string; shows: (facts: DemoFacts) => string[] }> = {
  Overview: {
    shows: (f) =>
      f.services.map((s) => `${byTestId(testIds.overview.fleet)} ${byTestId(testIds.overview.serviceRow(s))}`),
  },
  // Grouped by alertname and service by default: the alert's group is drawn.
  Alerts: {
    query: () => '?source=alertmanager',
    shows: (f) => [byTestId(testIds.alerts.group(`${f.alert.labels.alertname} · ${f.alert.service}`))],
  },
  Incidents: {
    query: (f) => `?incident=${encodeURIComponent(f.incidentId)}`,
    shows: () => [byTestId(testIds.incidents.timeline)],
  },
  'On-call': { shows: (f) => [byTestId(testIds.onCall.demoBadge), byTestId(testIds.onCall.policy(f.policyId))] },
  Deployments: { shows: (f) => [byTestId(testIds.deployments.currentVersion(f.services[0]))] },
  Maintenance: { shows: (f) => [byTestId(testIds.maintenance.window(f.maintenanceWindowId))] },
  // 30 days of backfilled demo incidents: the table has rows.
  Reliability: {
    shows: () => [byTestId(testIds.reliability.tiles), `${byTestId(testIds.reliability.table)} tbody tr`],
  },
  // The week's report for the whole fleet: a service's SLO row and the incidents section are drawn.
  Report: {
    shows: () => [`${byTestId(testIds.report.section('slo'))} tbody tr`, byTestId(testIds.report.section('incidents'))],
  },
  Services: { shows: (f) => f.services.map((s) => byTestId(testIds.services.row(s))) },
  Wall: { query: () => '?rotate=0', shows: (f) => f.services.map((s) => byTestId(testIds.wall.tile(s))) },
  // Bundled into the plugin, no gateway data: the index with a section per catalog service.
  Playbooks: { shows: (f) => f.services.map((s) => `${byTestId(testIds.playbooks.doc)} [id="${s}"]`) },
};

async function demoFacts(stack: Stack): Promise<DemoFacts> {
  const catalog = await gatewayJson<ServicesResponse>(stack, 'GET', '/api/services');
  const { incidents } = await gatewayJson<IncidentListResponse>(stack, 'GET', '/api/incidents?status=resolved&limit=1');
  const roster = await gatewayJson<OnCallResponse>(stack, 'GET', ONCALL_PATH);
  const alert = await postAlertmanagerAlert(stack, {
    alertname: 'ReactMajorCheckout',
    service: 'checkout-api',
    severity: 'critical',
    summary: 'E2E checkout errors, React major check',
  });
  // Another service than the alert's: a window suppresses its services' alerts, which the Alerts page then hides.
  const quietService = catalog.services.map((s) => s.name).find((name) => name !== alert.service);
  if (!incidents[0] || !roster.policies[0] || !quietService) {
    throw new Error('the demo gateway should have two services, a resolved incident and an escalation policy');
  }
  const maintenance = await gatewayWrite<MaintenanceWindow>(
    stack,
    MAINTENANCE_PATH,
    { services: [quietService], reason: 'E2E React major check', endsAt: Date.now() + HOUR },
    'erin'
  );
  return {
    services: catalog.services.map((s) => s.name),
    alert,
    incidentId: incidents[0].id,
    policyId: roster.policies[0].id,
    maintenanceWindowId: maintenance.id,
  };
}

describe.each(REACT_MAJORS)('the plugins on React %i', (major) => {
  // The first run per major also bundles the host for that React.
  const e2e = useBrowserStack(
    () =>
      startStack({
        role: 'Editor',
        user: 'erin',
        reactMajor: major,
        gateway: { webhooks: { webhookToken: WEBHOOK_TOKEN } },
      }),
    90_000
  );
  let facts: DemoFacts;

  beforeAll(async () => {
    facts = await demoFacts(e2e.stack);
  }, 30_000);

  async function withPage(run: (page: Page, errors: string[]) => Promise<void>): Promise<void> {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      await run(page, errors);
    } finally {
      await page.close();
    }
  }

  it('declares a data check for every app page', () => {
    expect(appPages.map((p) => p.name).sort()).toEqual(Object.keys(pageChecks).sort());
  });

  it.each(appPages.map((p) => [p.name, p.path]))(
    'shows %s (%s) with demo data and no console error',
    async (name, path) => {
      const check = pageChecks[name];
      await withPage(async (page, errors) => {
        await page.goto(`${e2e.stack.host.url}${path}${check.query?.(facts) ?? ''}`, { timeout: WAIT_MS });
        for (const selector of check.shows(facts)) {
          await page
            .locator(selector)
            .first()
            .waitFor({ timeout: WAIT_MS })
            .catch(async (err: Error) => {
              // What the page said is the diagnosis (a plugin that cannot run on this React fails to load or render).
              const said = [...errors, (await page.locator('body').innerText()).slice(0, 500)].join('\n');
              throw new Error(`${err.message}\n${said}`);
            });
        }
        // The page really ran on the React this suite is for, not on the root package's copy.
        expect(await page.evaluate(() => window.__opsdeckHostReact)).toMatch(new RegExp(`^${major}\\.`));
        expect(await page.locator(byTestId('host boot error')).count()).toBe(0);
        expect(e2e.stack.host.unhandledApiCalls()).toEqual([]);
        expect(errors).toEqual([]);
      });
    },
    60_000
  );

  it('answers a panel query through the datasource with what the gateway answers', async () => {
    await withPage(async (page, errors) => {
      await page.goto(`${e2e.stack.host.url}${appPages[0].path}`, { timeout: WAIT_MS });
      await page.waitForFunction(() => window.__opsdeck !== undefined, undefined, { timeout: WAIT_MS });
      const service = facts.services[0];
      const to = Date.now();
      const range = { from: to - HOUR, to };
      const query = { refId: 'M', queryType: 'service_metric' as const, service, metric: 'latency_p99' as const };
      const result = await page.evaluate(({ query, range }) => window.__opsdeck!.runQuery([query], range), {
        query,
        range,
      });
      const direct = await gatewayQuery(e2e.stack, { range, intervalMs: 60_000, maxDataPoints: 500, queries: [query] });
      const directFrames = direct.results.M?.frames ?? [];
      expect(result.errors).toEqual([]);
      expect(directFrames.length).toBeGreaterThan(0);
      expect(result.frames.map((f) => f.fields.map((fl) => fl.values))).toEqual(directFrames.map((f) => f.data.values));
      expect(errors).toEqual([]);
    });
  }, 60_000);

  it('acknowledges an alert as an Editor, stored by the gateway', async () => {
    await withPage(async (page, errors) => {
      await page.goto(
        `${e2e.stack.host.url}${appUrl(ROUTES.Alerts, '?source=alertmanager&service=checkout-api&group=none')}`,
        {
          timeout: WAIT_MS,
        }
      );
      // Grafana's Checkbox draws a span over the (visually hidden) input, as a label does.
      await page.locator(byTestId(testIds.alerts.rowSelect(facts.alert.id))).check({ force: true, timeout: WAIT_MS });
      await page.locator(byTestId(testIds.alerts.bulkAcknowledge)).click();
      await page
        .locator(`${byTestId(testIds.alerts.rowStatus(facts.alert.id))}[data-status="acknowledged"]`)
        .waitFor({ timeout: WAIT_MS });
      const stored = await gatewayJson<AlertDetailResponse>(
        e2e.stack,
        'GET',
        `/api/alerts/${encodeURIComponent(facts.alert.id)}`
      );
      expect(stored.alert.status).toBe('acknowledged');
      expect(errors).toEqual([]);
    });
  }, 60_000);
});
