import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { GatewayClient, type GatewayFetch, type GatewayRequest } from '@/api';
import { fakeClock } from '@/api/testingClock';
import { fakeEventSources } from '@/api/testingEventSource';
import { testIds } from '@/components/testIds';
import {
  type Alert,
  type AlertBulkJob,
  type AlertDelta,
  type AlertGroup,
  type AlertListResponse,
  type BulkAcknowledgeResponse,
} from '@opsdeck/contract';
import { alertFixture, ALERT_NOW } from './alertFixtures';
import { AlertsView, GROUPS_CONFIRM_MS, LIVE_RELOAD_MIN_MS } from './AlertsView';
import { BULK_POLL_MS } from './bulkActions';

const WAIT = { timeout: 5000 };
// The first render mounts six Comboboxes, which is slow under jsdom on a busy machine.
jest.setTimeout(30_000);

const ROW_PX = 50;
const VIEWPORT_PX = 400;
beforeAll(() => {
  // @grafana/ui's Drawer watches its content with an IntersectionObserver, which jsdom lacks.
  Object.assign(global, {
    IntersectionObserver: class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  });
  // jsdom lays nothing out: give every box a height so the window knows which rows are in view.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => VIEWPORT_PX });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => ROW_PX });
});

const BASE = '/api/datasources/proxy/uid/opsdeck';
const services = {
  services: [
    { name: 'checkout-api', team: 'payments' },
    { name: 'search-api', team: 'discovery' },
  ],
  teams: ['discovery', 'payments'],
  regions: [],
};
const alerts: Alert[] = [
  alertFixture({
    id: 'a1',
    summary: 'Checkout 5xx',
    runbookUrl: 'https://runbooks.example/checkout',
    labels: { alertname: 'CheckoutErrors' },
  }),
  alertFixture({ id: 'a2', summary: 'Checkout latency', severity: 'warning', labels: { alertname: 'CheckoutErrors' } }),
  alertFixture({
    id: 'a3',
    summary: 'Search slow',
    service: 'search-api',
    team: 'discovery',
    severity: 'warning',
    status: 'acknowledged',
    labels: { alertname: 'SearchSlow' },
  }),
];
const groups: AlertGroup[] = [
  {
    key: ['CheckoutErrors', 'checkout-api'],
    count: 2,
    byStatus: { firing: 2 },
    bySeverity: { critical: 1, warning: 1 },
    severity: 'critical',
    updatedAt: ALERT_NOW - 60_000,
    summary: 'Checkout 5xx',
    filter: { alertname: 'CheckoutErrors', service: 'checkout-api' },
  },
  {
    key: ['SearchSlow', 'search-api'],
    count: 1,
    byStatus: { acknowledged: 1 },
    bySeverity: { warning: 1 },
    severity: 'warning',
    updatedAt: ALERT_NOW - 120_000,
    summary: 'Search slow',
    filter: { alertname: 'SearchSlow', service: 'search-api' },
  },
];
const CHECKOUT = 'CheckoutErrors · checkout-api';

type Route = (params: URLSearchParams, request: GatewayRequest) => unknown;

/** A fetch that answers by method and path, with the query string parsed, and records what was asked. */
function gateway(routes: Record<string, Route>) {
  const requests: GatewayRequest[] = [];
  const fetcher = (async (request: GatewayRequest) => {
    requests.push(request);
    const url = new URL(request.url, 'http://grafana.invalid');
    const route = routes[`${request.method} ${url.pathname.replace(BASE, '')}`];
    if (!route) {
      throw { status: 404, data: { error: `no fake for ${request.method} ${request.url}` } };
    }
    const answer = route(url.searchParams, request);
    if (answer && typeof answer === 'object' && 'fail' in answer) {
      throw (answer as { fail: unknown }).fail;
    }
    return { status: 200, data: answer };
  }) as GatewayFetch;
  const asked = (path: string) =>
    requests
      .map((r) => new URL(r.url, 'http://grafana.invalid'))
      .filter((u) => u.pathname === `${BASE}${path}`)
      .map((u) => Object.fromEntries(u.searchParams));
  return { fetcher, requests, asked };
}

