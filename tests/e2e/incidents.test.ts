/**
 * The Incidents page against a real gateway in demo mode: the timeline of an incident, a post-mortem started from
 * the template, saved through the Editor route (stored by the gateway) and exported as Markdown; the phone layout.
 */
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import type { IncidentDetailResponse, IncidentListResponse, PostmortemResponse } from '@opsdeck/contract';
import { horizontalOverflow, seriousAxeViolations } from './support/axe';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { gatewayJson, startStack, type Stack } from './support/stack';
import { byTestId, appUrl } from './support/app';
import { ROUTES } from '@/constants';
import { useBrowserStack } from './support/fixture';

async function openIncident(page: Page, stack: Stack, id: string): Promise<void> {
  await page.goto(`${stack.host.url}${appUrl(ROUTES.Incidents, `?incident=${encodeURIComponent(id)}`)}`, {
    timeout: WAIT_MS,
  });
  await page.locator(byTestId(testIds.incidents.timeline)).waitFor({ timeout: WAIT_MS });
}

async function firstRecentIncident(stack: Stack): Promise<IncidentDetailResponse> {
  const { incidents } = await gatewayJson<IncidentListResponse>(stack, 'GET', '/api/incidents?status=resolved&limit=1');
  if (!incidents[0]) {
    throw new Error('the demo gateway has no resolved incident');
  }
  return gatewayJson<IncidentDetailResponse>(stack, 'GET', `/api/incidents/${encodeURIComponent(incidents[0].id)}`);
}

describe('Incidents page as an Editor', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Editor', user: 'erin' }));
  let detail: IncidentDetailResponse;

  beforeAll(async () => {
    detail = await firstRecentIncident(e2e.stack);
  }, 60_000);

  it('shows the timeline, and saves and exports a post-mortem started from the template', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const errors = recordPageErrors(page);
    try {
      await openIncident(page, e2e.stack, detail.incident.id);
      const kinds = await page
        .locator(byTestId(testIds.incidents.timelineEntry))
        .evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')));
      expect(kinds).toEqual(detail.incident.timeline.map((e) => e.kind));

      await page.locator(byTestId(testIds.incidents.postmortemStart)).click();
      const editor = page.locator(byTestId(testIds.incidents.postmortemEditor));
      const draft = await editor.inputValue();
      expect(draft).toContain(`# Post-mortem: ${detail.incident.title}`);
      expect(draft).toContain(detail.incident.service ?? '');
      await editor.fill(`${draft}\nRoot cause written in the browser test.\n`);
      await page.locator(byTestId(testIds.incidents.postmortemSave)).click();
      await page
        .locator(byTestId(testIds.incidents.postmortemStatus))
        .getByText(/^Saved by erin/)
        .waitFor({ timeout: WAIT_MS });

      const stored = await gatewayJson<PostmortemResponse>(
        e2e.stack,
        'GET',
        `/api/incidents/${encodeURIComponent(detail.incident.id)}/postmortem`
      );
      expect(stored.postmortem?.updatedBy).toBe('erin');
      expect(stored.postmortem?.markdown).toContain('Root cause written in the browser test.');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(byTestId(testIds.incidents.postmortemExport)).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`postmortem-${detail.incident.id}.md`);
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) {
        chunks.push(Buffer.from(chunk as Buffer));
      }
      expect(Buffer.concat(chunks).toString('utf8')).toBe(stored.postmortem?.markdown);

      // A reload shows the stored post-mortem, not a new draft.
      await openIncident(page, e2e.stack, detail.incident.id);
      await page
        .locator(byTestId(testIds.incidents.postmortemStatus))
        .getByText(/^Saved by erin/)
        .waitFor({ timeout: WAIT_MS });
      expect(await page.locator(byTestId(testIds.incidents.postmortemEditor)).inputValue()).toBe(
        stored.postmortem?.markdown
      );
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('fits 375 px without sideways scrolling and has no serious axe violations', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 375, height: 812 } });
    try {
      await openIncident(page, e2e.stack, detail.incident.id);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});

describe('Incidents page as a Viewer', () => {
  const e2e = useBrowserStack(() => startStack({ role: 'Viewer' }));

  it('exports the open and recently resolved incidents it lists as CSV and JSON', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const errors = recordPageErrors(page);
    const read = async (click: () => Promise<void>) => {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) {
        chunks.push(Buffer.from(chunk as Buffer));
      }
      return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
    };
    try {
      await page.goto(`${e2e.stack.host.url}${appUrl(ROUTES.Incidents)}`, { timeout: WAIT_MS });
      await page.locator(byTestId(testIds.incidents.recentList)).waitFor({ timeout: WAIT_MS });
      const shownIds = async (list: string) =>
        (
          await page
            .locator(`${byTestId(list)} [data-testid^="${testIds.incidents.row('')}"]`)
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid') ?? ''))
        ).map((id) => id.slice(testIds.incidents.row('').length));
      const open = await shownIds(testIds.incidents.openList);
      const recent = await shownIds(testIds.incidents.recentList);
      const { incidents: resolved } = await gatewayJson<IncidentListResponse>(
        e2e.stack,
        'GET',
        '/api/incidents?status=resolved&limit=20'
      );
      expect(recent).toEqual(resolved.map((i) => i.id));

      const csv = await read(() => page.locator(byTestId(testIds.incidents.exportButton('csv'))).click());
      expect(csv.name).toMatch(/^incidents-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.csv$/);
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'list,id,title,severity,status,service,team,source,external_id,created_at,updated_at,alerts'
      );
      expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
        ...open.map((id) => `open,${id}`),
        ...recent.map((id) => `recently_resolved,${id}`),
      ]);

      const json = await read(() => page.locator(byTestId(testIds.incidents.exportButton('json'))).click());
      const body = JSON.parse(json.text) as { open: Array<{ id: string }>; recentlyResolved: typeof resolved };
      expect(body.open.map((i) => i.id)).toEqual(open);
      expect(body.recentlyResolved).toEqual(resolved);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('cannot start or save a post-mortem', async () => {
    const detail = await firstRecentIncident(e2e.stack);
    const page = await e2e.browser.newPage();
    try {
      await openIncident(page, e2e.stack, detail.incident.id);
      await page
        .locator(byTestId(testIds.incidents.postmortemStatus))
        .getByText('No post-mortem yet.')
        .waitFor({ timeout: WAIT_MS });
      expect(await page.locator(byTestId(testIds.incidents.postmortemStart)).count()).toBe(0);
      const status = await page.evaluate(async (id) => {
        const resp = await fetch(
          `/api/datasources/proxy/uid/opsdeck/write/api/incidents/${encodeURIComponent(id)}/postmortem`,
          {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ markdown: '# forged' }),
          }
        );
        return resp.status;
      }, detail.incident.id);
      expect(status).toBe(403);
    } finally {
      await page.close();
    }
  }, 60_000);
});
