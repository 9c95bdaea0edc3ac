import { GatewayClient, type GatewayRequest } from '@/api';
import {
  actionsFor,
  describeError,
  describeRequest,
  describeResult,
  HOUR_MS,
  mostLikelyAction,
  newAttempt,
  shortcutFor,
  SHORTCUTS,
  snoozeText,
  untilTime,
} from '@/components/Actions';
import {
  ACTION_KINDS,
  ACTIONS_BY_SOURCE,
  ALERT_SOURCES,
  type ActionResult,
  type EscalationPolicyOnCall,
  actionSupport,
  describeAction,
  isActionSupported,
  isDemoTarget,
} from '@opsdeck/contract';
import { ASSIGNEE_ID_LABELS, assigneeChoices, levelsOf, policiesFor, rosterAssigns } from '@/components/Actions';
import { useActionRunner } from '@/components/Actions/useActionRunner';
import { act, renderHook } from '@testing-library/react';

const at = (hhmm: string) => {
  const d = new Date(2026, 0, 15, 0, 0, 0, 0);
  const [h, m] = hhmm.split(':').map(Number);
  d.setHours(h, m);
  return d.getTime();
};

describe('which actions a source supports, and what each does there', () => {
  it('has a row for every alert source', () => {
    for (const source of ALERT_SOURCES) {
      expect(ACTIONS_BY_SOURCE[source]).toBeDefined();
      expect(isActionSupported(source, 'acknowledge')).toBe(true);
      expect(isActionSupported(source, 'note')).toBe(true);
    }
  });

  it('says an Alertmanager snooze is a silence on the alert labels, for how long and until when', () => {
    const now = at('03:00');
    const text = describeRequest(
      { kind: 'alert', source: 'alertmanager', labels: { alertname: 'HighErrorRate', service: 'checkout-api' } },
      'snooze',
      { until: now + HOUR_MS },
      now
    );
    expect(text).toBe(
      'Creates a silence in Alertmanager for 1 h, until 04:00 matching alertname=HighErrorRate, service=checkout-api.'
    );
  });

  it('names the demo stand-in in demo mode, and Opsdeck where the source has no acknowledge', () => {
    expect(describeAction({ source: 'alertmanager', action: 'resolve', target: 'alert', demo: true }).sentence).toMatch(
      /^Resolves the alert in the demo Alertmanager/
    );
    expect(describeAction({ source: 'alertmanager', action: 'acknowledge', target: 'alert' }).sentence).toBe(
      'Acknowledges in Opsdeck only: Alertmanager has no acknowledge.'
    );
  });

  it('describes PagerDuty snoozes and escalations, and needs an escalation for Opsgenie and JSM', () => {
    const now = at('02:30');
    expect(describeRequest({ kind: 'incident', source: 'pagerduty' }, 'snooze', { until: at('04:00') }, now)).toBe(
      'Snoozes the PagerDuty incident for 1 h 30 min, until 04:00 (acknowledging it first if it is triggered).'
    );
    expect(describeRequest({ kind: 'incident', source: 'pagerduty' }, 'escalate', { level: 3 }, now)).toBe(
      'Escalates the PagerDuty incident to level 3.'
    );
    expect(ACTIONS_BY_SOURCE.pagerduty.escalate.escalateBy).toBe('level');
    expect(ACTIONS_BY_SOURCE.opsgenie.escalate.escalateBy).toBe('name');
    expect(ACTIONS_BY_SOURCE.jsm.escalate.escalateBy).toBe('id');
    expect(describeRequest({ kind: 'alert', source: 'opsgenie' }, 'escalate', { escalation: 'Payments L2' }, now)).toBe(
      'Escalates the Opsgenie alert to the escalation Payments L2.'
    );
  });

  it('leaves out what the source cannot do: no escalation on Alertmanager, no resolve of a Grafana alert', () => {
    expect(actionsFor({ source: 'alertmanager', status: 'firing' })).toEqual([
      'acknowledge',
      'snooze',
      'resolve',
      'note',
    ]);
    expect(actionsFor({ source: 'grafana', status: 'firing' })).toEqual(['acknowledge', 'note']);
    expect(describeAction({ source: 'alertmanager', action: 'escalate', target: 'alert' })).toMatchObject({
      supported: false,
      sentence: expect.stringMatching(/^Not available:/),
    });
  });

  it('offers reassign and severity at PagerDuty, Opsgenie and JSM only (outside the demo), as the gateway does', () => {
    const vendors = ['pagerduty', 'opsgenie', 'jsm'];
    for (const source of ALERT_SOURCES) {
      const expected = vendors.includes(source);
      expect([source, isActionSupported(source, 'reassign')]).toEqual([source, expected]);
      expect([source, isActionSupported(source, 'severity')]).toEqual([source, expected]);
    }
    expect(describeAction({ source: 'grafana', action: 'reassign', target: 'alert' }).sentence).toBe(
      'Not available: Opsdeck cannot reassign Grafana Alerting alerts.'
    );
    expect(describeAction({ source: 'alertmanager', action: 'severity', target: 'alert' })).toMatchObject({
      supported: false,
      sentence: 'Not available: Opsdeck cannot change the severity of Alertmanager alerts.',
    });
    expect(actionsFor({ source: 'pagerduty', status: 'acknowledged' })).toEqual([
      'resolve',
      'snooze',
      'escalate',
      'reassign',
      'severity',
      'note',
    ]);
  });

  it('says who a vendor reassigns to, and how a severity is set there: urgency at PagerDuty, P1/P3/P5 elsewhere', () => {
    const say = (input: Partial<Parameters<typeof describeAction>[0]>) =>
      describeAction({ source: 'pagerduty', action: 'reassign', target: 'incident', ...input });
    expect(say({ assignee: 'Alice' })).toEqual({
      supported: true,
      at: 'pagerduty',
      sentence: 'Reassigns the PagerDuty incident to Alice.',
    });
    expect(say({ source: 'jsm', assignee: '712020:ab12' }).sentence).toBe(
      'Reassigns the JSM Operations incident to 712020:ab12.'
    );
    expect(say({ action: 'severity', severity: 'critical' }).sentence).toBe(
      'Sets PagerDuty urgency to high (critical is high; warning and info are low).'
    );
    expect(say({ action: 'severity', severity: 'info' }).sentence).toMatch(/^Sets PagerDuty urgency to low /);
    expect(say({ source: 'opsgenie', action: 'severity', target: 'alert', severity: 'critical' }).sentence).toBe(
      'Sets the Opsgenie priority to P1 (critical).'
    );
    expect(say({ source: 'opsgenie', action: 'severity', target: 'alert', severity: 'warning' }).sentence).toBe(
      'Sets the Opsgenie priority to P3 (warning).'
    );
    expect(say({ source: 'jsm', action: 'severity', severity: 'info' }).sentence).toBe(
      'Sets the JSM Operations priority to P5 (info).'
    );
  });

  it('picks assignees from the roster only where it is the source`s own; otherwise the source`s id is typed in', () => {
    expect(rosterAssigns('pagerduty', { source: 'pagerduty' })).toBe(true);
    expect(rosterAssigns('pagerduty', { source: 'opsgenie' })).toBe(false);
    expect(rosterAssigns('demo', { source: 'alertmanager', demo: true })).toBe(true);
    expect(ASSIGNEE_ID_LABELS.jsm).toBe('Atlassian account id');
  });

  it('offers every action on a demo alert, and says which part the demo Alertmanager does and what Opsdeck holds', () => {
    for (const action of ACTION_KINDS) {
      expect([action, isActionSupported('alertmanager', action, { demo: true })]).toEqual([action, true]);
    }
    expect(actionSupport('alertmanager', 'escalate', { demo: true })).toEqual({ at: 'opsdeck', escalateBy: 'policy' });
    // The demo flag is about the demo's Alertmanager alerts only: other sources keep their row.
    expect(isActionSupported('grafana', 'resolve', { demo: true })).toBe(false);
    expect(actionsFor({ source: 'alertmanager', status: 'firing', demo: true }).slice(0, 3)).toEqual([
      'acknowledge',
      'snooze',
      'resolve',
    ]);
    const say = (input: Partial<Parameters<typeof describeAction>[0]>) =>
      describeAction({ source: 'alertmanager', action: 'note', target: 'incident', demo: true, ...input }).sentence;
    expect(say({ action: 'snooze', snoozeText: 'for 1 h, until 04:00', labels: { service: 'checkout-api' } })).toBe(
      'Creates a silence in the demo Alertmanager for 1 h, until 04:00 matching service=checkout-api; when it expires the alert fires again, unacknowledged.'
    );
    expect(say({ action: 'escalate' })).toBe(
      'Escalates to the next level of its on-call policy, held in Opsdeck (demo).'
    );
    expect(
      say({
        action: 'escalate',
        escalation: 'demo-payments',
        level: 2,
        policyName: 'payments on-call',
        people: ['Ken'],
      })
    ).toBe('Escalates to level 2 of payments on-call, held in Opsdeck (demo): pages Ken.');
    expect(say({ action: 'reassign', assignee: 'Grace' })).toBe('Reassigns to Grace, held in Opsdeck (demo).');
    expect(say({ action: 'severity', severity: 'critical' })).toBe(
      'Changes the severity to critical, held in Opsdeck (demo).'
    );
  });

  it('treats an alert as the demo’s only on a demo gateway, from Alertmanager, labelled demo="true"', () => {
    expect(isDemoTarget('demo', 'alertmanager', { demo: 'true' })).toBe(true);
    expect(isDemoTarget('live', 'alertmanager', { demo: 'true' })).toBe(false);
    expect(isDemoTarget(undefined, 'alertmanager', { demo: 'true' })).toBe(false);
    expect(isDemoTarget('demo', 'alertmanager', { alertname: 'X' })).toBe(false);
    expect(isDemoTarget('demo', 'pagerduty', { demo: 'true' })).toBe(false);
  });

  it('puts the most likely action first: acknowledge while firing, resolve once acknowledged, none once resolved', () => {
    expect(mostLikelyAction({ source: 'pagerduty', status: 'firing' })).toBe('acknowledge');
    expect(mostLikelyAction({ source: 'pagerduty', status: 'triggered' })).toBe('acknowledge');
    expect(mostLikelyAction({ source: 'pagerduty', status: 'acknowledged' })).toBe('resolve');
    expect(mostLikelyAction({ source: 'pagerduty', status: 'resolved' })).toBeUndefined();
    expect(actionsFor({ source: 'pagerduty', status: 'resolved' })).toEqual(['note']);
  });
});

