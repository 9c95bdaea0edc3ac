/**
 * The Deployments page on the test host with a real gateway in demo mode: an Editor rolls back a demo service and
 * sees the preview the gateway computed, the progress and the audit entry; a Viewer gets no rollback control and a
 * direct write through the data proxy is refused; no serious axe violations; no sideways scrolling at 375 px.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import {
  DEPLOYMENTS_PATH,
  deploymentRollbackPath,
  WRITE_ROLE_HEADER,
  type DeploymentListResponse,
  type RollbackHistoryResponse,
  type RollbackPreviewResponse,
} from '@opsdeck/contract';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { gatewayJson, startStack, type Stack } from './support/stack';
import { byTestId, appUrl } from './support/app';
import { ROUTES } from '@/constants';
import { useBrowserStack } from './support/fixture';

const PROXY = '/api/datasources/proxy/uid/opsdeck';
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
const SCREENSHOTS = join(__dirname, '../artifacts/screenshots');

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

async function horizontalOverflow(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
}

/** The preview as the gateway computes it, asked directly with the write header the Editor route would add. */
async function gatewayPreview(stack: Stack, deploymentId: string): Promise<RollbackPreviewResponse> {
  const resp = await fetch(`${stack.gateway.url}${deploymentRollbackPath(deploymentId)}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${stack.gateway.token}`,
      [WRITE_ROLE_HEADER]: stack.gateway.token,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ preview: true }),
  });
  if (!resp.ok) {
    throw new Error(`preview of ${deploymentId} answered ${resp.status}: ${await resp.text()}`);
  }
  return (await resp.json()) as RollbackPreviewResponse;
}

