/**
 * The Deployments page on the test host with a real gateway in demo mode: an Editor rolls back a demo service and
 * sees the preview the gateway computed, the progress and the audit entry; a Viewer gets no rollback control and a
 * direct write through the data proxy is refused; no serious axe violations; no sideways scrolling at 375 px.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import {
  DEPLOYMENTS_PATH,
  deploymentRollbackPath,
  WRITE_ROLE_HEADER,
  type DeploymentListResponse,
  type RollbackHistoryResponse,
  type RollbackPreviewResponse,
} from '@opsdeck/contract';
import { launchBrowser, recordPageErrors, WAIT_MS } from './support/browser';
import { gatewayJson, startStack, type Stack } from './support/stack';

const DEPLOYMENTS_URL = '/a/opsdeck-sre-app/deployments';
const PROXY = '/api/datasources/proxy/uid/opsdeck';
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
const SCREENSHOTS = join(__dirname, '../artifacts/screenshots');
const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

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
  await page.goto(`${stack.host.url}${DEPLOYMENTS_URL}${query}`, { timeout: WAIT_MS });
  await page
    .locator(`[data-testid^="${testIds.deployments.serviceCard('')}"]`)
    .first()
    .waitFor({ timeout: WAIT_MS });
}

describe('Deployments page as an Editor', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({ role: 'Editor', theme: 'dark', user: 'erin' });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('rolls back a demo service: preview, typed confirmation, progress, audit entry', async () => {
    const { service, deploymentId, preview } = await rollbackCandidate(stack);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = recordPageErrors(page);
    try {
      await openDeployments(page, stack, `?service=${encodeURIComponent(service)}`);
      await byTestId(page, testIds.deployments.suspects).waitFor({ timeout: WAIT_MS });
      await byTestId(page, testIds.deployments.rollbackButton(service)).click();

      // The dialog shows the very plan the gateway computes: from → to and the upstream call.
      await byTestId(page, testIds.rollbackDialog.preview).waitFor({ timeout: WAIT_MS });
      await expect(byTestId(page, testIds.rollbackDialog.from).textContent()).resolves.toContain(
        preview.from?.version ?? 'Unknown'
      );
      await expect(byTestId(page, testIds.rollbackDialog.to).textContent()).resolves.toContain(preview.to!.version);
      await expect(byTestId(page, testIds.rollbackDialog.action).textContent()).resolves.toContain(
        preview.action!.operation
      );

      const start = byTestId(page, testIds.rollbackDialog.start);
      await byTestId(page, testIds.rollbackDialog.reasonInput).fill('error rate doubled after the deploy');
      await byTestId(page, testIds.rollbackDialog.confirmInput).fill(`${service}-typo`);
      await expect(start.isDisabled()).resolves.toBe(true);
      await byTestId(page, testIds.rollbackDialog.confirmInput).fill(service);
      await start.click();

      // Progress first (the gateway answers 202 in progress), then the outcome from the audit log.
      await page
        .locator(`[data-testid="${testIds.rollbackDialog.outcome}"][data-outcome="in_progress"]`)
        .waitFor({ timeout: WAIT_MS });
      const entry = byTestId(page, testIds.rollbackDialog.auditEntry);
      await entry.waitFor({ timeout: WAIT_MS });
      const entryText = (await entry.textContent()) ?? '';
      expect(entryText).toContain('erin');
      expect(entryText).toContain('error rate doubled after the deploy');
      expect(entryText).toContain(`${preview.from?.version ?? 'unknown'} → ${preview.to!.version}`);
      await expect(byTestId(page, testIds.rollbackDialog.outcome).getAttribute('data-outcome')).resolves.toBe(
        'succeeded'
      );

      // The gateway's audit log holds the same attempt, with the Grafana user the proxy forwarded.
      const { attempts } = await gatewayJson<RollbackHistoryResponse>(
        stack,
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
      await byTestId(page, testIds.rollbackDialog.cancel).click();
      await byTestId(page, testIds.deployments.view('rollbacks')).click();
      const listed = byTestId(page, testIds.deployments.rollbackAttempt(attempts[0].id));
      await listed.waitFor({ timeout: WAIT_MS });
      await expect(listed.getAttribute('data-outcome')).resolves.toBe('succeeded');
      expect(page.url()).toContain('view=rollbacks');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('shows the filtered history (first rows, then all) and exports every deployment the filters selected', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    try {
      const listRequest = page.waitForRequest(
        (req) => req.url().includes(`${PROXY}/read${DEPLOYMENTS_PATH}?team=payments`),
        { timeout: WAIT_MS }
      );
      await openDeployments(page, stack, '?team=payments');
      // The page's own question, asked of the gateway directly, is the truth for the table and the file.
      const asked = new URL((await listRequest).url());
      const { deployments } = await gatewayJson<DeploymentListResponse>(
        stack,
        'GET',
        `${DEPLOYMENTS_PATH}${asked.search}`
      );
      expect(deployments.length).toBeGreaterThan(0);
      const rows = page.locator(`[data-testid="${testIds.deployments.history}"] tbody tr`);
      await expect(rows.count()).resolves.toBe(Math.min(deployments.length, 50));
      if (deployments.length > 50) {
        await byTestId(page, testIds.deployments.historyShowAll).click();
        await expect(rows.count()).resolves.toBe(deployments.length);
      }
      await expect(rows.first().getAttribute('data-testid')).resolves.toBe(
        testIds.deployments.historyRow(deployments[0].id)
      );

      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: WAIT_MS }),
        byTestId(page, testIds.deployments.exportButton('csv')).click(),
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
      const { service } = await rollbackCandidate(stack);
      const page = await browser.newPage({ viewport });
      try {
        await openDeployments(page, stack, `?service=${encodeURIComponent(service)}`);
        await byTestId(page, testIds.deployments.dora).locator('table').waitFor({ timeout: WAIT_MS });
        const overflow = await horizontalOverflow(page);
        expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({
          path: join(SCREENSHOTS, `deployments-dark-${viewport.width}x${viewport.height}.png`),
          fullPage: true,
        });
        expect(await seriousAxeViolations(page)).toEqual([]);

        await byTestId(page, testIds.deployments.rollbackButton(service)).click();
        await byTestId(page, testIds.rollbackDialog.preview).waitFor({ timeout: WAIT_MS });
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
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({ role: 'Viewer', theme: 'light', user: 'vera' });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('offers no rollback control, and the data proxy refuses a direct rollback write', async () => {
    const { service, deploymentId } = await rollbackCandidate(stack);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await openDeployments(page, stack, `?service=${encodeURIComponent(service)}`);
      await byTestId(page, testIds.deployments.currentVersion(service)).waitFor({ timeout: WAIT_MS });
      await byTestId(page, testIds.deployments.suspects).waitFor({ timeout: WAIT_MS });
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
        stack,
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
