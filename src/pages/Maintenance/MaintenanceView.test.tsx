import { act, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter } from 'react-router-dom';
import { GatewayClient } from '@/api';
import { fakeFetch, type FakeAnswer } from '@/api/testing';
import { fakeEventSources } from '@/api/testingEventSource';
import { testIds } from '@/components/testIds';
import { type CreateMaintenanceRequest, type MaintenanceWindow, type StaleMaintenanceWindow } from '@opsdeck/contract';
import { MAINTENANCE_NOW, windowFixture } from './maintenanceFixtures';
import { MaintenanceView } from './MaintenanceView';
import { LIVE_RELOAD_DEBOUNCE_MS } from './useMaintenance';

const WAIT = { timeout: 5000 };
jest.setTimeout(20_000);

const BASE = '/api/datasources/proxy/uid/opsdeck';
const LIST = `GET ${BASE}/read/api/maintenance?state=active%2Cscheduled`;
const ENDED = `GET ${BASE}/read/api/maintenance?state=expired%2Cended`;
const STALE = `GET ${BASE}/read/api/maintenance/stale`;
const HOUR = 3_600_000;
const services = {
  services: [
    { name: 'checkout-api', team: 'payments' },
    { name: 'payments-worker', team: 'payments' },
    { name: 'search-api', team: 'catalog' },
  ],
  teams: ['catalog', 'payments'],
  regions: [],
};

const now = Date.now();
const active = windowFixture({
  id: 'mw-1',
  reason: 'Postgres 17 upgrade',
  startsAt: now - HOUR,
  endsAt: now + HOUR + 90_000,
  mirrors: { alertmanagerSilenceId: 'sil-123', errors: ['PagerDuty maintenance window: 429 rate limited'] },
});
const weekly = windowFixture({
  id: 'mw-2',
  services: [],
  teams: ['catalog'],
  reason: 'Index rebuild',
  startsAt: now - HOUR,
  endsAt: now + 30 * 24 * HOUR,
  activeNow: false,
  recurrence: { daysOfWeek: [0], startTime: '03:00', durationMinutes: 120 },
});
const stale: StaleMaintenanceWindow = { window: active, recoveredAt: now - 2 * HOUR, openForMs: 2 * HOUR };

function setup(answers: Record<string, FakeAnswer>, { canEdit = true, path = '/maintenance' } = {}) {
  const fetcher = fakeFetch({
    [`GET ${BASE}/read/api/services`]: { data: services },
    [LIST]: { data: { windows: [active, weekly] } },
    [STALE]: { data: { windows: [] } },
    ...answers,
  });
  const { factory, sources } = fakeEventSources();
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <main>
        <h1>Maintenance</h1>
        <MaintenanceView client={new GatewayClient(BASE, fetcher)} canEdit={canEdit} eventSources={factory} />
      </main>
    </MemoryRouter>
  );
  return { fetcher, sources, view };
}

const posted = (fetcher: ReturnType<typeof setup>['fetcher'], path: string) =>
  fetcher.requests.filter((r) => r.method === 'POST' && r.url === `${BASE}/write${path}`);

