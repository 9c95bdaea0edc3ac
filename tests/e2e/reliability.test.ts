/**
 * The Reliability page and the Service page's reliability section, built plugins in the test host, real gateway in
 * demo mode (30 days of backfilled demo incidents): the tiles and the table say what GET /api/reliability answers,
 * worst first; a filtered view shows the gateway's answer to the same query; a service's own section agrees with
 * the gateway; both themes at 375 px and 1920 px without sideways scrolling or serious axe violations.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
// The formatter's own module: the format index pulls in @grafana/data, which needs a window.
import { formatDuration } from '@/components/format/duration';
import { testIds } from '@/components/testIds';
import { reliabilityPageUrl, ROUTES, servicePageUrl } from '@/constants';
import { RELIABILITY_PATH, type ReliabilityResponse, type ReliabilityRow } from '@opsdeck/contract';
import { appUrl, byTestId } from './support/app';
import { horizontalOverflow, seriousAxeViolations } from './support/axe';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { useBrowserStack } from './support/fixture';
import { gatewayJson, startStack } from './support/stack';

const SCREENSHOTS = join(__dirname, '../../tests/artifacts/screenshots');
const VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1920, height: 1080 },
] as const;

async function openReliability(page: Page, hostUrl: string, query = ''): Promise<void> {
  await page.goto(`${hostUrl}${appUrl(ROUTES.Reliability, query)}`, { timeout: WAIT_MS });
  await page.locator(byTestId(testIds.reliability.tiles)).waitFor({ timeout: WAIT_MS });
  await page.locator(byTestId(testIds.reliability.table)).waitFor({ timeout: WAIT_MS });
}

const text = async (page: Page, id: string) => (await page.locator(byTestId(id)).textContent())?.trim();

/** What the row's cells must say, written with the page's own formatter from the gateway's figures. */
function expectedCells(row: ReliabilityRow): Record<string, string> {
  const { current } = row;
  return {
    mtta_mean: formatDuration(current.mtta?.mean),
    mtta_p90: formatDuration(current.mtta?.p90),
    mttr_mean: formatDuration(current.mttr?.mean),
    mttr_median: formatDuration(current.mttr?.median),
    mttr_p90: formatDuration(current.mttr?.p90),
    mtbf_mean: formatDuration(current.mtbf?.mean),
    mtbf_median: formatDuration(current.mtbf?.median),
  };
}

async function shownCells(page: Page, key: string): Promise<Record<string, string>> {
  const cells: Record<string, string> = {};
  for (const column of Object.keys(
    expectedCells({ key, current: { incidents: 0, inMaintenance: 0 } } as ReliabilityRow)
  )) {
    cells[column] = (await text(page, testIds.reliability.cell(key, column))) ?? '';
  }
  return cells;
}