function page(list: Alert[], total = list.length, nextCursor?: string): AlertListResponse {
  return { alerts: list, total, nextCursor };
}

function LocationProbe() {
  return <output data-testid="location">{useLocation().search}</output>;
}

function setup(
  path: string,
  routes: Record<string, Route>,
  { canAcknowledge = true, clock = fakeClock(ALERT_NOW) } = {}
) {
  const fake = gateway({ 'GET /read/api/services': () => services, ...routes });
  const { factory, sources } = fakeEventSources();
  const client = new GatewayClient(BASE, fake.fetcher);
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <main>
        <h1>Alerts</h1>
        <AlertsView client={client} canAcknowledge={canAcknowledge} eventSources={factory} clock={clock} />
        <LocationProbe />
      </main>
    </MemoryRouter>
  );
  return { ...fake, sources, view, clock };
}

const groupsRoute: Route = () => ({ by: ['alertname', 'service'], groups, groupCount: 2, total: 3 });
const location = () => screen.getByTestId('location').textContent ?? '';
const delta = (over: Partial<AlertDelta> & Pick<AlertDelta, 'id'>): AlertDelta => ({
  status: 'firing',
  severity: 'critical',
  service: 'checkout-api',
  alertName: 'CheckoutErrors',
  updatedAt: ALERT_NOW,
  ...over,
});
const many = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => alertFixture({ id: `m${from + i}`, summary: `Alert m${from + i}` }));