describe('on-call pickers', () => {
  const person = (id: string) => ({ id, name: id.toUpperCase(), contacts: [] });
  const policy = (team: string, now: string, next: string, lead: string): EscalationPolicyOnCall => ({
    id: `demo-${team}`,
    name: `${team} on-call`,
    teams: [team],
    services: [`${team}-api`],
    steps: [],
    layers: [
      { level: 2, now: [{ person: person(lead) }], next: [] },
      { level: 1, now: [{ person: person(now) }], next: [{ person: person(next) }] },
    ],
  });
  const roster = [policy('catalog', 'ada', 'grace', 'linus'), policy('payments', 'ken', 'barbara', 'ada')];

  it('puts the target’s own policy and its people first, on call now before next, each person once', () => {
    expect(policiesFor(roster, { service: 'payments-api' }).map((p) => p.id)).toEqual([
      'demo-payments',
      'demo-catalog',
    ]);
    const choices = assigneeChoices(roster, { team: 'payments' });
    expect(choices.map((c) => [c.person.id, c.where, c.own])).toEqual([
      ['ken', 'payments on-call, level 1 now', true],
      ['ada', 'payments on-call, level 2 now', true],
      ['barbara', 'payments on-call, level 1 next', true],
      ['linus', 'catalog on-call, level 2 now', false],
      ['grace', 'catalog on-call, level 1 next', false],
    ]);
    expect(levelsOf(roster[0])).toEqual([
      { level: 1, people: ['ADA'] },
      { level: 2, people: ['LINUS'] },
    ]);
  });
});