describe('Reliability page on the test host', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer', theme: 'dark' }));
  let report: ReliabilityResponse;
  /** The worst service with resolved incidents: the one compared figure by figure. */
  let service: ReliabilityRow;

  beforeAll(async () => {
    report = await gatewayJson<ReliabilityResponse>(e2e.stack, 'GET', RELIABILITY_PATH);
    const resolved = report.rows.find((r) => r.key !== '' && r.current.mttr !== undefined);
    if (!resolved || !report.fleet.current.mttr) {
      throw new Error('the demo gateway should have resolved incidents in the last 30 days');
    }
    service = resolved;
  }, 30_000);

  it('shows the fleet tiles and the rows worst first, as GET /api/reliability answers them', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = recordPageErrors(page);
    try {
      await openReliability(page, e2e.stack.host.url);
      const { fleet } = report;
      expect(await text(page, testIds.reliability.tileValue('mtta'))).toBe(formatDuration(fleet.current.mtta?.mean));
      expect(await text(page, testIds.reliability.tileValue('mttr'))).toBe(formatDuration(fleet.current.mttr?.mean));
      expect(await text(page, testIds.reliability.tileValue('mttrP90'))).toBe(formatDuration(fleet.current.mttr?.p90));
      expect(await text(page, testIds.reliability.tileValue('mtbf'))).toBe(formatDuration(fleet.current.mtbf?.mean));
      expect(await text(page, testIds.reliability.tileCount('mttr'))).toContain(
        `from ${fleet.current.mttr?.count ?? 0}`
      );

      const shownKeys = await page
        .locator(`${byTestId(testIds.reliability.table)} tbody tr`)
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')));
      expect(shownKeys).toEqual(report.rows.map((r) => testIds.reliability.row(r.key)));
      expect(await shownCells(page, service.key)).toEqual(expectedCells(service));
      expect(await text(page, testIds.reliability.cell(service.key, 'incidents'))).toMatch(
        new RegExp(`^${service.current.incidents}\\b`)
      );
      await expect(page.locator(byTestId(testIds.reliability.demoBadge)).isVisible()).resolves.toBe(true);

      // Keyboard: Tab reaches the worst service's link, and Enter follows it to the Service page.
      const link = page.locator(byTestId(testIds.reliability.rowLink(report.rows[0].key)));
      let focused = false;
      for (let i = 0; i < 60 && !focused; i++) {
        await page.keyboard.press('Tab');
        focused = await link.evaluate((el) => el === document.activeElement);
      }
      expect(focused).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**${servicePageUrl(report.rows[0].key)}`, { timeout: WAIT_MS });
      await page.locator(byTestId(testIds.reliability.service)).waitFor({ timeout: WAIT_MS });
      expect(e2e.stack.host.unhandledApiCalls()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('shows for a filtered view exactly what the gateway answers to the same query', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      const asked = page.waitForRequest((r) => r.url().includes(`${RELIABILITY_PATH}?`) && r.url().includes('team'), {
        timeout: WAIT_MS,
      });
      await openReliability(page, e2e.stack.host.url, '?period=7d&groupBy=severity&team=payments');
      const url = new URL((await asked).url());
      expect(Object.fromEntries(url.searchParams)).toEqual({
        groupBy: 'severity',
        team: 'payments',
        from: expect.stringMatching(/^\d+$/),
      });
      const direct = await gatewayJson<ReliabilityResponse>(e2e.stack, 'GET', `${RELIABILITY_PATH}${url.search}`);
      expect(direct.groupBy).toBe('severity');
      const shownKeys = await page
        .locator(`${byTestId(testIds.reliability.table)} tbody tr`)
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')));
      expect(shownKeys).toEqual(direct.rows.map((r) => testIds.reliability.row(r.key)));
      for (const row of direct.rows) {
        expect({ key: row.key, cells: await shownCells(page, row.key) }).toEqual({
          key: row.key,
          cells: expectedCells(row),
        });
      }
      expect(await text(page, testIds.reliability.tileValue('mttr'))).toBe(
        formatDuration(direct.fleet.current.mttr?.mean)
      );
      expect(await text(page, testIds.reliability.range)).toContain('against the 7 days before');
      // The 7 days before are backfilled too, so there is a trend: longer MTTR is worse, longer MTBF better.
      const tone = (delta: number | undefined, ratio: number | undefined, longerIsBetter: boolean) => {
        if (delta === undefined) return 'unknown';
        if (delta === 0 || (ratio !== undefined && Math.round(ratio * 100) === 0)) return 'same';
        return delta > 0 === longerIsBetter ? 'better' : 'worse';
      };
      const { mttr, mtbf } = direct.fleet.trend;
      await expect(page.locator(byTestId(testIds.reliability.trend('mttr'))).getAttribute('data-tone')).resolves.toBe(
        tone(mttr?.delta, mttr?.ratio, false)
      );
      await expect(page.locator(byTestId(testIds.reliability.trend('mtbf'))).getAttribute('data-tone')).resolves.toBe(
        tone(mtbf?.delta, mtbf?.ratio, true)
      );
      expect(mttr).toBeDefined();
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("shows a service's own figures on its Service page, linking to the Reliability page filtered to it", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      const own = await gatewayJson<ReliabilityResponse>(
        e2e.stack,
        'GET',
        `${RELIABILITY_PATH}?service=${encodeURIComponent(service.key)}`
      );
      await page.goto(`${e2e.stack.host.url}${servicePageUrl(service.key)}`, { timeout: WAIT_MS });
      const section = page.locator(byTestId(testIds.reliability.service));
      await section.locator(byTestId(testIds.reliability.serviceFigure('mttr'))).waitFor({ timeout: WAIT_MS });
      for (const kind of ['mtta', 'mttr', 'mtbf'] as const) {
        expect({ kind, shows: await text(page, testIds.reliability.serviceFigureValue(kind)) }).toEqual({
          kind,
          shows: formatDuration(own.fleet.current[kind]?.mean),
        });
        expect(await text(page, testIds.reliability.serviceFigure(kind))).toContain(
          `from ${own.fleet.current[kind]?.count ?? 0}`
        );
      }
      await page.locator(byTestId(testIds.reliability.serviceLink)).click();
      await page.waitForURL(`**${reliabilityPageUrl({ service: service.key })}`, { timeout: WAIT_MS });
      await page.locator(byTestId(testIds.reliability.row(service.key))).waitFor({ timeout: WAIT_MS });
      expect(await text(page, testIds.reliability.tileValue('mttr'))).toBe(
        formatDuration(own.fleet.current.mttr?.mean)
      );
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe.each(['dark', 'light'] as const)('Reliability page layout, %s theme', (theme) => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer', theme }));

  beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

  it.each(VIEWPORTS)(
    'fits $width×$height without sideways scrolling and passes axe',
    async (viewport) => {
      const page = await e2e.browser.newPage({ viewport });
      const errors = recordPageErrors(page);
      try {
        await openReliability(page, e2e.stack.host.url);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await page.screenshot({
          path: join(SCREENSHOTS, `reliability-${theme}-${viewport.width}.png`),
          fullPage: true,
        });
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    90_000
  );
});
