import { alertFixture } from './alertFixtures';
import { applyAlertChange, filtersFromSearch, groupByService, NO_SERVICE, withFilter } from './alertFilters';
import { alertsToCsv, alertsToJson } from './exportAlerts';
import { alertTimeline } from './alertTimeline';
import { describeAckError, describeBulkResult } from './acknowledge';
import { type ActionResult } from '@opsdeck/contract';

describe('alert filters in the URL', () => {
  it('reads only the known, non-empty filters', () => {
    expect(filtersFromSearch(new URLSearchParams('service=checkout-api&severity=&alert=a1&status=all&bogus=x'))).toEqual({
      service: 'checkout-api',
      status: 'all',
    });
  });

  it('sets and clears one filter, keeping the others', () => {
    const params = new URLSearchParams('team=payments&alert=a1');
    expect(withFilter(params, 'severity', 'critical').toString()).toBe('team=payments&alert=a1&severity=critical');
    expect(withFilter(params, 'team', '').toString()).toBe('alert=a1');
    expect(params.toString()).toBe('team=payments&alert=a1');
  });
});

describe('groupByService', () => {
  it('puts the group with the most severe alert first and sorts inside by severity then newest', () => {
    const groups = groupByService([
      alertFixture({ id: 'w1', service: 'api', severity: 'warning', startsAt: 1 }),
      alertFixture({ id: 'c1', service: 'worker', severity: 'critical', startsAt: 1 }),
      alertFixture({ id: 'w2', service: 'api', severity: 'warning', startsAt: 5 }),
      alertFixture({ id: 'c2', service: 'api', severity: 'critical', startsAt: 2 }),
      alertFixture({ id: 'n1', service: undefined, severity: 'info' }),
    ]);
    expect(groups.map((g) => [g.service, g.alerts.map((a) => a.id)])).toEqual([
      ['api', ['c2', 'w2', 'w1']],
      ['worker', ['c1']],
      [NO_SERVICE, ['n1']],
    ]);
  });

  it('replaces a changed alert in place and ignores alerts not shown', () => {
    const list = [alertFixture({ id: 'a' }), alertFixture({ id: 'b' })];
    const acked = alertFixture({ id: 'b', status: 'acknowledged' });
    expect(applyAlertChange(list, acked).map((a) => a.status)).toEqual(['firing', 'acknowledged']);
    expect(applyAlertChange(list, alertFixture({ id: 'z' }))).toBe(list);
  });
});

describe('export', () => {
  const alerts = [
    alertFixture({ id: 'a1', summary: 'Latency "p99" high, checkout', startsAt: Date.UTC(2026, 0, 1), updatedAt: Date.UTC(2026, 0, 1, 1) }),
    alertFixture({ id: 'a2', summary: '=HYPERLINK("http://evil")', service: undefined, runbookUrl: 'https://wiki/rb', endsAt: Date.UTC(2026, 0, 2) }),
  ];

  it('writes CSV rows in the order given, quoted per RFC 4180, with formulas defused', () => {
    const lines = alertsToCsv(alerts).split('\r\n');
    expect(lines[0]).toBe('id,service,team,severity,status,source,summary,starts_at,updated_at,ends_at,runbook_url,dedup_key');
    expect(lines[1]).toBe(
      'a1,checkout-api,payments,critical,firing,alertmanager,"Latency ""p99"" high, checkout",2026-01-01T00:00:00.000Z,2026-01-01T01:00:00.000Z,,,fp-a1'
    );
    expect(lines[2]).toContain(`,"'=HYPERLINK(""http://evil"")",`);
    expect(lines[2]).toContain('2026-01-02T00:00:00.000Z,https://wiki/rb,fp-a2');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('writes JSON that reads back as the same alerts', () => {
    expect(JSON.parse(alertsToJson(alerts))).toEqual(alerts);
  });
});

describe('alertTimeline', () => {
  it('merges the alert start/end with its incidents, oldest first, without duplicates', () => {
    const alert = alertFixture({ id: 'a', startsAt: 100, endsAt: 400, status: 'resolved', source: 'pagerduty' });
    const timeline = alertTimeline(alert, [
      { timeline: [{ kind: 'triggered', at: 100, actor: 'pagerduty' }, { kind: 'acknowledged', at: 200, actor: 'erin' }] },
      { timeline: [{ kind: 'note', at: 300, actor: 'erin', text: 'rolled back' }] },
    ]);
    expect(timeline.map((e) => [e.kind, e.at])).toEqual([
      ['triggered', 100],
      ['acknowledged', 200],
      ['note', 300],
      ['resolved', 400],
    ]);
  });
});

describe('acknowledge outcomes', () => {
  const result = (outcome: ActionResult['outcome'], message?: string): ActionResult => ({
    action: 'acknowledge',
    target: 'alert',
    targetId: 'x',
    outcome,
    provider: 'pagerduty',
    message,
    user: 'erin',
    at: 1,
    auditId: 1,
  });

  it('never reports a failed upstream as done', () => {
    expect(describeBulkResult({ results: [result('done'), result('done')], done: 2, failed: 0 })).toEqual({ severity: 'success', text: 'Acknowledged 2 alerts.' });
    expect(describeBulkResult({ results: [result('done'), result('failed', 'PagerDuty 429')], done: 1, failed: 1 })).toEqual({
      severity: 'warning',
      text: 'Acknowledged 1, failed 1: PagerDuty 429',
    });
    expect(describeBulkResult({ results: [result('failed', 'x')], done: 0, failed: 1 }).severity).toBe('error');
  });

  it('explains a 403 from the proxy as a missing Editor role', () => {
    const outcome = describeAckError({ status: 403, data: { message: 'plugin proxy route access denied' } });
    expect(outcome.text).toMatch(/needs the Editor role.*403/);
  });
});