describe('MaintenanceView', () => {
  it('lists active and scheduled windows with coverage, reason, creator, time left, recurrence and mirrors', async () => {
    setup({ [STALE]: { data: { windows: [stale] } } });
    const card = await screen.findByTestId(testIds.maintenance.window('mw-1'), {}, WAIT);
    expect(card).toHaveTextContent('checkout-api');
    expect(card).toHaveTextContent('Postgres 17 upgrade');
    expect(card).toHaveTextContent('by erin');
    expect(screen.getByTestId(testIds.maintenance.windowState('mw-1'))).toHaveAttribute('data-state', 'active');
    expect(screen.getByTestId(testIds.maintenance.windowTimeLeft('mw-1'))).toHaveTextContent('ends in 1 h 1 min');
    expect(screen.getByTestId(testIds.maintenance.windowMirrors('mw-1'))).toHaveTextContent(
      'Alertmanager silence: sil-123'
    );
    expect(screen.getByTestId(testIds.maintenance.windowMirrorErrors('mw-1'))).toHaveTextContent(
      'PagerDuty maintenance window: 429 rate limited'
    );
    expect(screen.getByTestId(testIds.maintenance.windowSuppressed('mw-1'))).toHaveAttribute(
      'href',
      '/a/opsdeck-sre-app/alerts?status=suppressed&service=checkout-api&group=none'
    );

    const recurring = screen.getByTestId(testIds.maintenance.window('mw-2'));
    expect(recurring).toHaveTextContent('team catalog');
    expect(recurring).toHaveTextContent('Every Sunday at 03:00 UTC for 2 h');
    expect(recurring).toHaveTextContent('between occurrences');
    expect(screen.getByTestId(testIds.maintenance.windowMirrors('mw-2'))).toHaveTextContent('Opsdeck only');

    expect(
      within(screen.getByTestId(testIds.maintenance.stale)).getByTestId(testIds.maintenance.staleWindow('mw-1'))
    ).toHaveTextContent('open 2 h since');
  });

  it('shows a window created elsewhere at once from its live event, then reloads', async () => {
    jest.useFakeTimers();
    try {
      const created = windowFixture({
        id: 'mw-9',
        services: ['search-api'],
        reason: 'Reindex',
        startsAt: now,
        endsAt: now + HOUR,
      });
      let calls = 0;
      const { sources } = setup({ [LIST]: () => ({ windows: ++calls === 1 ? [active] : [active, created] }) });
      await act(async () => {
        await jest.advanceTimersByTimeAsync(10);
      });
      expect(screen.getByTestId(testIds.maintenance.list)).toHaveTextContent('(1)');
      act(() =>
        sources[0].emit({
          id: 7,
          type: 'maintenance.changed',
          at: MAINTENANCE_NOW,
          payload: { change: 'created', window: created },
        })
      );
      expect(screen.getByTestId(testIds.maintenance.window('mw-9'))).toHaveTextContent('Reindex');
      await act(async () => {
        await jest.advanceTimersByTimeAsync(LIVE_RELOAD_DEBOUNCE_MS + 10);
      });
      expect(calls).toBe(2);
      expect(screen.getByTestId(testIds.maintenance.list)).toHaveTextContent('(2)');
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows the reminder the gateway sends before a window expires', async () => {
    const { sources } = setup({});
    await screen.findByTestId(testIds.maintenance.window('mw-1'), {}, WAIT);
    const expiring = { ...active, endsAt: Date.now() + 10 * 60_000 };
    act(() =>
      sources[0].emit({
        id: 8,
        type: 'maintenance.changed',
        at: MAINTENANCE_NOW,
        payload: { change: 'expiring', window: expiring },
      })
    );
    expect(screen.getByTestId(testIds.maintenance.reminder('mw-1'))).toHaveTextContent(
      /Maintenance on checkout-api ends in (9|10) min/
    );
    expect(screen.getByTestId(testIds.maintenance.windowTimeLeft('mw-1'))).toHaveAttribute('data-ending-soon', 'true');
  });

  it('creates a window through the write route for the picked service, starting now, ending after the duration', async () => {
    let body: CreateMaintenanceRequest | undefined;
    const created = windowFixture({ id: 'mw-new', services: ['payments-worker'], reason: 'Queue drain' });
    const { fetcher } = setup({
      [`POST ${BASE}/write/api/maintenance`]: (request) => ((body = request.data as CreateMaintenanceRequest), created),
    });
    fireEvent.click(await screen.findByTestId(testIds.maintenance.createOpen, {}, WAIT));
    fireEvent.click(await screen.findByTestId(testIds.maintenance.createService('payments-worker'), {}, WAIT));
    fireEvent.change(screen.getByTestId(testIds.maintenance.createReason), { target: { value: 'Queue drain' } });
    fireEvent.click(within(screen.getByTestId(testIds.maintenance.createDuration)).getAllByRole('radio')[2]);
    const before = Date.now();
    fireEvent.click(screen.getByTestId(testIds.maintenance.createSubmit));
    expect(await screen.findByTestId(testIds.maintenance.actionResult, {}, WAIT)).toHaveTextContent(
      'Created: payments-worker.'
    );
    expect(body).toEqual({ services: ['payments-worker'], reason: 'Queue drain', endsAt: expect.any(Number) });
    expect(body!.endsAt - before).toBeGreaterThanOrEqual(2 * HOUR - 1000);
    expect(body!.endsAt - before).toBeLessThanOrEqual(2 * HOUR + 1000);
    expect(posted(fetcher, '/api/maintenance')).toHaveLength(1);
    expect(screen.getByTestId(testIds.maintenance.window('mw-new'))).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.maintenance.createForm)).not.toBeInTheDocument();
  });

  it('picking a whole team drops its single services and covers them all', async () => {
    let body: CreateMaintenanceRequest | undefined;
    setup({
      [`POST ${BASE}/write/api/maintenance`]: (request) => (
        (body = request.data as CreateMaintenanceRequest),
        windowFixture({ id: 'mw-t', services: [], teams: ['payments'] })
      ),
    });
    fireEvent.click(await screen.findByTestId(testIds.maintenance.createOpen, {}, WAIT));
    fireEvent.click(await screen.findByTestId(testIds.maintenance.createService('checkout-api'), {}, WAIT));
    fireEvent.click(screen.getByTestId(testIds.maintenance.createTeam('payments')));
    expect(screen.getByTestId(testIds.maintenance.createService('payments-worker'))).toBeChecked();
    expect(screen.getByTestId(testIds.maintenance.createService('payments-worker'))).toBeDisabled();
    fireEvent.change(screen.getByTestId(testIds.maintenance.createReason), { target: { value: 'Cluster move' } });
    fireEvent.click(screen.getByTestId(testIds.maintenance.createSubmit));
    await screen.findByTestId(testIds.maintenance.actionResult, {}, WAIT);
    expect(body).toMatchObject({ teams: ['payments'], reason: 'Cluster move' });
    expect(body).not.toHaveProperty('services');
  });

  it('says what to fix before sending, and shows the gateway refusal with its message', async () => {
    const { fetcher } = setup({
      [`POST ${BASE}/write/api/maintenance`]: {
        fail: { status: 400, data: { error: 'endsAt must be in the future', field: 'endsAt' } },
      },
    });
    fireEvent.click(await screen.findByTestId(testIds.maintenance.createOpen, {}, WAIT));
    fireEvent.click(screen.getByTestId(testIds.maintenance.createSubmit));
    expect(await screen.findByTestId(testIds.maintenance.createError)).toHaveTextContent(
      'Pick at least one service or team.'
    );
    expect(posted(fetcher, '/api/maintenance')).toHaveLength(0);

    fireEvent.click(await screen.findByTestId(testIds.maintenance.createService('search-api'), {}, WAIT));
    fireEvent.change(screen.getByTestId(testIds.maintenance.createReason), { target: { value: 'Reindex' } });
    fireEvent.click(screen.getByTestId(testIds.maintenance.createSubmit));
    expect(
      await screen.findByText('Creating the window refused: endsAt must be in the future', {}, WAIT)
    ).toBeInTheDocument();
    expect(screen.getByTestId(testIds.maintenance.createForm)).toBeInTheDocument();
  });

  it('extends by 30 minutes from the current end, and ends only after a second tap', async () => {
    let endsAt: number | undefined;
    const { fetcher } = setup({
      [`POST ${BASE}/write/api/maintenance/mw-1/extend`]: (request) => {
        endsAt = (request.data as { endsAt: number }).endsAt;
        return { ...active, endsAt };
      },
      [`POST ${BASE}/write/api/maintenance/mw-1/end`]: () => ({
        ...active,
        state: 'ended',
        endedAt: Date.now(),
        endedBy: 'erin',
      }),
    });
    fireEvent.click(await screen.findByTestId(testIds.maintenance.extend('mw-1', 30), {}, WAIT));
    expect(await screen.findByTestId(testIds.maintenance.actionResult, {}, WAIT)).toHaveTextContent(
      'Extended by 30 min: checkout-api.'
    );
    expect(endsAt).toBe(active.endsAt + 30 * 60_000);

    fireEvent.click(screen.getByTestId(testIds.maintenance.end('mw-1')));
    expect(posted(fetcher, '/api/maintenance/mw-1/end')).toHaveLength(0);
    fireEvent.click(screen.getByTestId(testIds.maintenance.endConfirm('mw-1')));
    await screen.findByText('Ended: checkout-api.', {}, WAIT);
    expect(posted(fetcher, '/api/maintenance/mw-1/end')).toHaveLength(1);
    // Ended windows leave the "active and scheduled" list.
    expect(screen.queryByTestId(testIds.maintenance.window('mw-1'))).not.toBeInTheDocument();
  });

  it('extends to a picked time', async () => {
    let endsAt: number | undefined;
    setup({
      [`POST ${BASE}/write/api/maintenance/mw-1/extend`]: (request) => {
        endsAt = (request.data as { endsAt: number }).endsAt;
        return { ...active, endsAt };
      },
    });
    fireEvent.click(await screen.findByTestId(testIds.maintenance.extendPick('mw-1'), {}, WAIT));
    fireEvent.change(screen.getByTestId(testIds.maintenance.extendAt('mw-1')), {
      target: { value: '2099-01-01T10:00' },
    });
    fireEvent.click(screen.getByTestId(testIds.maintenance.extendSubmit('mw-1')));
    await screen.findByTestId(testIds.maintenance.actionResult, {}, WAIT);
    expect(endsAt).toBe(Date.UTC(2099, 0, 1, 10));
  });

  it('explains a 403 from the proxy on the window it happened to', async () => {
    setup({
      [`POST ${BASE}/write/api/maintenance/mw-1/extend`]: {
        fail: { status: 403, data: { message: 'plugin proxy route access denied' } },
      },
    });
    fireEvent.click(await screen.findByTestId(testIds.maintenance.extend('mw-1', 60), {}, WAIT));
    expect(await screen.findByTestId(testIds.maintenance.windowError('mw-1'), {}, WAIT)).toHaveTextContent(
      /Extending the window needs the Editor role.*403/
    );
  });

  it('gives Viewers no write controls', async () => {
    setup({ [STALE]: { data: { windows: [stale] } } }, { canEdit: false });
    await screen.findByTestId(testIds.maintenance.window('mw-1'), {}, WAIT);
    expect(screen.getByTestId(testIds.maintenance.stale)).toBeInTheDocument();
    for (const id of [
      testIds.maintenance.createOpen,
      testIds.maintenance.extend('mw-1', 30),
      testIds.maintenance.end('mw-1'),
      testIds.maintenance.extendPick('mw-1'),
    ]) {
      expect(screen.queryByTestId(id)).not.toBeInTheDocument();
    }
  });

  it('shows the recently ended windows behind the filter, kept in the URL', async () => {
    const ended: MaintenanceWindow = { ...active, id: 'mw-old', state: 'ended', endedAt: now - HOUR, endedBy: 'bob' };
    const { fetcher } = setup({ [ENDED]: { data: { windows: [ended] } } });
    await screen.findByTestId(testIds.maintenance.window('mw-1'), {}, WAIT);
    fireEvent.click(within(screen.getByTestId(testIds.maintenance.view)).getAllByRole('radio')[1]);
    const card = await screen.findByTestId(testIds.maintenance.window('mw-old'), {}, WAIT);
    expect(card).toHaveTextContent('ended early by bob');
    expect(fetcher.requests.map((r) => r.url)).toContain(`${BASE}/read/api/maintenance?state=expired%2Cended`);
    expect(screen.queryByTestId(testIds.maintenance.end('mw-old'))).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.maintenance.window('mw-1'))).not.toBeInTheDocument();
  });

  it('says what is wrong when the gateway fails', async () => {
    setup({ [LIST]: { fail: { status: 502 } } });
    expect(await screen.findByTestId(testIds.maintenance.error, {}, WAIT)).toHaveTextContent(
      /could not reach the Opsdeck gateway/
    );
  });

  it('has no axe violations, form open', async () => {
    const { view } = setup({ [STALE]: { data: { windows: [stale] } } });
    fireEvent.click(await screen.findByTestId(testIds.maintenance.createOpen, {}, WAIT));
    await screen.findByTestId(testIds.maintenance.createService('checkout-api'), {}, WAIT);
    fireEvent.click(screen.getByTestId(testIds.maintenance.createRecurring));
    const results = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
