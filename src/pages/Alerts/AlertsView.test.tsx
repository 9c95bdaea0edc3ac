import { act, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter } from 'react-router-dom';
import { GatewayClient } from '@/api';
import { fakeFetch, type FakeAnswer } from '@/api/testing';
import { fakeEventSources } from '@/api/testingEventSource';
import { testIds } from '@/components/testIds';
import { servicePageUrl } from '@/constants';
import { type Alert, type BulkAcknowledgeResponse } from '@opsdeck/contract';
import { alertFixture, ALERT_NOW } from './alertFixtures';
import { AlertsView } from './AlertsView';
import { LIVE_RELOAD_DEBOUNCE_MS } from './useAlerts';

const WAIT = { timeout: 5000 };
// The first render mounts five Comboboxes, which is slow under jsdom on a busy machine.
jest.setTimeout(20_000);

// @grafana/ui's Drawer watches its content with an IntersectionObserver, which jsdom lacks.
beforeAll(() => {
  Object.assign(global, {
    IntersectionObserver: class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  });
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
  alertFixture({ id: 'a1', summary: 'Checkout 5xx', runbookUrl: 'https://runbooks.example/checkout' }),
  alertFixture({ id: 'a2', summary: 'Checkout latency', severity: 'warning' }),
  alertFixture({
    id: 'a3',
    summary: 'Search slow',
    service: 'search-api',
    team: 'discovery',
    severity: 'warning',
    status: 'acknowledged',
  }),
];

function setup(path: string, answers: Record<string, FakeAnswer>, canAcknowledge = true) {
  const fetcher = fakeFetch({ [`GET ${BASE}/read/api/services`]: { data: services }, ...answers });
  const { factory, sources } = fakeEventSources();
  const client = new GatewayClient(BASE, fetcher);
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <main>
        <h1>Alerts</h1>
        <AlertsView client={client} canAcknowledge={canAcknowledge} eventSources={factory} />
      </main>
    </MemoryRouter>
  );
  return { fetcher, sources, view };
}

