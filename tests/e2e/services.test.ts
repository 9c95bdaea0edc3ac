/**
 * The Services list and a Service page, built plugins in the test host, real gateway in demo mode: every catalog
 * service listed least budget first with the budget /api/slo answers, each row and each Overview card leading to its
 * Service page, an unknown name explained, and both pages in both themes at 375 px and 1920 px without sideways
 * scrolling or serious axe violations.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import { ROUTES, servicePageUrl } from '@/constants';
import type { SloObjectiveFigures, SloResponse } from '@opsdeck/contract';
import { appUrl, byTestId } from './support/app';
import { horizontalOverflow, seriousAxeViolations } from './support/axe';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { useBrowserStack } from './support/fixture';
import { openOverview } from './support/overview';
import { gatewayJson, startStack } from './support/stack';

const SCREENSHOTS = join(__dirname, '../../tests/artifacts/screenshots');
const THEMES = ['dark', 'light'] as const;
const VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1920, height: 1080 },
] as const;
const SERVICE = 'checkout-api';

async function openServices(page: Page, hostUrl: string, query = ''): Promise<void> {
  await page.goto(`${hostUrl}${appUrl(ROUTES.Services, query)}`, { timeout: WAIT_MS });
  await page.locator(byTestId(testIds.services.table)).waitFor({ timeout: WAIT_MS });
}

async function openService(page: Page, hostUrl: string, service: string): Promise<void> {
  await page.goto(`${hostUrl}${servicePageUrl(service)}`, { timeout: WAIT_MS });
  await page.locator(byTestId(testIds.service.slos)).waitFor({ timeout: WAIT_MS });
  await page.locator(byTestId(testIds.service.signal('error_rate'))).waitFor({ timeout: WAIT_MS });
}

/** The least budget left among a service's objectives with traffic, as the page ranks them. */
function worstRemaining(objectives: SloObjectiveFigures[]): number | null {
  const known = objectives.flatMap((o) => (o.errorBudget.remaining === null ? [] : [o.errorBudget.remaining]));
  return known.length === 0 ? null : Math.min(...known);
}

describe('Services pages on the test host', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer', theme: 'dark' }));

  it('lists every catalog service, least budget left first, with the budget the gateway answers', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = recordPageErrors(page);
    try {
      await openServices(page, e2e.stack.host.url);
      const slo = await gatewayJson<SloResponse>(e2e.stack, 'GET', '/api/slo');
      expect(slo.services.length).toBeGreaterThan(0);
      const remainingOf = new Map(slo.services.map((s) => [s.service, worstRemaining(s.objectives)]));
      const rows = page.locator(`${byTestId(testIds.services.table)} tbody tr`);
      const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid') ?? ''));
      const shown = ids.map((id) => id.replace(testIds.services.row(''), ''));
      expect([...shown].sort()).toEqual([...remainingOf.keys()].sort());
      // Least budget first; a service without traffic (no budget figure) cannot be ranked and goes last.
      const budgets = shown.map((service) => remainingOf.get(service) ?? null);
      const ranked = budgets.filter((b): b is number => b !== null);
      expect(budgets.slice(0, ranked.length)).toEqual([...ranked].sort((a, b) => a - b));
      for (const service of shown) {
        const remaining = remainingOf.get(service) ?? null;
        const text = await page.locator(byTestId(testIds.services.cell(service, 'budget'))).textContent();
        const figure = remaining === null ? 'No data' : `${(remaining * 100).toFixed(1)}%`;
        expect({ service, text: text?.slice(0, figure.length) }).toEqual({ service, text: figure });
      }
      await expect(page.locator(byTestId(testIds.services.demoBadge)).isVisible()).resolves.toBe(true);

      // The health score's breakdown opens on keyboard focus too, not only under a mouse.
      const first = slo.services.find((s) => s.service === shown[0])!;
      await page.locator(byTestId(testIds.services.healthScore(first.service))).focus();
      const tooltip = page.getByRole('tooltip');
      await tooltip.waitFor({ timeout: WAIT_MS });
      for (const component of first.health.components) {
        await expect(tooltip.textContent()).resolves.toContain(component.label);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('keeps the team filter in the URL and a row leads to its Service page', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await openServices(page, e2e.stack.host.url, '?team=payments');
      const teams = await page.locator(`${byTestId(testIds.services.table)} tbody tr`).evaluateAll((trs) => trs.length);
      const slo = await gatewayJson<SloResponse>(e2e.stack, 'GET', '/api/slo?team=payments');
      expect(teams).toBe(slo.services.length);
      await page.locator(byTestId(testIds.services.rowLink(SERVICE))).click();
      await page.waitForURL(`**${servicePageUrl(SERVICE)}`, { timeout: WAIT_MS });
      await page.locator(byTestId(testIds.service.summary)).waitFor({ timeout: WAIT_MS });
      await expect(page.locator('h1').textContent()).resolves.toBe(SERVICE);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('leads from an Overview card to the Service page', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await openOverview(page, e2e.stack.host.url);
      const link = page.locator(
        `${byTestId(testIds.overview.serviceRow(SERVICE))} a[href="${servicePageUrl(SERVICE)}"]`
      );
      await link.click();
      await page.waitForURL(`**${servicePageUrl(SERVICE)}`, { timeout: WAIT_MS });
      await page.locator(byTestId(testIds.service.slos)).waitFor({ timeout: WAIT_MS });
    } finally {
      await page.close();
    }
  }, 60_000);

  it('explains a name that is not in the catalog and links back to the list', async () => {
    const page = await e2e.browser.newPage();
    try {
      await page.goto(`${e2e.stack.host.url}${servicePageUrl('no-such-service')}`, { timeout: WAIT_MS });
      const unknown = page.locator(byTestId(testIds.service.unknown));
      await unknown.waitFor({ timeout: WAIT_MS });
      await expect(unknown.locator(`a[href="${appUrl(ROUTES.Services)}"]`).count()).resolves.toBe(1);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe.each(THEMES)('Services pages layout, %s theme', (theme) => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer', theme }));

  beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

  it.each(VIEWPORTS)(
    'both pages fit $width×$height without sideways scrolling and pass axe',
    async (viewport) => {
      const page = await e2e.browser.newPage({ viewport });
      const errors = recordPageErrors(page);
      try {
        await openServices(page, e2e.stack.host.url);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SCREENSHOTS, `services-${theme}-${viewport.width}.png`), fullPage: true });
        expect(await seriousAxeViolations(page)).toEqual([]);

        await openService(page, e2e.stack.host.url, SERVICE);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SCREENSHOTS, `service-${theme}-${viewport.width}.png`), fullPage: true });
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    90_000
  );
});
