import { act, render, screen, within } from '@testing-library/react';
import { GatewayClient } from '@/api';
import { fakeFetch } from '@/api/testing';
import { fakeEventSources } from '@/api/testingEventSource';
import { fakeClock } from '@/api/testingClock';
import { testIds } from '@/components/testIds';
import { fleetFrame } from '@/pages/Overview/fleetFixture';
import { Wall } from './Wall';
import { objective, serviceSlo, sloResponse } from './wallFixture';
import { readWallSettings } from './wallSettings';

const BASE = '/api/datasources/proxy/uid/opsdeck';
const T0 = Date.UTC(2026, 11, 3, 21, 0, 0);

const row = (service: string, team: string, status: string, open_incidents = 0) => ({
  service,
  team,
  tier: 1,
  status,
  availability: 0.999,
  error_rate: 0.001,
  latency_p99: 200,
  request_rate: 10,
  cpu_utilization: 30,
  open_incidents,
  last_deploy: null,
});

function wallGateway() {
  const gateway = {
    up: true,
    rows: [
      row('checkout-api', 'payments', 'ok'),
      row('payments-worker', 'payments', 'ok'),
      row('search-api', 'catalog', 'ok'),
    ],
    sloNotices: [] as string[],
  };
  const fetcher = fakeFetch({
    [`POST ${BASE}/read/api/query`]: () => {
      if (!gateway.up) {
        throw { status: 502, statusText: 'Bad Gateway', data: { message: 'Bad Gateway' } };
      }
      return { results: { wall: { frames: [fleetFrame(gateway.rows)] } } };
    },
    [`GET ${BASE}/read/api/slo`]: () => {
      if (!gateway.up) {
        throw { status: 502, statusText: 'Bad Gateway', data: { message: 'Bad Gateway' } };
      }
      return {
        ...sloResponse([
          serviceSlo('checkout-api', 'payments', 88, [objective('availability', 0.7)]),
          serviceSlo('payments-worker', 'payments', 42, [objective('availability', -0.1, ['page'])]),
        ]),
        notices: gateway.sloNotices,
      };
    },
  });
  return { gateway, client: new GatewayClient(BASE, fetcher), fetcher };
}

async function settled(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}

function renderWall(search = '', up = true) {
  const clock = fakeClock(T0);
  const events = fakeEventSources();
  const { gateway, client, fetcher } = wallGateway();
  gateway.up = up;
  const view = render(
    <Wall
      client={client}
      settings={readWallSettings(search)}
      kioskHref="/a/opsdeck-sre-app/wall?kiosk"
      clock={clock}
      eventSources={events.factory}
    />
  );
  const advance = (ms: number) =>
    act(async () => {
      for (let step = 0; step < ms; step += 1000) {
        clock.advance(Math.min(1000, ms - step));
        await settled();
      }
    });
  return { ...view, clock, events, gateway, fetcher, advance };
}

const tileOrder = () =>
  screen.getAllByTestId(/wall tile [^ ]+$/).map((el) => el.getAttribute('data-testid')?.split(' ').pop());

