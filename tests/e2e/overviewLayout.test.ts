/**
 * The Overview in both themes on a phone and a desktop viewport: no sideways scrolling on the phone, no serious or
 * critical axe-core violations, and screenshots for a human to look at (tests/artifacts/screenshots/, plus the one
 * the README links at docs/screenshots/overview.png).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { recordPageErrors } from './support/browser';
import { openOverview } from './support/overview';
import { startStack } from './support/stack';
import { useBrowserStack } from './support/fixture';

const ROOT = join(__dirname, '../..');
const SCREENSHOTS = join(ROOT, 'tests/artifacts/screenshots');
const README_SCREENSHOT = join(ROOT, 'docs/screenshots/overview.png');
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
const THEMES = ['dark', 'light'] as const;
const VIEWPORTS = [
  { width: 375, height: 812 },
  { width: 1920, height: 1080 },
] as const;

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

describe.each(THEMES)('Overview layout, %s theme', (theme) => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer', theme }));

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);

  it.each(VIEWPORTS)(
    'fits $width×$height without sideways scrolling and passes axe',
    async (viewport) => {
      const page = await e2e.browser.newPage({ viewport });
      const errors = recordPageErrors(page);
      try {
        await openOverview(page, e2e.stack.host.url);
        const overflow = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
        await page.screenshot({
          path: join(SCREENSHOTS, `overview-${theme}-${viewport.width}x${viewport.height}.png`),
          fullPage: true,
        });
        if (
          theme === 'dark' &&
          viewport.width === 1920 &&
          (process.env.UPDATE_SCREENSHOTS === '1' || !existsSync(README_SCREENSHOT))
        ) {
          mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
          await page.screenshot({ path: README_SCREENSHOT });
        }
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000
  );
});
