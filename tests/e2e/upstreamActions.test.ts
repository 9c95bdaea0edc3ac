/**
 * Every action from the pages against the PagerDuty, Opsgenie and JSM Operations protocol fakes, on a live gateway
 * (no demo fleet): one incident or alert per vendor comes in through its signed or token-checked webhook, and an
 * Editor acknowledges, notes, snoozes, escalates, reassigns, changes the severity of and resolves it from its action
 * bar. Each step checks what the bar said it would do, the page's answer and the request the vendor's fake received
 * (method, path, body). The gateway's on-call roster is PagerDuty's, so a PagerDuty assignee is picked from it and an
 * Opsgenie or JSM one is typed in as that vendor's user id.
 */
import type { Page } from 'playwright-core';
import { testIds } from '@/components/testIds';
import { ROUTES } from '@/constants';
import type { HealthResponse, IncidentDetailResponse } from '@opsdeck/contract';
import { alertId, incidentId } from '../../gateway/src/upstream/alertIngest';
import type { RestCall, RestFakeServer } from '../../gateway/tests/fakes/rest/restFakeServer';
import { pagerDutyBody, postPagerDuty } from '../../gateway/tests/support/pagerDutyWebhook';
import { actInBar } from './support/actions';
import { appUrl, byTestId } from './support/app';
import { recordPageErrors, WAIT_MS } from './support/browser';
import { useBrowserStack } from './support/fixture';
import { gatewayJson, startStack, type Stack } from './support/stack';
import {
  EDITOR,
  PD_POLICY,
  PD_SECOND,
  postVendorAlert,
  startUpstreamFakes,
  type UpstreamFakes,
} from './support/upstreamFakes';

const HOUR_MS = 3_600_000;

/** What one step sent the vendor: its writes (request-status polls are the client following them). */
type Sent = Pick<RestCall, 'method' | 'path' | 'body'>;

interface Vendor {
  source: 'pagerduty' | 'opsgenie' | 'jsm';
  fake: () => RestFakeServer;
  /** The snooze end the fake holds for the incident or alert. */
  snoozedUntil: () => string | undefined;
  /** Brings the incident or alert in through the webhook; the id its action bar is for and the page that shows it. */
  arrive(stack: Stack): Promise<{ id: string; incident: string; url: string }>;
  /** What the escalate form is given. */
  escalate: { testId: (id: string) => string; value: string };
  /** Chooses the assignee in the reassign form. */
  reassign: (page: Page, id: string) => Promise<void>;
  /** Per step: what the bar says it will do, the page's answer, and what the fake received (given the note). */
  expected: Record<Step, { says: RegExp; answer: RegExp; sent: (note: string) => Sent[] }>;
}

type Step = 'acknowledge' | 'note' | 'snooze' | 'escalate' | 'reassign' | 'severity' | 'resolve';
const STEPS: Step[] = ['acknowledge', 'note', 'snooze', 'escalate', 'reassign', 'severity', 'resolve'];
/** The severity step's choice: the vendors' alerts arrive critical (PagerDuty high urgency, Opsgenie/JSM P1). */
const NEW_SEVERITY = 'warning';
const OG_ASSIGNEE = 'frank@example.com';
const JSM_ASSIGNEE = '712020:5c1e0f7a-2b3d-4e5f-8a9b-0c1d2e3f4a5b';

const typeAssignee = (value: string) => (page: Page, id: string) =>
  page.locator(byTestId(testIds.actions.assigneeId(id))).fill(value);

let fakes: UpstreamFakes;
const PD_INCIDENT = 9101;
const PD_ID = `PTEST${PD_INCIDENT}`;
const OG_ID = '70413a06-38d6-4c85-92b8-5ebc900d42e2';
const JSM_ID = '9b251e07-73c9-4907-9996-8cb53a6a20d9-1704440650350';
const JSM_ESCALATION = 'a3a1f2c0-58b4-4b4a-9f58-2f6a0c1d7e11';
const OG_ESCALATION = 'Search_escalation';
/** The snooze end a body carries, an ISO time; how far on it is, is read from the fake's state after the steps. */
const anIsoTime = expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string;

const incidentsPage = (id: string) => appUrl(ROUTES.Incidents, `?incident=${encodeURIComponent(id)}`);