describe('AlertsView grouped (the default)', () => {
  it('asks for groups by alertname and service with the URL filters and shows each group', async () => {
    const { asked } = setup('/alerts?team=payments&status=all', { 'GET /read/api/alerts/groups': groupsRoute });
    const row = await screen.findByTestId(testIds.alerts.group(CHECKOUT), {}, WAIT);
    expect(asked('/read/api/alerts/groups')[0]).toEqual({
      team: 'payments',
      status: 'all',
      by: 'alertname,service',
      limit: '100',
      offset: '0',
    });
    expect(within(row).getByTestId(testIds.alerts.groupCount(CHECKOUT))).toHaveTextContent('2 alerts');
    expect(row).toHaveTextContent('2 firing');
    expect(row).toHaveTextContent('critical');
    expect(row).toHaveTextContent('Checkout 5xx');
    expect(screen.getByTestId(testIds.alerts.count)).toHaveTextContent('2 groups, 3 alerts');
    // No list is loaded before a group is expanded.
    expect(asked('/read/api/alerts')).toEqual([]);
  });

  it('reads the grouping from the URL and writes the picked one back', async () => {
    const { asked } = setup('/alerts?group=label:cluster&severity=critical', {
      'GET /read/api/alerts/groups': () => ({ by: ['label:cluster'], groups: [], groupCount: 0, total: 0 }),
      'GET /read/api/alerts': () => page([]),
    });
    await screen.findByTestId(testIds.alerts.empty, {}, WAIT);
    expect(asked('/read/api/alerts/groups')[0].by).toBe('label:cluster');
    expect(screen.getByTestId(testIds.alerts.groupingLabel)).toHaveValue('cluster');

    fireEvent.change(screen.getByTestId(testIds.alerts.groupingLabel), { target: { value: 'region' } });
    fireEvent.keyDown(screen.getByTestId(testIds.alerts.groupingLabel), { key: 'Enter' });
    await waitFor(() => expect(location()).toContain('group=label%3Aregion'), WAIT);
    await waitFor(() => expect(asked('/read/api/alerts/groups').at(-1)?.by).toBe('label:region'), WAIT);

    fireEvent.click(screen.getByTestId(testIds.alerts.grouping));
    fireEvent.click(await screen.findByRole('option', { name: 'No grouping' }, WAIT));
    await waitFor(() => expect(location()).toBe('?group=none&severity=critical'), WAIT);
    await waitFor(
      () => expect(asked('/read/api/alerts')[0]).toEqual({ severity: 'critical', limit: '100', facets: 'true' }),
      WAIT
    );

    fireEvent.click(screen.getByTestId(testIds.alerts.grouping));
    fireEvent.click(await screen.findByRole('option', { name: 'Alert name and service' }, WAIT));
    // The default grouping is no parameter at all, so plain links stay plain.
    await waitFor(() => expect(location()).toBe('?severity=critical'), WAIT);
  });

  it('acts on a whole group with its filter merged into the page filters and the count the user saw', async () => {
    const clock = fakeClock(ALERT_NOW);
    const job = (over: Partial<AlertBulkJob>): AlertBulkJob => ({
      id: 'j1',
      action: 'acknowledge',
      filter: {},
      user: 'erin',
      state: 'running',
      total: 2,
      done: 0,
      failed: 0,
      failures: [],
      startedAt: ALERT_NOW,
      ...over,
    });
    const polls: AlertBulkJob[] = [
      job({ done: 1 }),
      job({ state: 'done', done: 1, failed: 1, failures: [{ alertId: 'a2', message: 'PagerDuty 429' }] }),
    ];
    const { requests } = setup(
      '/alerts?team=payments',
      {
        'GET /read/api/alerts/groups': groupsRoute,
        'POST /write/api/alerts/bulk': () => ({ job: job({}) }),
        'GET /read/api/alerts/bulk/j1': () => ({ job: polls.shift() }),
      },
      { clock }
    );
    fireEvent.click(await screen.findByTestId(testIds.alerts.groupAction(CHECKOUT, 'acknowledge'), {}, WAIT));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true), WAIT);
    expect(requests.find((r) => r.method === 'POST')?.data).toEqual({
      action: 'acknowledge',
      filter: { team: 'payments', alertname: 'CheckoutErrors', service: 'checkout-api' },
      expected: 2,
    });
    expect(await screen.findByTestId(testIds.alerts.bulkProgress, {}, WAIT)).toHaveTextContent('0 of 2 alerts');
    await act(async () => clock.advance(BULK_POLL_MS));
    await waitFor(
      () => expect(screen.getByTestId(testIds.alerts.bulkProgress)).toHaveTextContent('1 of 2 alerts'),
      WAIT
    );
    await act(async () => clock.advance(BULK_POLL_MS));
    expect(await screen.findByTestId(testIds.alerts.actionResult, {}, WAIT)).toHaveTextContent(
      'Acknowledged 1, failed 1: a2: PagerDuty 429.'
    );
    expect(screen.queryByTestId(testIds.alerts.bulkProgress)).not.toBeInTheDocument();
  });

  it('snoozes a group for an hour and explains a refusal because the storm grew', async () => {
    const { requests } = setup('/alerts', {
      'GET /read/api/alerts/groups': groupsRoute,
      'POST /write/api/alerts/bulk': () => ({
        fail: { status: 409, data: { error: 'more match', field: 'expected', matching: 9000 } },
      }),
    });
    fireEvent.click(await screen.findByTestId(testIds.alerts.groupAction(CHECKOUT, 'snooze'), {}, WAIT));
    expect(await screen.findByTestId(testIds.alerts.actionResult, {}, WAIT)).toHaveTextContent(
      'Nothing was changed: 9,000 alerts match now than the 2 alerts you saw'
    );
    expect(requests.find((r) => r.method === 'POST')?.data).toEqual({
      action: 'snooze',
      filter: { alertname: 'CheckoutErrors', service: 'checkout-api' },
      expected: 2,
      until: ALERT_NOW + 3_600_000,
    });
  });

  it('expands a group into its members and pages them with the cursor, without duplicates', async () => {
    const { asked } = setup('/alerts?source=alertmanager', {
      'GET /read/api/alerts/groups': groupsRoute,
      'GET /read/api/alerts': (q) =>
        q.get('cursor') === 'c1'
          ? page([alerts[1], alertFixture({ id: 'a4', summary: 'Checkout 4' })], 3)
          : page([alerts[0], alerts[1]], 3, 'c1'),
    });
    fireEvent.click(await screen.findByTestId(testIds.alerts.groupToggle(CHECKOUT), {}, WAIT));
    const members = await screen.findByTestId(testIds.alerts.groupMembers(CHECKOUT), {}, WAIT);
    await within(members).findByTestId(testIds.alerts.row('a4'), {}, WAIT);
    expect(asked('/read/api/alerts')).toEqual([
      { source: 'alertmanager', alertname: 'CheckoutErrors', service: 'checkout-api', limit: '100' },
      { source: 'alertmanager', alertname: 'CheckoutErrors', service: 'checkout-api', limit: '100', cursor: 'c1' },
    ]);
    expect(
      within(members)
        .getAllByRole('listitem')
        .map((r) => r.getAttribute('data-testid'))
    ).toEqual(['a1', 'a2', 'a4'].map(testIds.alerts.row));
    expect(screen.getByTestId(testIds.alerts.groupToggle(CHECKOUT))).toHaveAttribute('aria-expanded', 'true');
  });

  it('gives Viewers no controls', async () => {
    setup(
      '/alerts',
      { 'GET /read/api/alerts/groups': groupsRoute, 'GET /read/api/alerts': () => page(alerts.slice(0, 2)) },
      { canAcknowledge: false }
    );
    fireEvent.click(await screen.findByTestId(testIds.alerts.groupToggle(CHECKOUT), {}, WAIT));
    await screen.findByTestId(testIds.alerts.row('a1'), {}, WAIT);
    expect(screen.queryByTestId(testIds.alerts.rowSelect('a1'))).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.alerts.groupAction(CHECKOUT, 'acknowledge'))).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.alerts.bulkAcknowledge)).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.alerts.selectAll)).not.toBeInTheDocument();
  });

  it('reloads the groups after a delta, at most once a second, and patches expanded members by id', async () => {
    const clock = fakeClock(ALERT_NOW);
    const { asked, sources } = setup(
      '/alerts',
      { 'GET /read/api/alerts/groups': groupsRoute, 'GET /read/api/alerts': () => page(alerts.slice(0, 2)) },
      { clock }
    );
    fireEvent.click(await screen.findByTestId(testIds.alerts.groupToggle(CHECKOUT), {}, WAIT));
    await screen.findByTestId(testIds.alerts.row('a1'), {}, WAIT);
    expect(sources[0].url).toBe(`${BASE}/read/api/events?view=compact`);
    const emit = (id: number, payload: object) =>
      act(() =>
        sources[0].emit({
          id,
          type: 'alerts.delta',
          at: ALERT_NOW,
          payload: { incidents: [], overflow: 0, ...payload },
        })
      );

    emit(1, { alerts: [delta({ id: 'a1', status: 'acknowledged' })] });
    expect(screen.getByTestId(testIds.alerts.rowStatus('a1'))).toHaveAttribute('data-status', 'acknowledged');
    await waitFor(() => expect(asked('/read/api/alerts/groups')).toHaveLength(2), WAIT);
    // The member list holds a1: no reload of it.
    expect(asked('/read/api/alerts')).toHaveLength(1);

    emit(2, { alerts: [delta({ id: 'a9' })] });
    emit(3, { alerts: [delta({ id: 'a10' })] });
    await act(async () => undefined);
    expect(asked('/read/api/alerts/groups')).toHaveLength(2);
    await act(async () => clock.advance(LIVE_RELOAD_MIN_MS));
    await waitFor(() => expect(asked('/read/api/alerts/groups')).toHaveLength(3), WAIT);
    // a9 and a10 may be new members of the expanded group: its first page, and only that, is asked again.
    expect(asked('/read/api/alerts')).toHaveLength(2);
    expect(asked('/read/api/alerts')[1].cursor).toBeUndefined();

    // One more groups reload after the last delta: the gateway may have answered from its one-second shared read.
    await act(async () => clock.advance(GROUPS_CONFIRM_MS - LIVE_RELOAD_MIN_MS));
    expect(asked('/read/api/alerts/groups')).toHaveLength(3);
    await act(async () => clock.advance(LIVE_RELOAD_MIN_MS));
    await waitFor(() => expect(asked('/read/api/alerts/groups')).toHaveLength(4), WAIT);
    await act(async () => clock.advance(5 * LIVE_RELOAD_MIN_MS));
    expect(asked('/read/api/alerts/groups')).toHaveLength(4);

    // A change elsewhere (another service) reloads the groups and leaves the member list alone.
    emit(4, { alerts: [delta({ id: 'z1', service: 'search-api', alertName: 'SearchSlow' })] });
    await waitFor(() => expect(asked('/read/api/alerts/groups')).toHaveLength(5), WAIT);
    expect(asked('/read/api/alerts')).toHaveLength(2);
  });
});

