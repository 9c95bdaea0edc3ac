/**
 * The Reliability page and the Service page's reliability sections, built plugins in the test host, real gateway in
 * demo mode (30 days of backfilled demo incidents and alerts): the tiles and the table say what GET /api/reliability
 * answers, worst first; the alert-fatigue and cost-efficiency tabs say what GET /api/alert-fatigue and
 * GET /api/cost-efficiency answer to the same query, with BarGauge charts drawn; the tab and filters round-trip
 * through the URL; a service's own sections agree with the gateway; both themes at 375, 390 and 1920 px without
 * sideways scrolling or serious axe violations, on every tab.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
// The formatter's own module: the format index pulls in @grafana/data, which needs a window.
import { formatDuration } from '@/components/format/duration';
import { testIds } from '@/components/testIds';
import { reliabilityPageUrl, ROUTES, servicePageUrl } from '@/constants';
import {
  ALERT_FATIGUE_PATH,
  type AlertFatigueResponse,
  COST_EFFICIENCY_PATH,
  type CostEfficiencyResponse,
  type FatigueFigures,
  RELIABILITY_PATH,
  type ReliabilityResponse,
  type ReliabilityRow,
} from '@opsdeck/contract';
import { appUrl, byTestId } from './support/app';
import { horizontalOverflow, seriousAxeViolations } from './support/axe';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { useBrowserStack } from './support/fixture';
import { gatewayJson, startStack } from './support/stack';

const TONE_OF_EFFICIENCY = { worse: 'worse', better: 'better', steady: 'same' } as const;

const SCREENSHOTS = join(__dirname, '../../tests/artifacts/screenshots');
const VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 390, height: 844 },
  { width: 1920, height: 1080 },
] as const;

async function openReliability(page: Page, hostUrl: string, query = ''): Promise<void> {
  await page.goto(`${hostUrl}${appUrl(ROUTES.Reliability, query)}`, { timeout: WAIT_MS });
  await page.locator(byTestId(testIds.reliability.tiles)).waitFor({ timeout: WAIT_MS });
  await page.locator(byTestId(testIds.reliability.table)).waitFor({ timeout: WAIT_MS });
}

const text = async (page: Page, id: string) => (await page.locator(byTestId(id)).textContent())?.trim();

/** @grafana/ui's BarGauge marks its value with this test id (@grafana/e2e-selectors). */
const BAR_GAUGE_VALUE = '[data-testid="data-testid Bar gauge value"]';
const barGauges = (page: Page, chart: string) =>
  page.locator(`${byTestId(testIds.reliability.chart(chart))} ${BAR_GAUGE_VALUE}`).count();

type Section = 'incidents' | 'fatigue' | 'cost';
/** What each tab shows once its figures are in (the demo fleet has alerts and costs, so never the empty state). */
const LOADED: Record<Section, string> = {
  incidents: testIds.reliability.table,
  fatigue: testIds.reliability.fatigue.teamTable,
  cost: testIds.reliability.cost.table,
};

async function openSection(page: Page, hostUrl: string, section: Section, query = ''): Promise<void> {
  const search = new URLSearchParams(query);
  if (section !== 'incidents') search.set('section', section);
  await page.goto(`${hostUrl}${appUrl(ROUTES.Reliability, search.toString() ? `?${search}` : '')}`, {
    timeout: WAIT_MS,
  });
  await page.locator(byTestId(LOADED[section])).waitFor({ timeout: WAIT_MS });
}

/** The page's order of teams: highest score, then most sleep-hour pages, then name. */
const worseFirst = <T>(items: T[], figures: (t: T) => FatigueFigures, name: (t: T) => string) =>
  [...items].sort(
    (a, b) =>
      figures(b).score.score - figures(a).score.score ||
      figures(b).interruptionsByHours.sleep - figures(a).interruptionsByHours.sleep ||
      name(a).localeCompare(name(b))
  );

/** formatPer1k without @grafana/data (which needs a window): dollars with up to four decimals. */
const per1k = (value: number | null) =>
  value === null
    ? '–'
    : new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency: 'USD',
        minimumFractionDigits: 2,
        maximumFractionDigits: 4,
      }).format(value);