const VENDORS: Vendor[] = [
  {
    source: 'pagerduty',
    fake: () => fakes.pagerduty,
    snoozedUntil: () => fakes.pagerduty.incidents.get(PD_ID)?.snoozedUntil,
    async arrive(stack) {
      fakes.pagerduty.addIncident({ id: PD_ID, serviceId: 'PCHK001', escalationPolicyId: PD_POLICY });
      const body = pagerDutyBody(PD_INCIDENT, 'incident.triggered', Date.now());
      const response = await postPagerDuty(stack.gateway.url, body, 'e2e-upstream-pd');
      expect(response.status).toBe(200);
      const id = incidentId('pagerduty', PD_ID);
      return { id, incident: id, url: incidentsPage(id) };
    },
    escalate: { testId: testIds.actions.escalateLevel, value: '2' },
    reassign: (page, id) => page.locator(byTestId(testIds.actions.assignee(id, PD_SECOND.id))).click(),
    expected: {
      acknowledge: {
        says: /^Acknowledges the PagerDuty incident\.$/,
        answer: new RegExp(`^Acknowledged at PagerDuty: PagerDuty incident acknowledged as ${EDITOR.email}\\.$`),
        sent: () => [pdUpdate({ status: 'acknowledged' })],
      },
      note: {
        says: /^Adds the note to the PagerDuty incident\.$/,
        answer: /^Note added at PagerDuty: note added on PagerDuty\.$/,
        sent: (note) => [{ method: 'POST', path: `/incidents/${PD_ID}/notes`, body: { note: { content: note } } }],
      },
      snooze: {
        says: /^Snoozes the PagerDuty incident for 1 h.* \(acknowledging it first if it is triggered\)\.$/,
        answer: /^Snoozed at PagerDuty: PagerDuty incident snoozed for \d+ s\.$/,
        sent: () => [
          { method: 'POST', path: `/incidents/${PD_ID}/snooze`, body: { duration: expect.any(Number) as number } },
        ],
      },
      escalate: {
        says: /^Escalates the PagerDuty incident to level 2\.$/,
        answer: /^Escalated at PagerDuty: escalated to level 2\.$/,
        sent: () => [pdUpdate({ escalation_level: 2 })],
      },
      reassign: {
        says: new RegExp(`^Reassigns the PagerDuty incident to ${PD_SECOND.name}\\.$`),
        answer: new RegExp(`^Reassigned at PagerDuty: ${PD_SECOND.name} \\(${PD_SECOND.id}\\)\\.$`),
        sent: () => [pdUpdate({ assignments: [{ assignee: { id: PD_SECOND.id, type: 'user_reference' } }] })],
      },
      severity: {
        says: /^Sets PagerDuty urgency to low \(critical is high; warning and info are low\)\.$/,
        answer: /^Severity changed at PagerDuty: urgency set to low\.$/,
        sent: () => [pdUpdate({ urgency: 'low' })],
      },
      resolve: {
        says: /^Resolves the PagerDuty incident\.$/,
        answer: new RegExp(`^Resolved at PagerDuty: PagerDuty incident resolved as ${EDITOR.email}\\.$`),
        sent: () => [pdUpdate({ status: 'resolved' })],
      },
    },
  },
  {
    source: 'opsgenie',
    fake: () => fakes.opsgenie,
    snoozedUntil: () => fakes.opsgenie.alerts.get(OG_ID)?.snoozedUntil,
    async arrive(stack) {
      await postVendorAlert(stack.gateway.url, fakes, 'opsgenie', OG_ID, 'E2E Opsgenie disk full', 'search-api');
      const id = alertId('opsgenie', OG_ID);
      return {
        id,
        incident: incidentId('opsgenie', OG_ID),
        url: appUrl(ROUTES.Alerts, `?source=opsgenie&group=none&alert=${encodeURIComponent(id)}`),
      };
    },
    escalate: { testId: testIds.actions.escalation, value: OG_ESCALATION },
    reassign: typeAssignee(OG_ASSIGNEE),
    expected: vendorSteps({
      name: 'Opsgenie',
      target: 'alert',
      alertPath: () => `/v2/alerts/${OG_ID}`,
      // Opsgenie's bodies name the acting user and the sender.
      bodyOf: (fields) => ({ user: EDITOR.login, source: 'Opsdeck', ...fields }),
      escalation: { shown: OG_ESCALATION, body: { escalation: { name: OG_ESCALATION } } },
      assignee: { shown: OG_ASSIGNEE, body: { owner: { username: OG_ASSIGNEE } } },
      priorityMethod: 'PUT',
    }),
  },
  {
    source: 'jsm',
    fake: () => fakes.jsm,
    snoozedUntil: () => fakes.jsm.alerts.get(JSM_ID)?.snoozedUntil,
    async arrive(stack) {
      fakes.jsm.escalations.add(JSM_ESCALATION);
      await postVendorAlert(stack.gateway.url, fakes, 'jsm', JSM_ID, 'E2E JSM queue backlog', 'search-api');
      const id = incidentId('jsm', JSM_ID);
      return { id, incident: id, url: incidentsPage(id) };
    },
    escalate: { testId: testIds.actions.escalation, value: JSM_ESCALATION },
    reassign: typeAssignee(JSM_ASSIGNEE),
    expected: vendorSteps({
      name: 'JSM Operations',
      target: 'incident',
      alertPath: () => `${fakes.jsm.prefix}/alerts/${JSM_ID}`,
      // JSM's acknowledge and close declare no body; the others carry only their own fields.
      bodyOf: (fields) => (Object.keys(fields).length > 0 ? fields : undefined),
      escalation: { shown: JSM_ESCALATION, body: { escalationId: JSM_ESCALATION } },
      assignee: { shown: JSM_ASSIGNEE, body: { accountId: JSM_ASSIGNEE } },
      priorityMethod: 'PATCH',
    }),
  },
];