describe('AlertsView without grouping', () => {
  it('windows a page of 100, pages on with the cursor as it scrolls and counts against the total', async () => {
    const first = many(100);
    // The second page repeats m99 (it moved meanwhile): listed once.
    const second = [first[99], ...many(99, 100)];
    const { asked } = setup('/alerts?group=none', {
      'GET /read/api/alerts': (q) => (q.get('cursor') === 'c1' ? page(second, 250, 'c2') : page(first, 250, 'c1')),
    });
    const list = await screen.findByTestId(testIds.alerts.list, {}, WAIT);
    expect(screen.getByTestId(testIds.alerts.count)).toHaveTextContent('100 of 250 alerts');
    const drawn = within(list).getAllByRole('listitem');
    expect(drawn.length).toBeGreaterThan(5);
    expect(drawn.length).toBeLessThan(30);
    expect(drawn[0]).toHaveAttribute('aria-setsize', '250');
    expect(asked('/read/api/alerts')).toEqual([{ limit: '100', facets: 'true' }]);

    Object.defineProperty(list, 'scrollTop', { configurable: true, value: 90 * ROW_PX });
    fireEvent.scroll(list);
    await waitFor(() => expect(screen.getByTestId(testIds.alerts.count)).toHaveTextContent('199 of 250 alerts'), WAIT);
    expect(asked('/read/api/alerts')[1]).toEqual({ limit: '100', cursor: 'c1' });
    expect(within(list).queryByTestId(testIds.alerts.row('m0'))).not.toBeInTheDocument();
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(30);
  });

  it('patches rows from deltas by id, reloads only the first page for an unknown one, everything on overflow', async () => {
    const clock = fakeClock(ALERT_NOW);
    const { asked, sources } = setup('/alerts?group=none', { 'GET /read/api/alerts': () => page(alerts) }, { clock });
    await screen.findByTestId(testIds.alerts.row('a1'), {}, WAIT);
    const emit = (id: number, payload: object) =>
      act(() =>
        sources[0].emit({
          id,
          type: 'alerts.delta',
          at: ALERT_NOW,
          payload: { incidents: [], overflow: 0, ...payload },
        })
      );

    emit(1, { alerts: [delta({ id: 'a2', status: 'acknowledged', severity: 'critical' })] });
    expect(screen.getByTestId(testIds.alerts.rowStatus('a2'))).toHaveAttribute('data-status', 'acknowledged');
    await act(async () => clock.advance(LIVE_RELOAD_MIN_MS));
    expect(asked('/read/api/alerts')).toHaveLength(1);

    // Resolved under the open filter: it is in no list shown, nothing to load.
    emit(2, { alerts: [delta({ id: 'gone', status: 'resolved' })] });
    await act(async () => clock.advance(LIVE_RELOAD_MIN_MS));
    expect(asked('/read/api/alerts')).toHaveLength(1);

    emit(3, { alerts: [delta({ id: 'new1' })] });
    await waitFor(() => expect(asked('/read/api/alerts')).toHaveLength(2), WAIT);
    await act(async () => clock.advance(LIVE_RELOAD_MIN_MS));
    emit(4, { alerts: [], overflow: 500 });
    await waitFor(() => expect(asked('/read/api/alerts')).toHaveLength(3), WAIT);
    expect(asked('/read/api/alerts').every((q) => q.cursor === undefined)).toBe(true);
  });

  it('"select all matching" acts on the filter with the total, not on ids', async () => {
    const { requests } = setup('/alerts?group=none&severity=critical', {
      'GET /read/api/alerts': () => page(alerts.slice(0, 2), 4812, 'c1'),
      'POST /write/api/alerts/bulk': () => ({
        job: {
          id: 'j2',
          action: 'resolve',
          filter: {},
          user: 'erin',
          state: 'done',
          total: 4812,
          done: 4812,
          failed: 0,
          failures: [],
          startedAt: 1,
        },
      }),
    });
    fireEvent.click(await screen.findByTestId(testIds.alerts.selectAll, {}, WAIT));
    expect(screen.getByTestId(testIds.alerts.bulkAcknowledge)).toHaveTextContent('Acknowledge all 4,812');
    fireEvent.click(screen.getByTestId(testIds.alerts.bulkAction('resolve')));
    expect(await screen.findByTestId(testIds.alerts.actionResult, {}, WAIT)).toHaveTextContent(
      'Resolved 4,812 alerts.'
    );
    expect(requests.find((r) => r.method === 'POST')?.data).toEqual({
      action: 'resolve',
      filter: { severity: 'critical' },
      expected: 4812,
    });
  });

  it('bulk-acknowledges an explicit selection by ids through the write route', async () => {
    const answer: BulkAcknowledgeResponse = {
      results: [
        {
          action: 'acknowledge',
          target: 'alert',
          targetId: 'a1',
          outcome: 'done',
          provider: 'opsdeck',
          user: 'erin',
          at: 1,
          auditId: 1,
          alert: { ...alerts[0], status: 'acknowledged' },
        },
      ],
      done: 1,
      failed: 0,
    };
    let acknowledged = false;
    const { requests } = setup('/alerts?group=none', {
      // The reload after the action sees what the gateway stored.
      'GET /read/api/alerts': () =>
        page(acknowledged ? [{ ...alerts[0], status: 'acknowledged' }, ...alerts.slice(1)] : alerts),
      'POST /write/api/alerts/bulk-acknowledge': () => ((acknowledged = true), answer),
    });
    fireEvent.click(await screen.findByTestId(testIds.alerts.rowSelect('a1'), {}, WAIT));
    fireEvent.click(screen.getByTestId(testIds.alerts.bulkAcknowledge));
    expect(await screen.findByTestId(testIds.alerts.actionResult, {}, WAIT)).toHaveTextContent('Acknowledged 1 alert.');
    expect(requests.find((r) => r.method === 'POST')?.data).toEqual({ alertIds: ['a1'] });
    expect(screen.getByTestId(testIds.alerts.rowStatus('a1'))).toHaveAttribute('data-status', 'acknowledged');
  });

  it('explains a 403 from the proxy', async () => {
    setup('/alerts?group=none', {
      'GET /read/api/alerts': () => page(alerts),
      'POST /write/api/alerts/bulk-acknowledge': () => ({
        fail: { status: 403, data: { message: 'plugin proxy route access denied' } },
      }),
    });
    fireEvent.click(await screen.findByTestId(testIds.alerts.rowSelect('a1'), {}, WAIT));
    fireEvent.click(screen.getByTestId(testIds.alerts.bulkAcknowledge));
    expect(await screen.findByTestId(testIds.alerts.actionResult, {}, WAIT)).toHaveTextContent(/needs the Editor role/);
  });

  it('moves between rows with the arrow keys, selects with Space and opens with Enter', async () => {
    setup('/alerts?group=none', {
      'GET /read/api/alerts': () => page(alerts),
      'GET /read/api/alerts/a2': () => ({ alert: alerts[1], incidents: [] }),
    });
    const first = await screen.findByTestId(testIds.alerts.row('a1'), {}, WAIT);
    expect(first).toHaveAttribute('tabindex', '0');
    act(() => first.focus());
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    const second = screen.getByTestId(testIds.alerts.row('a2'));
    await waitFor(() => expect(second).toHaveFocus(), WAIT);
    expect(second).toHaveAttribute('tabindex', '0');
    expect(first).toHaveAttribute('tabindex', '-1');
    fireEvent.keyDown(second, { key: ' ' });
    expect(screen.getByTestId(testIds.alerts.rowSelect('a2'))).toBeChecked();
    expect(screen.getByTestId(testIds.alerts.bulkAcknowledge)).toHaveTextContent('Acknowledge (1)');
    fireEvent.keyDown(second, { key: 'ArrowUp' });
    await waitFor(() => expect(first).toHaveFocus(), WAIT);
    fireEvent.keyDown(first, { key: 'End' });
    await waitFor(() => expect(screen.getByTestId(testIds.alerts.row('a3'))).toHaveFocus(), WAIT);
    fireEvent.keyDown(screen.getByTestId(testIds.alerts.row('a3')), { key: 'ArrowUp' });
    await waitFor(() => expect(second).toHaveFocus(), WAIT);
    fireEvent.keyDown(second, { key: 'Enter' });
    await waitFor(() => expect(location()).toContain('alert=a2'), WAIT);
    await screen.findByTestId(testIds.alerts.drawer, {}, WAIT);
  });

  it('opens the drawer from a deep link with runbook and timeline', async () => {
    setup('/alerts?alert=a1', {
      'GET /read/api/alerts/groups': groupsRoute,
      'GET /read/api/alerts/a1': () => ({ alert: alerts[0], incidents: [{ id: 'i1' }] }),
      'GET /read/api/incidents/i1': () => ({
        incident: { id: 'i1', timeline: [{ kind: 'acknowledged', at: ALERT_NOW, actor: 'erin' }] },
        alerts: [],
      }),
    });
    const drawer = await screen.findByTestId(testIds.alerts.drawer, {}, WAIT);
    expect(await within(drawer).findByTestId(testIds.alerts.drawerRunbook, {}, WAIT)).toHaveAttribute(
      'href',
      'https://runbooks.example/checkout'
    );
    await within(drawer).findByTestId(testIds.alerts.timeline, {}, WAIT);
    const entries = within(drawer)
      .getAllByTestId(testIds.alerts.timelineEntry)
      .map((e) => e.getAttribute('data-kind'));
    expect(entries).toEqual(['triggered', 'acknowledged']);
    expect(within(drawer).getByTestId(testIds.actions.button('a1', 'acknowledge'))).toBeInTheDocument();
  });

  it('exports the whole filtered set through the gateway', async () => {
    setup('/alerts?group=none&team=payments', { 'GET /read/api/alerts': () => page(alerts) });
    const csv = await screen.findByTestId(testIds.alerts.exportCsv, {}, WAIT);
    expect(csv).toHaveAttribute('href', `${BASE}/read/api/alerts/export?team=payments&format=csv`);
    expect(csv).toHaveAttribute('download', 'alerts.csv');
    expect(screen.getByTestId(testIds.alerts.exportJson)).toHaveAttribute(
      'href',
      `${BASE}/read/api/alerts/export?team=payments&format=json`
    );
  });
});

describe('AlertsView accessibility', () => {
  it('has no axe violations, grouped with a group expanded', async () => {
    const { view } = setup('/alerts', {
      'GET /read/api/alerts/groups': groupsRoute,
      'GET /read/api/alerts': () => page(alerts.slice(0, 2)),
    });
    fireEvent.click(await screen.findByTestId(testIds.alerts.groupToggle(CHECKOUT), {}, WAIT));
    await screen.findByTestId(testIds.alerts.row('a1'), {}, WAIT);
    const results = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
