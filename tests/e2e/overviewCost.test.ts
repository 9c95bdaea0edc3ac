/**
 * The Overview's infrastructure and cost strip, built plugins in the test host, real gateway in demo mode: every
 * figure equals what the gateway answers when asked the page's own questions directly, the demo badge shows, and
 * the strip passes axe and fits a 375 px phone without sideways scrolling.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import { testIds } from '@/components/testIds';
import type { QueryRequest, QueryResponse } from '@opsdeck/contract';
import { seriousAxeViolations, horizontalOverflow } from './support/axe';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { openOverview } from './support/overview';
import { frameRows, gatewayQuery, startStack } from './support/stack';
import { byTestId } from './support/app';
import { useBrowserStack } from './support/fixture';

type Stat = Parameters<typeof testIds.overview.infraCostStat>[0];
const QUERY_URL = '/api/datasources/proxy/uid/opsdeck/read/api/query';
const HOT_CPU = 80;
const SCREENSHOTS = join(__dirname, '../artifacts/screenshots');

function queryAsking(queryType: string) {
  return (req: Request) =>
    req.method() === 'POST' && req.url().endsWith(QUERY_URL) && (req.postData() ?? '').includes(`"${queryType}"`);
}

function rowsOf(answer: QueryResponse, refId: string): Array<Record<string, unknown>> {
  const result = answer.results[refId];
  expect({ refId, error: result?.error }).toEqual({ refId, error: undefined });
  return (result?.frames ?? []).flatMap(frameRows);
}

/** Rows per frame (one frame per service), keyed by the frame's name. */
function seriesOf(answer: QueryResponse, refId: string): Array<{ name: string; rows: Array<Record<string, unknown>> }> {
  return (answer.results[refId]?.frames ?? []).map((f) => ({ name: f.schema.name ?? '', rows: frameRows(f) }));
}

/** "$12,345.68" → 12345.68 with half a unit of the last digit shown as tolerance. */
function readUsd(text: string): { value: number; tolerance: number } {
  const m = /^\$([\d,]+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) {
    throw new Error(`"${text}" is not a dollar amount`);
  }
  const decimals = m[2]?.length ?? 0;
  return { value: Number(`${m[1].replace(/,/g, '')}.${m[2] ?? '0'}`), tolerance: 0.5 * 10 ** -decimals + 1e-9 };
}

/** Services whose last row with numbers in every column passes `test`. */
function servicesWhere(series: ReturnType<typeof seriesOf>, columns: string[], test: (v: number[]) => boolean): number {
  return series.filter(({ rows }) => {
    const last = [...rows].reverse().find((r) => columns.every((c) => typeof r[c] === 'number'));
    return last !== undefined && test(columns.map((c) => last[c] as number));
  }).length;
}

describe('Overview infrastructure and cost strip on the test host', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer', theme: 'dark' }));

  it('shows the numbers the gateway answers for the same queries', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = recordPageErrors(page);
    try {
      const costRequest = page.waitForRequest(queryAsking('upstream_spend'), { timeout: WAIT_MS });
      const infraRequest = page.waitForRequest(queryAsking('infrastructure'), { timeout: WAIT_MS });
      await openOverview(page, e2e.stack.host.url);
      await page.locator(byTestId(testIds.overview.infraCostStat('asg_short'))).waitFor({ timeout: WAIT_MS });
      const shown = async (stat: Stat) =>
        (await page.locator(byTestId(testIds.overview.infraCostStat(stat))).textContent()) ?? '';

      const cost = await gatewayQuery(e2e.stack, JSON.parse((await costRequest).postData() ?? '{}') as QueryRequest);
      const infra = await gatewayQuery(e2e.stack, JSON.parse((await infraRequest).postData() ?? '{}') as QueryRequest);

      const [mtd] = rowsOf(cost, 'month_to_date');
      const [forecast] = rowsOf(cost, 'forecast');
      const expectedUsd: Array<[Stat, number]> = [
        ['month_to_date', mtd.month_to_date as number],
        ['same_days_last_month', mtd.same_days_last_month as number],
        ['forecast', forecast.month_end_total as number],
        ['upstream_per_day', rowsOf(cost, 'upstream_spend').reduce((s, r) => s + (r.usd_per_day as number), 0)],
      ];
      for (const [stat, expected] of expectedUsd) {
        expect(expected).toBeGreaterThan(0);
        const got = readUsd(await shown(stat));
        expect({
          stat,
          shown: got.value,
          expected,
          within: Math.abs(got.value - expected) <= got.tolerance,
        }).toMatchObject({ within: true });
      }

      const services = rowsOf(cost, 'top_service').filter((r) => r.group !== 'other');
      const top = services.reduce((a, b) => ((b.amount as number) > (a.amount as number) ? b : a));
      await expect(shown('top_service')).resolves.toBe(String(top.group));

      const cpu = seriesOf(infra, 'cpu');
      const asg = seriesOf(infra, 'asg');
      expect(cpu.length).toBeGreaterThan(0);
      expect(asg.length).toBeGreaterThan(0);
      await expect(shown('hot_cpu')).resolves.toBe(String(servicesWhere(cpu, ['value'], ([v]) => v > HOT_CPU)));
      await expect(shown('asg_short')).resolves.toBe(
        String(servicesWhere(asg, ['in_service', 'desired'], ([i, d]) => i < d))
      );

      await expect(page.locator(byTestId(testIds.overview.infraCostDemoBadge)).isVisible()).resolves.toBe(true);
      await expect(page.locator(byTestId(testIds.overview.infraCostError)).count()).resolves.toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('fits 375 px without sideways scrolling and has no serious axe violations', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 375, height: 812 } });
    const errors = recordPageErrors(page);
    try {
      await openOverview(page, e2e.stack.host.url);
      const strip = page.locator(byTestId(testIds.overview.infraCost));
      await page.locator(byTestId(testIds.overview.infraCostStat('asg_short'))).waitFor({ timeout: WAIT_MS });
      await expect(horizontalOverflow(page)).resolves.toBe(0);
      const box = await strip.boundingBox();
      expect(box && box.x + box.width).toBeLessThanOrEqual(375);
      await expect(seriousAxeViolations(page)).resolves.toEqual([]);
      // For a human to look at (tests/artifacts/ is not committed).
      mkdirSync(SCREENSHOTS, { recursive: true });
      await strip.screenshot({ path: join(SCREENSHOTS, 'overview-infra-cost-375.png') });
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
