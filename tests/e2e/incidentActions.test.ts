/**
 * Every action on a demo incident from the Incidents page, on a desktop and on a 390×844 phone, against a real demo
 * gateway whose clock is pinned while the incident is open: acknowledge, note, escalate to a chosen policy of the
 * demo roster, reassign to a person of it, change the severity, resolve. Each step is checked against the page's
 * answer, the incident the gateway stores and its timeline entry with the Grafana user.
 */
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import { ROUTES } from '@/constants';
import type { IncidentDetailResponse, OnCallResponse, TimelineEntry } from '@opsdeck/contract';
import { openDemoIncident } from './support/alerts';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { gatewayJson, startStack, type Stack } from './support/stack';
import { appUrl, byTestId } from './support/app';
import { useBrowserStack } from './support/fixture';
import { actInBar } from './support/actions';

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
const demo = openDemoIncident();

const stored = async (stack: Stack) =>
  (await gatewayJson<IncidentDetailResponse>(stack, 'GET', `/api/incidents/${encodeURIComponent(demo.incidentId)}`))
    .incident;

/** The incident as stored, with the entry the step made (entries at the frozen clock share one time). */
async function expectStored(stack: Stack, fields: Record<string, unknown>, entry: Partial<TimelineEntry>) {
  const incident = await stored(stack);
  expect(incident).toMatchObject(fields);
  expect(incident.timeline).toContainEqual(expect.objectContaining({ actor: 'erin', ...entry }));
}

const act = (page: Page, action: string, says: RegExp, fill?: () => Promise<void>) =>
  actInBar(page, demo.incidentId, action, says, fill);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(Object.entries(VIEWPORTS))('Incident actions on the demo as an Editor (%s)', (name, viewport) => {
  const e2e = useBrowserStack(() => startStack({ role: 'Editor', user: 'erin', clock: () => demo.now }));

  it('acknowledges, notes, escalates to a chosen policy, reassigns, changes severity and resolves', async () => {
    const before = await stored(e2e.stack);
    expect(before.status).toBe('triggered');
    const { policies } = await gatewayJson<OnCallResponse>(e2e.stack, 'GET', '/api/oncall');
    const own = policies.find((p) => before.service !== undefined && p.services.includes(before.service))!;
    const other = policies.find((p) => p.id !== own.id)!;
    const assignee = own.layers.find((l) => l.level === 1)!.next[0].person;
    const severity = before.severity === 'info' ? 'warning' : 'info';
    const id = demo.incidentId;

    const page = await e2e.browser.newPage({ viewport });
    const errors = recordPageErrors(page);
    const timelineShows = (text: string | RegExp) =>
      page.locator(byTestId(testIds.incidents.timelineEntry)).getByText(text).first().waitFor({ timeout: WAIT_MS });
    try {
      await page.goto(`${e2e.stack.host.url}${appUrl(ROUTES.Incidents, `?incident=${encodeURIComponent(id)}`)}`, {
        timeout: WAIT_MS,
      });
      const bar = page.locator(byTestId(testIds.actions.bar(id)));
      await bar.waitFor({ timeout: WAIT_MS });
      expect(await bar.locator('button').first().getAttribute('data-testid')).toBe(
        testIds.actions.button(id, 'acknowledge')
      );
      if (name === 'phone') {
        for (const button of await bar.locator('button').all()) {
          expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
        }
      }

      expect(await act(page, 'acknowledge', /held in Opsdeck \(demo\)/)).toMatch(/^Acknowledged in Opsdeck/);
      await expectStored(e2e.stack, { status: 'acknowledged' }, { kind: 'acknowledged' });

      const text = `Checked the dashboards (${name})`;
      expect(
        await act(page, 'note', /^Keeps the note, held in Opsdeck \(demo\)/, () =>
          page.locator(byTestId(testIds.actions.noteText(id))).fill(text)
        )
      ).toMatch(/^Note added/);
      await expectStored(e2e.stack, {}, { kind: 'note', text });
      await timelineShows(text);

      const paged = other.layers.find((l) => l.level === 1)!.now.map((s) => s.person.name);
      const escalated = await act(
        page,
        'escalate',
        new RegExp(
          `^Escalates to level 1 of ${escape(other.name)}, held in Opsdeck \\(demo\\): pages ${escape(paged.join(', '))}\\.$`
        ),
        () => page.locator(byTestId(testIds.actions.escalationPolicy(id, other.id))).click()
      );
      expect(escalated).toMatch(new RegExp(`^Escalated in Opsdeck: escalated to level 1 of ${escape(other.name)}`));
      const escalatedText = `Escalated to ${other.name}, level 1 (demo)`;
      await expectStored(e2e.stack, {}, { kind: 'escalated', text: escalatedText });
      await timelineShows(escalatedText);

      const reassigned = await act(
        page,
        'reassign',
        new RegExp(`^Reassigns to ${escape(assignee.name)}, held in Opsdeck \\(demo\\)\\.$`),
        async () => {
          // The incident's own team comes first: its first-level responder on call now leads the list.
          const first = page.locator(`[role="group"][aria-label="Reassign to"] button`).first();
          await first.waitFor({ timeout: WAIT_MS });
          const now = own.layers.find((l) => l.level === 1)!.now[0].person;
          expect(await first.getAttribute('data-testid')).toBe(testIds.actions.assignee(id, now.id));
          await page.locator(byTestId(testIds.actions.assignee(id, assignee.id))).click();
        }
      );
      expect(reassigned).toMatch(/^Reassigned in Opsdeck/);
      await expectStored(
        e2e.stack,
        {},
        { kind: 'note', text: expect.stringMatching(`^Reassigned to ${assignee.name}`) }
      );

      const changed = await act(
        page,
        'severity',
        new RegExp(`^Changes the severity to ${severity}, held in Opsdeck`),
        () => page.locator(byTestId(testIds.actions.severity(id, severity))).click()
      );
      expect(changed).toMatch(/^Severity changed in Opsdeck/);
      await expectStored(
        e2e.stack,
        { severity },
        { kind: 'note', text: expect.stringContaining(`Severity changed to ${severity}`) }
      );

      expect(await act(page, 'resolve', /^Resolves the incident's alert in the demo Alertmanager/)).toMatch(
        /^Resolved at Alertmanager/
      );
      await expectStored(e2e.stack, { status: 'resolved', severity }, { kind: 'resolved' });
      await timelineShows(/resolved/i);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 120_000);
});
