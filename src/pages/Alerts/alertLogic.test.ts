import { GatewayClient } from '@/api';
import { fakeFetch } from '@/api/testing';
import { fakeClock } from '@/api/testingClock';
import { type ActionResult, type AlertBulkJob, type AlertDelta, type AlertListResponse } from '@opsdeck/contract';
import { alertFixture } from './alertFixtures';
import {
  bulkFilter,
  filtersFromSearch,
  groupingFromSearch,
  groupingParam,
  mergeFilter,
  withFilter,
} from './alertFilters';
import {
  applyAlertChange,
  applyDeltas,
  deltaMayMatch,
  ReloadThrottle,
  withFirstPage,
  withNextPage,
} from './alertPages';
import { alertTimeline } from './alertTimeline';
import { describeAckError, describeBulkResult } from './acknowledge';
import { ACK_IDS_PER_CALL, acknowledgeIds, describeBulkError, describeBulkJob } from './bulkActions';
import { groupTitle, statusCounts } from './groupLabels';

describe('alert filters in the URL', () => {
  it('reads only the known, non-empty filters', () => {
    expect(
      filtersFromSearch(new URLSearchParams('service=checkout-api&severity=&alert=a1&status=all&bogus=x'))
    ).toEqual({
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

describe('grouping in the URL', () => {
  const read = (search: string) => groupingFromSearch(new URLSearchParams(search));

  it('defaults to alertname and service, reads none, labels and lists, and drops what it does not know', () => {
    expect(read('')).toEqual(['alertname', 'service']);
    expect(read('group=none')).toEqual([]);
    expect(read('group=service')).toEqual(['service']);
    expect(read('group=label:cluster')).toEqual(['label:cluster']);
    expect(read('group=team,bogus,severity,team')).toEqual(['team', 'severity']);
    expect(read('group=bogus')).toEqual(['alertname', 'service']);
    expect(read('group=label:')).toEqual(['alertname', 'service']);
    expect(read('group=service,team,severity,source,groupKey')).toHaveLength(4);
  });

  it('writes the default as no parameter and no grouping as none', () => {
    expect(groupingParam(['alertname', 'service'])).toBe('');
    expect(groupingParam([])).toBe('none');
    expect(groupingParam(['label:cluster'])).toBe('label:cluster');
    for (const search of ['group=none', 'group=service', 'group=label:x', 'group=team,severity']) {
      expect(groupingParam(read(search))).toBe(search.slice('group='.length));
    }
  });
});

describe('mergeFilter', () => {
  it('narrows the page filters to the group, never widening', () => {
    expect(
      mergeFilter(
        { team: 'payments', severity: 'critical,warning', 'label.env': 'prod', status: 'all' },
        { alertname: 'CheckoutErrors', severity: 'critical', 'label.cluster': 'eu-1' }
      )
    ).toEqual({
      team: 'payments',
      severity: 'critical',
      alertname: 'CheckoutErrors',
      'label.env': 'prod',
      'label.cluster': 'eu-1',
      status: 'all',
    });
    expect(mergeFilter({ service: 'a' }, { service: '' })).toEqual({ service: 'a' });
    expect(mergeFilter({}, { service: '(none)' })).toEqual({ service: '(none)' });
    // An empty label value is "without the label", a filter of its own.
    expect(mergeFilter({ 'label.zone': 'a' }, { 'label.zone': '' })).toEqual({ 'label.zone': '' });
  });

  it('drops paging from a bulk filter', () => {
    expect(bulkFilter({ team: 'x', cursor: 'c', limit: 100, facets: 'true' })).toEqual({ team: 'x' });
  });
});

describe('pages of a list', () => {
  const a = (id: string) => alertFixture({ id });
  const answer = (ids: string[], total: number, nextCursor?: string): AlertListResponse => ({
    alerts: ids.map(a),
    total,
    nextCursor,
  });
  const ids = (pages: { alerts: Array<{ id: string }> }) => pages.alerts.map((x) => x.id);

  it('appends the next page without showing an alert twice', () => {
    const first = withFirstPage(undefined, answer(['a', 'b', 'c'], 6, 'c1'));
    const second = withNextPage(first, answer(['c', 'd', 'e'], 6, 'c2'));
    expect(ids(second)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(second.nextCursor).toBe('c2');
    expect(withNextPage(second, answer(['f'], 6)).nextCursor).toBeUndefined();
  });

  it('reloads the first page only, keeping deeper pages and their cursor', () => {
    const loaded = withNextPage(withFirstPage(undefined, answer(['a', 'b'], 5, 'c1')), answer(['c', 'd'], 5, 'c2'));
    // "d" changed and moved to the top; "a" left the filter.
    const reloaded = withFirstPage(loaded, answer(['d', 'b'], 5, 'fresh'));
    expect(ids(reloaded)).toEqual(['d', 'b', 'c']);
    expect(reloaded.firstPageSize).toBe(2);
    expect(reloaded.nextCursor).toBe('c2');
    // With only the first page loaded, the new answer's cursor is the one to follow.
    expect(withFirstPage(withFirstPage(undefined, answer(['a'], 2, 'x')), answer(['b'], 2, 'y')).nextCursor).toBe('y');
  });
});

describe('live deltas', () => {
  const delta = (over: Partial<AlertDelta> & Pick<AlertDelta, 'id'>): AlertDelta => ({
    status: 'firing',
    severity: 'critical',
    service: 'checkout-api',
    alertName: 'CheckoutErrors',
    updatedAt: 5,
    ...over,
  });

  it('patches loaded rows by id and keeps the same array when nothing loaded changed', () => {
    const rows = [alertFixture({ id: 'a' }), alertFixture({ id: 'b' })];
    const next = applyDeltas(rows, [delta({ id: 'b', status: 'acknowledged', severity: 'warning', updatedAt: 9 })]);
    expect(next.map((r) => [r.id, r.status, r.severity, r.updatedAt])).toEqual([
      ['a', 'firing', 'critical', rows[0].updatedAt],
      ['b', 'acknowledged', 'warning', 9],
    ]);
    expect(next[0]).toBe(rows[0]);
    expect(applyDeltas(rows, [delta({ id: 'z' })])).toBe(rows);
    expect(applyDeltas(rows, [])).toBe(rows);
  });

  it('replaces an action answer in place and ignores alerts not shown', () => {
    const list = [alertFixture({ id: 'a' }), alertFixture({ id: 'b' })];
    expect(applyAlertChange(list, alertFixture({ id: 'b', status: 'acknowledged' })).map((x) => x.status)).toEqual([
      'firing',
      'acknowledged',
    ]);
    expect(applyAlertChange(list, alertFixture({ id: 'z' }))).toBe(list);
  });

  it('rules a change out only on what a delta carries', () => {
    const d = delta({ id: 'x' });
    expect(deltaMayMatch(d, {})).toBe(true);
    expect(deltaMayMatch(delta({ id: 'x', status: 'resolved' }), {})).toBe(false);
    expect(deltaMayMatch(delta({ id: 'x', status: 'resolved' }), {}, { ignoreStatus: true })).toBe(true);
    expect(deltaMayMatch(delta({ id: 'x', status: 'resolved' }), { status: 'all' })).toBe(true);
    expect(deltaMayMatch(d, { status: 'acknowledged,resolved' })).toBe(false);
    expect(deltaMayMatch(d, { severity: 'warning,info' })).toBe(false);
    expect(deltaMayMatch(d, { service: 'search-api' })).toBe(false);
    expect(deltaMayMatch(delta({ id: 'x', service: undefined }), { service: '(none)' })).toBe(true);
    expect(deltaMayMatch(d, { alertname: 'SearchSlow' })).toBe(false);
    expect(deltaMayMatch(d, { alertname: 'CheckoutErrors', service: 'checkout-api' })).toBe(true);
    // Team, source, labels: not in a delta, so they cannot rule it out.
    expect(deltaMayMatch(d, { team: 'nobody', source: 'pagerduty', 'label.env': 'prod' })).toBe(true);
  });
});

describe('ReloadThrottle', () => {
  it('runs the first request at once, then at most once per interval with every key asked for', () => {
    const clock = fakeClock(1000);
    const runs: string[][] = [];
    const throttle = new ReloadThrottle(clock, (keys) => runs.push([...keys].sort()), 1000);
    throttle.request(['groups']);
    expect(runs).toEqual([['groups']]);
    throttle.request(['a']);
    throttle.request(['b', 'groups']);
    clock.advance(999);
    expect(runs).toHaveLength(1);
    clock.advance(1);
    expect(runs).toEqual([['groups'], ['a', 'b', 'groups']]);
    throttle.request([]);
    clock.advance(5000);
    expect(runs).toHaveLength(2);
    throttle.request(['c']);
    expect(runs).toHaveLength(3);
    throttle.request(['d']);
    throttle.cancel();
    clock.advance(5000);
    expect(runs).toHaveLength(3);
  });
});

describe('bulk actions', () => {
  const job = (over: Partial<AlertBulkJob>): AlertBulkJob => ({
    id: 'j',
    action: 'acknowledge',
    filter: {},
    user: 'erin',
    state: 'done',
    total: 10,
    done: 10,
    failed: 0,
    failures: [],
    startedAt: 1,
    ...over,
  });

  it('describes a job, naming its failures', () => {
    expect(describeBulkJob(job({}))).toEqual({ severity: 'success', text: 'Acknowledged 10 alerts.' });
    expect(describeBulkJob(job({ action: 'snooze', total: 1, done: 1 })).text).toBe('Snoozed 1 alert.');
    expect(
      describeBulkJob(job({ done: 7, failed: 3, failures: [{ alertId: 'a1', message: 'PagerDuty 429' }] }))
    ).toEqual({ severity: 'warning', text: 'Acknowledged 7, failed 3: a1: PagerDuty 429; and 2 more.' });
    const stopped = describeBulkJob(
      job({ state: 'failed', action: 'resolve', done: 0, failed: 1, failures: [{ alertId: 'b', message: 'down' }] })
    );
    expect(stopped.severity).toBe('error');
    expect(stopped.text).toBe('Resolved 0, failed 1: b: down. The job stopped after 1 of 10.');
  });

  it('explains a 409 with the count that matches now', () => {
    const err = { status: 409, data: { error: 'too many', field: 'expected', matching: 9120 } };
    expect(describeBulkError(err, 'acknowledge', 4812).text).toBe(
      'Nothing was changed: 9,120 alerts match now than the 4,812 alerts you saw. The list is refreshed; check it and try again.'
    );
    expect(describeBulkError({ status: 403, data: {} }, 'resolve').text).toMatch(/^Resolving needs the Editor role/);
  });

  it('acknowledges an explicit selection 200 ids at a time', async () => {
    const fetcher = fakeFetch({
      'POST /p/write/api/alerts/bulk-acknowledge': (request) => {
        const { alertIds } = request.data as { alertIds: string[] };
        return { results: [], done: alertIds.length - 1, failed: 1 };
      },
    });
    const ids = Array.from({ length: 450 }, (_, i) => `a${i}`);
    const total = await acknowledgeIds(new GatewayClient('/p', fetcher), ids);
    const sent = fetcher.requests.map((r) => (r.data as { alertIds: string[] }).alertIds);
    expect(sent.map((s) => s.length)).toEqual([ACK_IDS_PER_CALL, ACK_IDS_PER_CALL, 50]);
    expect(sent.flat()).toEqual(ids);
    expect(total).toMatchObject({ done: 447, failed: 3 });
  });
});

describe('group labels', () => {
  it('names missing values by their dimension and counts statuses in order', () => {
    expect(groupTitle({ key: ['CheckoutErrors', ''] }, ['alertname', 'service'])).toBe('CheckoutErrors · no service');
    expect(groupTitle({ key: [''] }, ['label:cluster'])).toBe('no label cluster');
    expect(statusCounts({ byStatus: { acknowledged: 3, firing: 1200, resolved: 0 } })).toBe(
      '1,200 firing · 3 acknowledged'
    );
  });
});

describe('alertTimeline', () => {
  it('merges the alert start/end with its incidents, oldest first, without duplicates', () => {
    const alert = alertFixture({ id: 'a', startsAt: 100, endsAt: 400, status: 'resolved', source: 'pagerduty' });
    const timeline = alertTimeline(alert, [
      {
        timeline: [
          { kind: 'triggered', at: 100, actor: 'pagerduty' },
          { kind: 'acknowledged', at: 200, actor: 'erin' },
        ],
      },
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
    expect(describeBulkResult({ results: [result('done'), result('done')], done: 2, failed: 0 })).toEqual({
      severity: 'success',
      text: 'Acknowledged 2 alerts.',
    });
    expect(
      describeBulkResult({ results: [result('done'), result('failed', 'PagerDuty 429')], done: 1, failed: 1 })
    ).toEqual({
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