describe('snooze times', () => {
  it('reads "until 04:00" as the next 04:00: today if still ahead, else tomorrow', () => {
    expect(untilTime(at('03:00'), '04:00')).toBe(at('04:00'));
    expect(untilTime(at('05:00'), '04:00')).toBe(at('04:00') + 24 * HOUR_MS);
    expect(untilTime(at('05:00'), 'soon')).toBeUndefined();
    expect(snoozeText(at('23:30'), at('23:30') + 4 * HOUR_MS)).toBe('for 4 h, until 03:30');
  });
});

describe('answers in words', () => {
  const result: ActionResult = {
    action: 'snooze',
    target: 'alert',
    targetId: 'a1',
    outcome: 'done',
    provider: 'alertmanager',
    message: 'silenced until 2026-01-15T04:00:00.000Z',
    user: 'erin',
    at: 0,
    auditId: 1,
  };

  it('says where it was done, with the source own words', () => {
    expect(describeResult(result)).toEqual({
      severity: 'success',
      text: 'Snoozed at Alertmanager: silenced until 2026-01-15T04:00:00.000Z.',
    });
    expect(describeResult({ ...result, action: 'acknowledge', provider: 'opsdeck', message: undefined }).text).toBe(
      'Acknowledged in Opsdeck.'
    );
  });

  it('shows a 409 "already resolved" as nothing done, and a 502 as failed with the upstream message', () => {
    const closed = { status: 409, data: { error: 'already resolved at 2026-01-15T03:10:00.000Z by bob', result } };
    expect(describeError('resolve', closed)).toEqual({
      severity: 'warning',
      text: 'Nothing was done: already resolved at 2026-01-15T03:10:00.000Z by bob.',
    });
    const refused = {
      status: 502,
      data: {
        error: 'PagerDuty 400: Incident Already Resolved',
        result: {
          ...result,
          outcome: 'failed',
          provider: 'pagerduty',
          message: 'PagerDuty 400: Incident Already Resolved',
        },
      },
    };
    expect(describeError('acknowledge', refused)).toEqual({
      severity: 'error',
      text: 'Acknowledge failed at PagerDuty: PagerDuty 400: Incident Already Resolved. Nothing was recorded as done.',
    });
    expect(describeError('note', { status: 403, data: {} }).text).toMatch(/needs the Editor role/);
  });
});