function pdUpdate(update: Record<string, unknown>): Sent {
  return { method: 'PUT', path: `/incidents/${PD_ID}`, body: { incident: { type: 'incident_reference', ...update } } };
}

/** Opsgenie and JSM: the same actions under /alerts/{id}/, answered with the request status the client followed. */
function vendorSteps(vendor: {
  name: string;
  target: 'alert' | 'incident';
  /** Read when a step is checked: the fakes' addresses are known once they run. */
  alertPath: () => string;
  bodyOf: (fields: Record<string, unknown>) => unknown;
  escalation: { shown: string; body: Record<string, unknown> };
  assignee: { shown: string; body: Record<string, unknown> };
  /** Opsgenie PUTs the priority, JSM PATCHes it; its body is the priority alone at both. */
  priorityMethod: 'PUT' | 'PATCH';
}): Vendor['expected'] {
  const { name, escalation, assignee } = vendor;
  const thing = `${name} ${vendor.target}`;
  const post = (action: string, fields: Record<string, unknown> = {}): Sent => ({
    method: 'POST',
    path: `${vendor.alertPath()}/${action}`,
    body: vendor.bodyOf(fields),
  });
  return {
    acknowledge: {
      says: new RegExp(`^Acknowledges the ${thing}\\.$`),
      answer: new RegExp(`^Acknowledged at ${name}: Acknowledged\\.$`),
      sent: () => [post('acknowledge')],
    },
    note: {
      says: new RegExp(`^Adds the note to the ${thing}\\.$`),
      answer: new RegExp(`^Note added at ${name}: Note added\\.$`),
      sent: (note) => [post('notes', { note })],
    },
    snooze: {
      says: new RegExp(`^Snoozes the ${thing} for 1 h`),
      answer: new RegExp(`^Snoozed at ${name}: Snoozed\\.$`),
      sent: () => [post('snooze', { endTime: anIsoTime })],
    },
    escalate: {
      says: new RegExp(`^Escalates the ${thing} to the escalation ${escalation.shown}\\.$`),
      answer: new RegExp(`^Escalated at ${name}: Escalated\\.$`),
      sent: () => [post('escalate', escalation.body)],
    },
    reassign: {
      says: new RegExp(`^Reassigns the ${thing} to ${assignee.shown}\\.$`),
      answer: new RegExp(`^Reassigned at ${name}: ${assignee.shown}\\.$`),
      sent: () => [post('assign', assignee.body)],
    },
    severity: {
      says: new RegExp(`^Sets the ${name} priority to P3 \\(warning\\)\\.$`),
      answer: new RegExp(`^Severity changed at ${name}: priority set to P3\\.$`),
      sent: () => [{ method: vendor.priorityMethod, path: `${vendor.alertPath()}/priority`, body: { priority: 'P3' } }],
    },
    resolve: {
      says: new RegExp(`^Closes the ${thing}\\.$`),
      answer: new RegExp(`^Resolved at ${name}: Closed\\.$`),
      sent: () => [post('close')],
    },
  };
}