describe('Wall', () => {
  it('shows the first team with the burning budget first, every figure written out, demo said', async () => {
    const { advance } = renderWall();
    await advance(0);
    expect(screen.getByTestId(testIds.wall.team)).toHaveTextContent('Team catalog');
    await advance(20_000);
    expect(screen.getByTestId(testIds.wall.team)).toHaveTextContent('Team payments');
    expect(tileOrder()).toEqual(['payments-worker', 'checkout-api']);
    const worker = screen.getByTestId(testIds.wall.tile('payments-worker'));
    expect(within(worker).getByTestId(testIds.wall.tileFigure('payments-worker', 'health'))).toHaveTextContent('42');
    expect(within(worker).getByTestId(testIds.wall.tileFigure('payments-worker', 'budget'))).toHaveTextContent(
      '\u221210%'
    );
    expect(within(worker).getByTestId(testIds.wall.tileBurning('payments-worker'))).toHaveTextContent(
      'Burning availability: 16.0× over 1h (page)'
    );
    expect(screen.getByTestId(testIds.wall.fleetCount('burning'))).toHaveTextContent('1 burning budget');
    expect(screen.getByTestId(testIds.wall.demoBadge)).toHaveTextContent('Demo data');
    expect(screen.getByTestId(testIds.wall.kioskLink)).toHaveAttribute('href', '/a/opsdeck-sre-app/wall?kiosk');
    await advance(20_000);
    expect(screen.getByTestId(testIds.wall.team)).toHaveTextContent('Team catalog');
  });

  it('stays on the team of the URL, and shows the whole fleet with rotation off', async () => {
    const fixed = renderWall('?team=payments');
    await fixed.advance(60_000);
    expect(screen.getByTestId(testIds.wall.team)).toHaveTextContent('Team payments');
    fixed.unmount();
    renderWall('?rotate=0');
    await act(settled);
    expect(screen.getByTestId(testIds.wall.team)).toHaveTextContent('All teams');
    expect(tileOrder()).toEqual(['payments-worker', 'checkout-api', 'search-api']);
  });

  it('marks the figures stale since the last good update while the gateway is down, and clears it when it is back', async () => {
    const { advance, gateway } = renderWall('?team=payments');
    await advance(0);
    expect(screen.queryByTestId(testIds.wall.stale)).toBeNull();
    gateway.up = false;
    await advance(10_000);
    expect(screen.getByTestId(testIds.wall.stale)).toHaveTextContent(
      /^Stale since 21:00:00: the gateway is not answering\. Showing the last figures; retrying\..*Bad Gateway/
    );
    expect(screen.getByTestId(testIds.wall.tileStale('checkout-api'))).toHaveTextContent('Stale: as of 21:00:00');
    // The last figures stay on screen, marked.
    expect(screen.getByTestId(testIds.wall.tileFigure('checkout-api', 'health'))).toHaveTextContent('88');
    gateway.up = true;
    await advance(5_000);
    expect(screen.queryByTestId(testIds.wall.stale)).toBeNull();
    expect(screen.getByTestId(testIds.wall.tile('checkout-api'))).toHaveAttribute('data-stale', 'false');
  });

  it('reloads on an incident event without waiting for the next update', async () => {
    const { advance, gateway, events, fetcher } = renderWall('?team=payments');
    await advance(0);
    gateway.rows = [row('checkout-api', 'payments', 'down', 1), row('payments-worker', 'payments', 'ok')];
    const before = fetcher.requests.length;
    act(() => events.sources[0].emit({ id: 7, type: 'incident.changed', at: T0, data: {} } as never));
    await advance(1_000);
    expect(fetcher.requests.length).toBe(before + 2);
    expect(screen.getByTestId(testIds.wall.tileStatus('checkout-api'))).toHaveAttribute('data-status', 'down');
    expect(tileOrder()[0]).toBe('checkout-api');
  });

  it("shows the gateway's notices about old or missing SLO counts", async () => {
    const { advance, gateway } = renderWall('?team=payments');
    await advance(0);
    expect(screen.queryByTestId(testIds.wall.sloNotices)).toBeNull();
    gateway.sloNotices = [
      'a/availability: throttled',
      'b/availability: throttled',
      'c/latency: timeout',
      'd/latency: timeout',
    ];
    await advance(10_000);
    expect(screen.getByTestId(testIds.wall.sloNotices)).toHaveTextContent(
      'Some budgets and health scores are old or missing: a/availability: throttled; b/availability: throttled; c/latency: timeout; and 1 more'
    );
  });

  it('says it cannot reach the gateway when it never answered', async () => {
    const { advance, gateway } = renderWall('', false);
    await advance(0);
    expect(screen.getByTestId(testIds.wall.unreachable)).toHaveTextContent('Cannot reach the gateway since 21:00:00');
    gateway.up = true;
    await advance(5_000);
    expect(screen.queryByTestId(testIds.wall.unreachable)).toBeNull();
    expect(screen.getByTestId(testIds.wall.tiles)).toBeInTheDocument();
  });
});
