/**
 * The Report page, built plugins in the test host, real gateway in demo mode: the week's report shows what
 * GET /api/reports/sre answers; Print calls the browser's print; the download links name the same report; printed to
 * PDF by Chromium, the document keeps the report (title, every section, the gateway's figures) and leaves out the
 * controls; both themes at 375 px and 1920 px without sideways scrolling or serious axe violations.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
// The formatter's own module: the format index pulls in @grafana/data, which needs a window.
import { formatDuration } from '@/components/format/duration';
import { testIds } from '@/components/testIds';
import { ROUTES } from '@/constants';
import { reportTitle } from '@/pages/Report/reportText';
import { SRE_REPORT_PATH, type SreReport } from '@opsdeck/contract';
import { appUrl, byTestId } from './support/app';
import { horizontalOverflow, seriousAxeViolations } from './support/axe';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { useBrowserStack } from './support/fixture';
import { gatewayJson, startStack } from './support/stack';

const SCREENSHOTS = join(__dirname, '../../tests/artifacts/screenshots');
const PDFTOTEXT = '/usr/bin/pdftotext';
const VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1920, height: 1080 },
] as const;
const HEADINGS = ['SLOs', 'Incidents', 'Noisiest alert rules', 'Deploys and DORA', 'Cost', 'Notices'];

async function openReport(page: Page, hostUrl: string, query = ''): Promise<void> {
  await page.goto(`${hostUrl}${appUrl(ROUTES.Report, query)}`, { timeout: WAIT_MS });
  await page.locator(byTestId(testIds.report.document)).waitFor({ timeout: WAIT_MS });
}

const text = async (page: Page, id: string) => (await page.locator(byTestId(id)).textContent())?.trim();

/** As the page writes a cost (Overview's formatUsd): US dollars and cents. */
const usd = (value: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 }).format(value);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Report page on the test host', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer', theme: 'dark' }));
  let report: SreReport;
  let outDir: string;

  beforeAll(async () => {
    report = await gatewayJson<SreReport>(e2e.stack, 'GET', `${SRE_REPORT_PATH}?period=week`);
    if (report.slo.length === 0 || report.incidents.byService.length === 0) {
      throw new Error('the demo gateway should report objectives and incidents for the week');
    }
    outDir = mkdtempSync(join(tmpdir(), 'opsdeck-report-'));
  }, 30_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("shows the week's report as GET /api/reports/sre answers it, prints, and links the downloads", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    // Chromium's print dialog would block a headless page: count the calls instead.
    await page.addInitScript(() => {
      const w = window as unknown as { print: () => void; __printed: number };
      w.__printed = 0;
      w.print = () => {
        w.__printed += 1;
      };
    });
    try {
      const asked = page.waitForRequest((r) => r.url().includes(`${SRE_REPORT_PATH}?`), { timeout: WAIT_MS });
      await openReport(page, e2e.stack.host.url);
      expect(new URL((await asked).url()).search).toBe('?period=week');

      expect(await text(page, testIds.report.title)).toBe(reportTitle(report));
      const { current, previous, byService } = report.incidents;
      expect(await text(page, testIds.report.figure('incidents'))).toBe(String(current.incidents));
      expect(await text(page, testIds.report.figure('incidents_previous'))).toBe(String(previous.incidents));
      expect(await text(page, testIds.report.figure('mttr'))).toBe(formatDuration(current.mttr?.mean));
      expect(await text(page, testIds.report.figure('mtta'))).toBe(formatDuration(current.mtta?.mean));
      expect(await text(page, testIds.report.figure('deployments'))).toBe(String(report.deploys.current.deployments));
      const shownServices = await page
        .locator(`${byTestId(testIds.report.section('incidents'))} tbody tr[data-testid]`)
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')));
      expect(shownServices).toEqual(byService.map((r) => testIds.report.row('incidents', r.key || '(none)')));
      const worst = byService[0];
      expect(await text(page, testIds.report.cell('incidents', worst.key, 'mttr'))).toBe(
        formatDuration(worst.current.mttr?.mean)
      );
      const slo = report.slo[0];
      expect(await text(page, testIds.report.cell('slo', `${slo.service}/${slo.objective}`, 'service'))).toBe(
        slo.service
      );
      if (report.cost.total !== null) {
        expect(await text(page, testIds.report.figure('cost_total'))).toBe(usd(report.cost.total));
      }
      await expect(page.locator(byTestId(testIds.report.demo)).isVisible()).resolves.toBe(report.demo);

      await page.locator(byTestId(testIds.report.print)).click();
      expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);

      // The links name the same report, and the gateway answers them through the read route.
      for (const format of ['md', 'csv'] as const) {
        const href = await page.locator(byTestId(testIds.report.download(format))).getAttribute('href');
        expect(href).toBe(`/api/datasources/proxy/uid/opsdeck/read${SRE_REPORT_PATH}?period=week&format=${format}`);
        const answer = await page.evaluate(async (url) => {
          const resp = await fetch(url);
          return { status: resp.status, type: resp.headers.get('content-type'), body: await resp.text() };
        }, href ?? '');
        expect({ format, status: answer.status }).toEqual({ format, status: 200 });
        expect(answer.type).toContain(format === 'md' ? 'text/markdown' : 'text/csv');
        expect(answer.body.length).toBeGreaterThan(0);
      }
      expect(e2e.stack.host.unhandledApiCalls()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('asks for the month of one team when the URL says so', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      const team = (await gatewayJson<{ teams: string[] }>(e2e.stack, 'GET', '/api/services')).teams[0];
      const direct = await gatewayJson<SreReport>(
        e2e.stack,
        'GET',
        `${SRE_REPORT_PATH}?period=month&team=${encodeURIComponent(team)}`
      );
      await openReport(page, e2e.stack.host.url, `?period=month&team=${encodeURIComponent(team)}`);
      expect(await text(page, testIds.report.title)).toBe(reportTitle(direct));
      expect(await text(page, testIds.report.figure('incidents'))).toBe(String(direct.incidents.current.incidents));
      expect(await page.locator(byTestId(testIds.report.filter('team'))).inputValue()).toBe(team);
      expect(await page.locator(byTestId(testIds.report.download('csv'))).getAttribute('href')).toContain(
        `period=month&team=${encodeURIComponent(team)}&format=csv`
      );
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('prints to a PDF that holds the report and none of the controls', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      await openReport(page, e2e.stack.host.url);
      const file = join(outDir, 'report.pdf');
      await page.pdf({ path: file, format: 'A4' });
      // -layout keeps a table row on one line, so a service and its figures can be read together.
      const pdf = execFileSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' });
      const flat = pdf.replace(/\s+/g, ' ');

      expect(flat).toContain(reportTitle(report));
      for (const heading of HEADINGS) {
        expect({ heading, found: new RegExp(`^\\s*${escape(heading)}\\s*$`, 'm').test(pdf) }).toEqual({
          heading,
          found: true,
        });
      }
      const mttr = formatDuration(report.incidents.current.mttr?.mean);
      expect(pdf).toMatch(new RegExp(`MTTR \\(mean time to resolve\\)\\s+${escape(mttr)}`));
      const costed = report.cost.byService.find((c) => c.cost !== null);
      if (costed?.cost != null) {
        expect(pdf).toMatch(new RegExp(`${escape(costed.service)}\\s+${escape(usd(costed.cost))}`));
      }
      const worst = report.incidents.byService[0];
      expect(pdf).toMatch(
        new RegExp(
          `${escape(worst.key)}\\s+${worst.current.incidents}\\s+${escape(formatDuration(worst.current.mtta?.mean))}`
        )
      );
      // The print rules leave out Grafana's chrome (the page's subtitle), the filters and the buttons.
      for (const control of ['Print / Save as PDF', 'Whole fleet', 'Markdown', 'The weekly or monthly SRE report']) {
        expect({ control, printed: flat.includes(control) }).toEqual({ control, printed: false });
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);
});

describe.each(['dark', 'light'] as const)('Report page layout, %s theme', (theme) => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer', theme }));

  beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

  it.each(VIEWPORTS)(
    'fits $width×$height without sideways scrolling and passes axe',
    async (viewport) => {
      const page = await e2e.browser.newPage({ viewport });
      const errors = recordPageErrors(page);
      try {
        await openReport(page, e2e.stack.host.url);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SCREENSHOTS, `report-${theme}-${viewport.width}.png`), fullPage: true });
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    90_000
  );
});