const rowIds = (page: Page, table: string) =>
  page.locator(`${byTestId(table)} tbody tr`).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')));

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

  it('draws MTTR per row as bar gauges, worst first', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await openReliability(page, e2e.stack.host.url);
      expect(await barGauges(page, 'mttr')).toBe(report.rows.length);
      const bars = await page
        .locator(`${byTestId(testIds.reliability.chart('mttr'))} > li`)
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-testid')));
      expect(bars).toEqual(report.rows.map((r) => testIds.reliability.chartBar('mttr', r.key)));
      const box = await page.locator(byTestId(testIds.reliability.chartBar('mttr', report.rows[0].key))).boundingBox();
      expect(box?.width).toBeGreaterThan(200);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('shows alert fatigue as GET /api/alert-fatigue answers it: teams, rules to fix first, shifts, receivers', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = recordPageErrors(page);
    try {
      const asked = page.waitForRequest((r) => r.url().includes(ALERT_FATIGUE_PATH), { timeout: WAIT_MS });
      await openSection(page, e2e.stack.host.url, 'fatigue');
      const url = new URL((await asked).url());
      expect(Object.fromEntries(url.searchParams)).toEqual({ from: expect.stringMatching(/^\d+$/) });
      const direct = await gatewayJson<AlertFatigueResponse>(e2e.stack, 'GET', `${ALERT_FATIGUE_PATH}${url.search}`);
      expect(direct.rules.length).toBeGreaterThan(0);

      const teams = worseFirst(
        direct.teams,
        (t) => t.figures,
        (t) => t.team
      );
      expect(await rowIds(page, testIds.reliability.fatigue.teamTable)).toEqual(
        teams.map((t) => testIds.reliability.fatigue.teamRow(t.team))
      );
      for (const team of teams) {
        expect({
          team: team.team,
          score: await text(page, testIds.reliability.fatigue.teamCell(team.team, 'score')),
        }).toEqual({
          team: team.team,
          score: String(Math.round(team.figures.score.score)),
        });
        const sleep = team.figures.score.components.find((c) => c.id === 'sleep_interruptions')!;
        expect(await text(page, testIds.reliability.fatigue.teamCell(team.team, 'sleep_interruptions'))).toBe(
          `${Math.round(sleep.points)} / ${sleep.weight}`
        );
      }
      expect(await barGauges(page, 'fatigue-teams')).toBe(teams.length);

      const fixFirst = await page
        .locator(`${byTestId(testIds.reliability.fatigue.fixFirst)} > li`)
        .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-testid')));
      expect(fixFirst).toEqual(
        direct.fixFirst.map((r) => testIds.reliability.fatigue.rule(`${r.team}/${r.rule.name}`))
      );
      expect(direct.fixFirst.length).toBeLessThanOrEqual(10);
      expect(await barGauges(page, 'fatigue-rules')).toBe(direct.fixFirst.length);
      const worst = direct.fixFirst[0];
      const key = `${worst.team}/${worst.rule.name}`;
      expect(await text(page, testIds.reliability.fatigue.ruleScore(key))).toBe(
        `${Math.round(worst.figures.score.score)} / 100`
      );
      expect(await text(page, testIds.reliability.fatigue.ruleEvidence(key, 'sleep'))).toContain(
        `${worst.figures.interruptionsByHours.sleep} of ${worst.figures.interruptions}`
      );
      expect(await text(page, testIds.reliability.fatigue.ruleEvidence(key, 'never_acknowledged'))).toContain(
        `${Math.round(worst.figures.neverAcknowledged * 100)}% (${Math.round(worst.figures.neverAcknowledged * worst.figures.alerts)} of ${worst.figures.alerts})`
      );

      const withShifts = direct.teams.filter((t) => t.perShift);
      if (withShifts.length === 0) {
        expect(await text(page, testIds.reliability.fatigue.shiftsEmpty)).toContain('no shift history');
      } else {
        for (const team of withShifts) {
          expect(await text(page, testIds.reliability.fatigue.shiftTeamCell(team.team, 'shifts'))).toBe(
            String(team.perShift!.shifts)
          );
          expect(await text(page, testIds.reliability.fatigue.shiftTeamCell(team.team, 'interruptions'))).toContain(
            `(${team.perShift!.interruptions.max})`
          );
        }
        expect(await barGauges(page, 'fatigue-shifts')).toBe(withShifts.length);
      }
      if (direct.receivers.length > 0) {
        const receivers = worseFirst(
          direct.receivers,
          (r) => r.figures,
          (r) => r.receiver
        );
        expect(await rowIds(page, testIds.reliability.fatigue.receiverTable)).toEqual(
          receivers.map((r) => testIds.reliability.fatigue.receiverRow(r.receiver))
        );
      }
      await expect(page.locator(byTestId(testIds.reliability.demoBadge)).isVisible()).resolves.toBe(true);
      expect(e2e.stack.host.unhandledApiCalls()).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('shows cost efficiency as GET /api/cost-efficiency answers it: per service, trend, budget, idle capacity', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = recordPageErrors(page);
    try {
      await openSection(page, e2e.stack.host.url, 'cost');
      const direct = await gatewayJson<CostEfficiencyResponse>(e2e.stack, 'GET', COST_EFFICIENCY_PATH);
      expect(direct.services.length).toBeGreaterThan(0);
      expect(await rowIds(page, testIds.reliability.cost.table)).toEqual(
        direct.services.map((s) => testIds.reliability.cost.row(s.service))
      );
      for (const s of direct.services) {
        const cell = (column: string) => text(page, testIds.reliability.cost.cell(s.service, column));
        expect({ service: s.service, per1k: await cell('per_1k'), good: await cell('per_1k_good') }).toEqual({
          service: s.service,
          per1k: per1k(s.costPer1kRequests),
          good: per1k(s.costPer1kGoodRequests),
        });
        expect(await cell('previous_per_1k')).toBe(per1k(s.previous?.costPer1kRequests ?? null));
        expect(
          await page.locator(byTestId(testIds.reliability.cost.cell(s.service, 'efficiency'))).getAttribute('data-tone')
        ).toBe(s.trend.efficiency === null ? 'unknown' : TONE_OF_EFFICIENCY[s.trend.efficiency]);
      }
      const priced = direct.services.find((s) => s.costPer1kGoodRequests !== null);
      expect(priced).toBeDefined();
      expect(await barGauges(page, 'cost-per-1k-good')).toBe(direct.services.length);
      const idle = direct.services.flatMap((s) => s.idle.map((h) => ({ ...h, service: s.service })));
      if (idle.length === 0) {
        await page.locator(byTestId(testIds.reliability.cost.idleEmpty)).waitFor({ timeout: WAIT_MS });
      } else {
        for (const hint of idle) {
          expect(await text(page, testIds.reliability.cost.idleCell(hint.service, hint.name, 'cpu'))).toBe(
            `${hint.cpuP95.toFixed(1)}%`
          );
          expect(await text(page, testIds.reliability.cost.idleCell(hint.service, hint.name, 'scope'))).toBe(
            hint.costScope === 'resource' ? 'this resource' : 'whole service'
          );
        }
      }
      for (const notice of direct.notices) {
        expect(await text(page, testIds.reliability.cost.notices)).toContain(notice);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('keeps the tab and the filters in the URL: a reload and a tab switch ask the gateway the same thing', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      const fatigueAsked = page.waitForRequest((r) => r.url().includes(`${ALERT_FATIGUE_PATH}?`), { timeout: WAIT_MS });
      await openSection(page, e2e.stack.host.url, 'fatigue', 'period=7d&team=payments&severity=critical');
      const fatigueUrl = new URL((await fatigueAsked).url());
      // Severity does not apply to fatigue: not sent. Seven days back from the browser's now.
      expect(Object.fromEntries(fatigueUrl.searchParams)).toEqual({
        from: expect.stringMatching(/^\d+$/),
        team: 'payments',
      });
      expect(Date.now() - Number(fatigueUrl.searchParams.get('from'))).toBeGreaterThan(7 * 86_400_000 - 60_000);
      expect(Date.now() - Number(fatigueUrl.searchParams.get('from'))).toBeLessThan(7 * 86_400_000 + 60_000);
      const direct = await gatewayJson<AlertFatigueResponse>(
        e2e.stack,
        'GET',
        `${ALERT_FATIGUE_PATH}${fatigueUrl.search}`
      );
      expect(direct.teams.every((t) => t.team === 'payments')).toBe(true);
      expect(await rowIds(page, testIds.reliability.fatigue.teamTable)).toEqual(
        direct.teams.map((t) => testIds.reliability.fatigue.teamRow(t.team))
      );

      const costAsked = page.waitForRequest((r) => r.url().includes(COST_EFFICIENCY_PATH), { timeout: WAIT_MS });
      await page.locator(byTestId(testIds.reliability.sectionTab('cost'))).click();
      await page.locator(byTestId(testIds.reliability.cost.table)).waitFor({ timeout: WAIT_MS });
      expect(Object.fromEntries(new URL((await costAsked).url()).searchParams)).toEqual({ team: 'payments' });
      const params = new URL(page.url()).searchParams;
      expect(Object.fromEntries(params)).toEqual({
        period: '7d',
        team: 'payments',
        severity: 'critical',
        section: 'cost',
      });
      await page.reload({ timeout: WAIT_MS });
      await page.locator(byTestId(testIds.reliability.cost.table)).waitFor({ timeout: WAIT_MS });
      await expect(
        page.locator(byTestId(testIds.reliability.sectionTab('cost'))).getAttribute('aria-selected')
      ).resolves.toBe('true');
      const costs = await gatewayJson<CostEfficiencyResponse>(
        e2e.stack,
        'GET',
        `${COST_EFFICIENCY_PATH}?team=payments`
      );
      expect(await rowIds(page, testIds.reliability.cost.table)).toEqual(
        costs.services.map((s) => testIds.reliability.cost.row(s.service))
      );
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it("shows a service's own alert fatigue and cost efficiency on its Service page, as the gateway answers them", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      const costs = await gatewayJson<CostEfficiencyResponse>(e2e.stack, 'GET', COST_EFFICIENCY_PATH);
      const name = (costs.services.find((s) => s.costPer1kRequests !== null) ?? costs.services[0]).service;
      const fatigueAsked = page.waitForRequest(
        (r) => r.url().includes(`${ALERT_FATIGUE_PATH}?`) && r.url().includes(`service=${encodeURIComponent(name)}`),
        { timeout: WAIT_MS }
      );
      await page.goto(`${e2e.stack.host.url}${servicePageUrl(name)}`, { timeout: WAIT_MS });
      const own = await gatewayJson<CostEfficiencyResponse>(
        e2e.stack,
        'GET',
        `${COST_EFFICIENCY_PATH}?service=${encodeURIComponent(name)}`
      );
      const figures = own.services[0];
      await page.locator(byTestId(testIds.reliability.cost.serviceFigure('per_1k'))).waitFor({ timeout: WAIT_MS });
      expect(await text(page, testIds.reliability.cost.serviceFigure('per_1k'))).toBe(per1k(figures.costPer1kRequests));
      expect(await text(page, testIds.reliability.cost.serviceFigure('per_1k_good'))).toBe(
        per1k(figures.costPer1kGoodRequests)
      );
      for (const hint of figures.idle) {
        expect(await text(page, testIds.reliability.cost.serviceIdle(hint.name))).toContain(
          `${hint.cpuP95.toFixed(1)}%`
        );
      }

      const fatigueUrl = new URL((await fatigueAsked).url());
      const fatigue = await gatewayJson<AlertFatigueResponse>(
        e2e.stack,
        'GET',
        `${ALERT_FATIGUE_PATH}${fatigueUrl.search}`
      );
      const section = page.locator(byTestId(testIds.reliability.fatigue.service));
      if (fatigue.rules.length === 0) {
        await section.locator(byTestId(testIds.reliability.fatigue.serviceEmpty)).waitFor({ timeout: WAIT_MS });
      } else {
        const rules = worseFirst(
          fatigue.rules,
          (r) => r.figures,
          (r) => `${r.team}/${r.rule.name}`
        );
        await section.locator('tbody tr').first().waitFor({ timeout: WAIT_MS });
        expect(
          await section.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')))
        ).toEqual(rules.map((r) => testIds.reliability.fatigue.serviceRule(`${r.team}/${r.rule.name}`)));
        const first = rules[0];
        expect(
          await text(page, testIds.reliability.fatigue.serviceRuleCell(`${first.team}/${first.rule.name}`, 'score'))
        ).toBe(String(Math.round(first.figures.score.score)));
      }
      await page.locator(byTestId(testIds.reliability.cost.serviceLink)).click();
      await page.waitForURL(`**${reliabilityPageUrl({ service: name, section: 'cost' })}`, { timeout: WAIT_MS });
      await page.locator(byTestId(testIds.reliability.cost.row(name))).waitFor({ timeout: WAIT_MS });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

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
        for (const section of ['incidents', 'fatigue', 'cost'] as const) {
          await openSection(page, e2e.stack.host.url, section);
          // Tables scroll inside their own box; the page itself must not scroll sideways.
          expect({ section, overflow: Math.max(0, await horizontalOverflow(page)) }).toEqual({ section, overflow: 0 });
          await page.screenshot({
            path: join(SCREENSHOTS, `reliability-${section}-${theme}-${viewport.width}.png`),
            fullPage: true,
          });
          expect({ section, violations: await seriousAxeViolations(page) }).toEqual({ section, violations: [] });
        }
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    150_000
  );
});