/** The first demo service (by name) whose current deployment the gateway would roll back now. */
async function rollbackCandidate(
  stack: Stack
): Promise<{ service: string; deploymentId: string; preview: RollbackPreviewResponse['preview'] }> {
  const { deployments } = await gatewayJson<DeploymentListResponse>(stack, 'GET', `${DEPLOYMENTS_PATH}?limit=1000`);
  const newest = new Map<string, string>();
  for (const d of deployments) {
    if (!newest.has(d.service)) {
      newest.set(d.service, d.id);
    }
  }
  for (const [service, deploymentId] of [...newest.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const { preview } = await gatewayPreview(stack, deploymentId);
    if (preview.action && preview.to && !preview.blockedReason && preview.missingPermissions.length === 0) {
      return { service, deploymentId, preview };
    }
  }
  throw new Error('no demo service can be rolled back: the demo fleet should have at least one');
}

async function openDeployments(page: Page, stack: Stack, query = ''): Promise<void> {
  await page.goto(`${stack.host.url}${appUrl(ROUTES.Deployments, query)}`, { timeout: WAIT_MS });
  await page
    .locator(`[data-testid^="${testIds.deployments.serviceCard('')}"]`)
    .first()
    .waitFor({ timeout: WAIT_MS });
}

describe('Deployments page as an Editor', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Editor', theme: 'dark', user: 'erin' }));

  it('rolls back a demo service: preview, typed confirmation, progress, audit entry', async () => {
    const { service, deploymentId, preview } = await rollbackCandidate(e2e.stack);
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      await openDeployments(page, e2e.stack, `?service=${encodeURIComponent(service)}`);
      await page.locator(byTestId(testIds.deployments.suspects)).waitFor({ timeout: WAIT_MS });
      await page.locator(byTestId(testIds.deployments.rollbackButton(service))).click();

      // The dialog shows the very plan the gateway computes: from → to and the upstream call.
      await page.locator(byTestId(testIds.rollbackDialog.preview)).waitFor({ timeout: WAIT_MS });
      await expect(page.locator(byTestId(testIds.rollbackDialog.from)).textContent()).resolves.toContain(
        preview.from?.version ?? 'Unknown'
      );
      await expect(page.locator(byTestId(testIds.rollbackDialog.to)).textContent()).resolves.toContain(
        preview.to!.version
      );
      await expect(page.locator(byTestId(testIds.rollbackDialog.action)).textContent()).resolves.toContain(
        preview.action!.operation
      );

      const start = page.locator(byTestId(testIds.rollbackDialog.start));
      await page.locator(byTestId(testIds.rollbackDialog.reasonInput)).fill('error rate doubled after the deploy');
      await page.locator(byTestId(testIds.rollbackDialog.confirmInput)).fill(`${service}-typo`);
      await expect(start.isDisabled()).resolves.toBe(true);
      await page.locator(byTestId(testIds.rollbackDialog.confirmInput)).fill(service);
      await start.click();

      // Progress first (the gateway answers 202 in progress), then the outcome from the audit log.
      await page
        .locator(`[data-testid="${testIds.rollbackDialog.outcome}"][data-outcome="in_progress"]`)
        .waitFor({ timeout: WAIT_MS });
      const entry = page.locator(byTestId(testIds.rollbackDialog.auditEntry));
      await entry.waitFor({ timeout: WAIT_MS });
      const entryText = (await entry.textContent()) ?? '';
      expect(entryText).toContain('erin');
      expect(entryText).toContain('error rate doubled after the deploy');
      expect(entryText).toContain(`${preview.from?.version ?? 'unknown'} → ${preview.to!.version}`);
      await expect(page.locator(byTestId(testIds.rollbackDialog.outcome)).getAttribute('data-outcome')).resolves.toBe(
        'succeeded'
      );

      // The gateway's audit log holds the same attempt, with the Grafana user the proxy forwarded.
      const { attempts } = await gatewayJson<RollbackHistoryResponse>(
        e2e.stack,
        'GET',
        `${DEPLOYMENTS_PATH}/rollbacks?service=${service}`
      );
      expect(attempts[0]).toMatchObject({
        service,
        deploymentId,
        user: 'erin',
        reason: 'error rate doubled after the deploy',
        outcome: 'succeeded',
      });

      // And the Rollback history view lists it.
      await page.locator(byTestId(testIds.rollbackDialog.cancel)).click();
      await page.locator(byTestId(testIds.deployments.view('rollbacks'))).click();
      const listed = page.locator(byTestId(testIds.deployments.rollbackAttempt(attempts[0].id)));
      await listed.waitFor({ timeout: WAIT_MS });
      await expect(listed.getAttribute('data-outcome')).resolves.toBe('succeeded');
      expect(page.url()).toContain('view=rollbacks');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('shows the filtered history (first rows, then all) and exports every deployment the filters selected', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    try {
      const listRequest = page.waitForRequest(
        (req) => req.url().includes(`${PROXY}/read${DEPLOYMENTS_PATH}?team=payments`),
        { timeout: WAIT_MS }
      );
      await openDeployments(page, e2e.stack, '?team=payments');
      // The page's own question, asked of the gateway directly, is the truth for the table and the file.
      const asked = new URL((await listRequest).url());
      const { deployments } = await gatewayJson<DeploymentListResponse>(
        e2e.stack,
        'GET',
        `${DEPLOYMENTS_PATH}${asked.search}`
      );
      expect(deployments.length).toBeGreaterThan(0);
      const rows = page.locator(`[data-testid="${testIds.deployments.history}"] tbody tr`);
      await expect(rows.count()).resolves.toBe(Math.min(deployments.length, 50));
      if (deployments.length > 50) {
        await page.locator(byTestId(testIds.deployments.historyShowAll)).click();
        await expect(rows.count()).resolves.toBe(deployments.length);
      }
      await expect(rows.first().getAttribute('data-testid')).resolves.toBe(
        testIds.deployments.historyRow(deployments[0].id)
      );

      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: WAIT_MS }),
        page.locator(byTestId(testIds.deployments.exportButton('csv'))).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^deployments-team-payments-.*\.csv$/);
      const lines = readFileSync((await download.path())!, 'utf8')
        .trim()
        .split('\r\n');
      expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(deployments.map((d) => d.id));
    } finally {
      await page.close();
    }
  }, 60_000);

  it.each([
    { width: 375, height: 812 },
    { width: 1920, height: 1080 },
  ])(
    'fits $width px without sideways scrolling, dialog included, and passes axe',
    async (viewport) => {
      const { service } = await rollbackCandidate(e2e.stack);
      const page = await e2e.browser.newPage({ viewport });
      try {
        await openDeployments(page, e2e.stack, `?service=${encodeURIComponent(service)}`);
        await page.locator(byTestId(testIds.deployments.dora)).locator('table').waitFor({ timeout: WAIT_MS });
        const overflow = await horizontalOverflow(page);
        expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({
          path: join(SCREENSHOTS, `deployments-dark-${viewport.width}x${viewport.height}.png`),
          fullPage: true,
        });
        expect(await seriousAxeViolations(page)).toEqual([]);

        await page.locator(byTestId(testIds.deployments.rollbackButton(service))).click();
        await page.locator(byTestId(testIds.rollbackDialog.preview)).waitFor({ timeout: WAIT_MS });
        const withDialog = await horizontalOverflow(page);
        expect(withDialog.scroll).toBeLessThanOrEqual(withDialog.client);
        await page.screenshot({
          path: join(SCREENSHOTS, `deployments-rollback-dialog-${viewport.width}x${viewport.height}.png`),
        });
        expect(await seriousAxeViolations(page)).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000
  );
});

describe('Deployments page as a Viewer', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer', theme: 'light', user: 'vera' }));

  it('offers no rollback control, and the data proxy refuses a direct rollback write', async () => {
    const { service, deploymentId } = await rollbackCandidate(e2e.stack);
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await openDeployments(page, e2e.stack, `?service=${encodeURIComponent(service)}`);
      await page.locator(byTestId(testIds.deployments.currentVersion(service))).waitFor({ timeout: WAIT_MS });
      await page.locator(byTestId(testIds.deployments.suspects)).waitFor({ timeout: WAIT_MS });
      await expect(page.locator('[data-testid*="roll back"]').count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: /roll back/i }).count()).resolves.toBe(0);

      const status = await page.evaluate(
        async ({ url }) => {
          const resp = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ confirm: 'x', reason: 'viewer tries', to: 'v1' }),
          });
          return { status: resp.status, body: await resp.text() };
        },
        { url: `${PROXY}/write${deploymentRollbackPath(deploymentId)}` }
      );
      expect(status.status).toBe(403);
      const { attempts } = await gatewayJson<RollbackHistoryResponse>(
        e2e.stack,
        'GET',
        `${DEPLOYMENTS_PATH}/rollbacks?service=${service}`
      );
      expect(attempts).toEqual([]);
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