const written = (fake: RestFakeServer): Sent[] =>
  fake.calls.filter((c) => c.method !== 'GET').map(({ method, path, body }) => ({ method, path, body }));

async function fill(page: Page, vendor: Vendor, id: string, step: Step, note: string): Promise<void> {
  if (step === 'note') await page.locator(byTestId(testIds.actions.noteText(id))).fill(note);
  if (step === 'snooze') await page.locator(byTestId(testIds.actions.snoozePreset(id, '1 h'))).click();
  if (step === 'escalate') await page.locator(byTestId(vendor.escalate.testId(id))).fill(vendor.escalate.value);
  if (step === 'reassign') await vendor.reassign(page, id);
  if (step === 'severity') await page.locator(byTestId(testIds.actions.severity(id, NEW_SEVERITY))).click();
}

describe('Actions at PagerDuty, Opsgenie and JSM Operations (protocol fakes) as an Editor', () => {
  const e2e = useBrowserStack(async () => {
    fakes = await startUpstreamFakes();
    // A running clock, as in production: an action's entry must come after the webhook's, which carries the vendor's
    // time, for the stored status to follow the action.
    return startStack({ role: 'Editor', user: EDITOR.login, gateway: fakes.gateway, clock: Date.now });
  });
  afterAll(() => fakes?.stop());

  it('runs on a live gateway, not the demo', async () => {
    expect((await gatewayJson<HealthResponse>(e2e.stack, 'GET', '/api/health')).mode).toBe('live');
  });

  it.each(VENDORS.map((v) => [v.source, v] as const))(
    'acknowledges, notes, snoozes, escalates, reassigns, changes the severity and resolves at %s',
    async (source, vendor) => {
      const { id, incident, url } = await vendor.arrive(e2e.stack);
      const fake = vendor.fake();
      const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors = recordPageErrors(page);
      try {
        await page.goto(`${e2e.stack.host.url}${url}`, { timeout: WAIT_MS });
        await page.locator(byTestId(testIds.actions.bar(id))).waitFor({ timeout: WAIT_MS });
        const note = `Looked at the ${source} dashboards`;
        for (const step of STEPS) {
          fake.calls.length = 0;
          const expected = vendor.expected[step];
          const answer = await actInBar(page, id, step, expected.says, () => fill(page, vendor, id, step, note));
          expect([step, answer]).toEqual([step, expect.stringMatching(expected.answer)]);
          expect([step, written(fake)]).toEqual([step, expected.sent(note)]);
          if (source === 'pagerduty') {
            // As the Grafana user: the From header is their PagerDuty email.
            const writes = fake.calls.filter((c) => c.method !== 'GET');
            expect(writes.map((c) => c.headers.from)).toEqual(writes.map(() => EDITOR.email));
          }
        }
        // The 1 h preset, an hour from when it was chosen.
        const snoozed = Date.parse(vendor.snoozedUntil() ?? '') - Date.now();
        expect(snoozed).toBeGreaterThan(HOUR_MS - 5 * 60_000);
        expect(snoozed).toBeLessThanOrEqual(HOUR_MS);
        const stored = await gatewayJson<IncidentDetailResponse>(
          e2e.stack,
          'GET',
          `/api/incidents/${encodeURIComponent(incident)}`
        );
        expect(stored.incident).toMatchObject({ status: 'resolved', severity: NEW_SEVERITY });
        const mine = stored.incident.timeline.filter((e) => e.actor === EDITOR.login).map((e) => e.kind);
        expect(mine).toEqual(expect.arrayContaining(['acknowledged', 'note', 'escalated', 'resolved']));
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    120_000
  );
});