describe('idempotency keys', () => {
  it('gives each user action its own key and resends the same key when it is retried', async () => {
    const sent: GatewayRequest[] = [];
    let fail = true;
    const client = new GatewayClient('/proxy', async <T>(request: GatewayRequest) => {
      sent.push(request);
      if (fail) {
        fail = false;
        throw { status: 504, data: 'gateway timeout' };
      }
      return {
        status: 200,
        data: { ...({} as ActionResult), outcome: 'done', action: 'resolve', provider: 'pagerduty' } as T,
      };
    });
    const target = {
      kind: 'alert' as const,
      id: 'a1',
      source: 'pagerduty' as const,
      status: 'firing' as const,
      title: 'x',
    };
    const { result } = renderHook(() => useActionRunner(client));
    await act(() => result.current.run(newAttempt(target, 'resolve', {})));
    expect(result.current.retryable).toBeDefined();
    await act(async () => result.current.retry());
    await act(() => result.current.run(newAttempt(target, 'resolve', {})));
    const keys = sent.map((r) => r.headers?.['Idempotency-Key']);
    expect(sent.map((r) => r.url)).toEqual(Array(3).fill('/proxy/write/api/alerts/a1/resolve'));
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});

describe('keyboard map', () => {
  const key = (k: string, extra: object = {}) => shortcutFor({ key: k, ...extra });

  it('maps j/k and the arrows to moving, and the action letters to their actions', () => {
    expect([key('j'), key('ArrowDown'), key('k'), key('ArrowUp')]).toEqual(['next', 'next', 'previous', 'previous']);
    expect(['a', 'r', 's', 'n', 'e', 'x', '?'].map((k) => key(k))).toEqual([
      'acknowledge',
      'resolve',
      'snooze',
      'note',
      'escalate',
      'select',
      'help',
    ]);
    expect(key('Escape')).toBe('close');
    expect(key('q')).toBeUndefined();
  });

  it('ignores keys typed into a field and modified keys, but Escape still closes', () => {
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    expect(key('a', { target: input })).toBeUndefined();
    expect(key('j', { target: textarea })).toBeUndefined();
    expect(key('Escape', { target: input })).toBe('close');
    expect(key('r', { ctrlKey: true })).toBeUndefined();
    expect(key('a', { metaKey: true })).toBeUndefined();
  });

  it('lists every command once in the help', () => {
    const commands = SHORTCUTS.map((s) => s.command);
    expect(new Set(commands).size).toBe(commands.length);
  });
});