describe('AlertsView', () => {
  it('asks for the filters in the URL and groups by service, most severe first', async () => {
    const { fetcher } = setup('/alerts?team=payments&status=all', {
      [`GET ${BASE}/read/api/alerts?team=payments&status=all`]: { data: { alerts } },
    });
    await screen.findByTestId(testIds.alerts.list, {}, WAIT);
    expect(fetcher.requests.map((r) => r.url)).toContain(`${BASE}/read/api/alerts?team=payments&status=all`);
    const groups = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(groups).toEqual(['checkout-api (2)', 'search-api (1)']);
    expect(within(screen.getByTestId(testIds.alerts.serviceGroup('checkout-api'))).getAllByRole('link')[0]).toHaveAttribute(
      'href',
      servicePageUrl('checkout-api')
    );
    expect(screen.getByTestId(testIds.alerts.count)).toHaveTextContent('3 alerts');
  });

  it('patches an alert from a live event at once', async () => {
    const { sources } = setup('/alerts', { [`GET ${BASE}/read/api/alerts`]: { data: { alerts } } });
    expect(await screen.findByTestId(testIds.alerts.rowStatus('a1'), {}, WAIT)).toHaveAttribute(
      'data-status',
      'firing'
    );
    expect(sources[0].url).toBe(`${BASE}/read/api/events`);
    act(() =>
      sources[0].emit({
        id: 5,
        type: 'alert.changed',
        at: ALERT_NOW,
        payload: { alert: { ...alerts[0], status: 'acknowledged' } },
      })
    );
    expect(screen.getByTestId(testIds.alerts.rowStatus('a1'))).toHaveAttribute('data-status', 'acknowledged');
  });

  it('reloads shortly after an event about an alert not yet shown', async () => {
    jest.useFakeTimers();
    try {
      let calls = 0;
      const { sources } = setup('/alerts', {
        [`GET ${BASE}/read/api/alerts`]: () => ({ alerts: ++calls === 1 ? alerts.slice(0, 1) : alerts }),
      });
      await act(async () => {
        await jest.advanceTimersByTimeAsync(10);
      });
      expect(screen.getByTestId(testIds.alerts.count)).toHaveTextContent('1 alert');
      act(() => sources[0].emit({ id: 6, type: 'alert.changed', at: ALERT_NOW, payload: { alert: alerts[2] } }));
      await act(async () => {
        await jest.advanceTimersByTimeAsync(LIVE_RELOAD_DEBOUNCE_MS + 10);
      });
      expect(screen.getByTestId(testIds.alerts.count)).toHaveTextContent('3 alerts');
    } finally {
      jest.useRealTimers();
    }
  });

  it('bulk-acknowledges the selected firing alerts through the write route', async () => {
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
    const { fetcher } = setup('/alerts', {
      // The reload after the action sees what the gateway stored.
      [`GET ${BASE}/read/api/alerts`]: () => ({
        alerts: acknowledged ? [{ ...alerts[0], status: 'acknowledged' }, ...alerts.slice(1)] : alerts,
      }),
      [`POST ${BASE}/write/api/alerts/bulk-acknowledge`]: () => ((acknowledged = true), answer),
    });
    fireEvent.click(await screen.findByTestId(testIds.alerts.rowSelect('a1'), {}, WAIT));
    fireEvent.click(screen.getByTestId(testIds.alerts.bulkAcknowledge));
    expect(await screen.findByTestId(testIds.alerts.actionResult, {}, WAIT)).toHaveTextContent('Acknowledged 1 alert.');
    expect(fetcher.requests.find((r) => r.method === 'POST')?.data).toEqual({ alertIds: ['a1'] });
    expect(screen.getByTestId(testIds.alerts.rowStatus('a1'))).toHaveAttribute('data-status', 'acknowledged');
  });

  it('explains a 403 from the proxy', async () => {
    setup('/alerts', {
      [`GET ${BASE}/read/api/alerts`]: { data: { alerts } },
      [`POST ${BASE}/write/api/alerts/bulk-acknowledge`]: {
        fail: { status: 403, data: { message: 'plugin proxy route access denied' } },
      },
    });
    fireEvent.click(await screen.findByTestId(testIds.alerts.selectAll, {}, WAIT));
    fireEvent.click(screen.getByTestId(testIds.alerts.bulkAcknowledge));
    expect(await screen.findByTestId(testIds.alerts.actionResult, {}, WAIT)).toHaveTextContent(/needs the Editor role/);
  });

  it('gives Viewers no acknowledge controls', async () => {
    setup('/alerts', { [`GET ${BASE}/read/api/alerts`]: { data: { alerts } } }, false);
    await screen.findByTestId(testIds.alerts.list, {}, WAIT);
    expect(screen.queryByTestId(testIds.alerts.rowSelect('a1'))).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.alerts.bulkAcknowledge)).not.toBeInTheDocument();
  });

  it('opens the drawer from a deep link with runbook and timeline', async () => {
    setup('/alerts?alert=a1', {
      [`GET ${BASE}/read/api/alerts`]: { data: { alerts } },
      [`GET ${BASE}/read/api/alerts/a1`]: { data: { alert: alerts[0], incidents: [{ id: 'i1' }] } },
      [`GET ${BASE}/read/api/incidents/i1`]: {
        data: {
          incident: { id: 'i1', timeline: [{ kind: 'acknowledged', at: ALERT_NOW, actor: 'erin' }] },
          alerts: [],
        },
      },
    });
    const drawer = await screen.findByTestId(testIds.alerts.drawer, {}, WAIT);
    // The drawer opens at once and says it is loading; the alert's runbook arrives with the alert.
    expect(await within(drawer).findByTestId(testIds.alerts.drawerRunbook, {}, WAIT)).toHaveAttribute(
      'href',
      'https://runbooks.example/checkout'
    );
    await within(drawer).findByTestId(testIds.alerts.timeline, {}, WAIT);
    const entries = within(drawer)
      .getAllByTestId(testIds.alerts.timelineEntry)
      .map((e) => e.getAttribute('data-kind'));
    expect(entries).toEqual(['triggered', 'acknowledged']);
    expect(within(drawer).getByTestId(testIds.alerts.drawerAcknowledge)).toBeInTheDocument();
  });

  it('has no axe violations', async () => {
    const { view } = setup('/alerts', { [`GET ${BASE}/read/api/alerts`]: { data: { alerts } } });
    await screen.findByTestId(testIds.alerts.list, {}, WAIT);
    const results = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
