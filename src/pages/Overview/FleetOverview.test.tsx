import { act, render as renderPlain, screen, within } from '@testing-library/react';
import { type ReactElement } from 'react';
import { MemoryRouter } from 'react-router-dom';
import axe from 'axe-core';
import { GatewayClient } from '@/api';
import { fakeFetch } from '@/api/testing';
import { fakeEventSources } from '@/api/testingEventSource';
import { type QueryRequest } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { fleetFrame } from './fleetFixture';
import { FleetOverview } from './FleetOverview';
import { REFRESH_INTERVAL_MS } from './useFleetHealth';
import { servicePageUrl } from '@/constants';

// Service cards link to their Service page with Grafana's TextLink, which needs a router around it.
const render = (ui: ReactElement) => renderPlain(ui, { wrapper: MemoryRouter });

const BASE = '/api/datasources/proxy/uid/opsdeck';
const QUERY = `POST ${BASE}/read/api/query`;
const NOW = Date.UTC(2025, 0, 1, 12);

const rows = [
  {
    service: 'checkout-api',
    team: 'payments',
    tier: 1,
    status: 'ok',
    availability: 0.9995,
    error_rate: 0.0005,
    latency_p99: 312,
    request_rate: 120.4,
    cpu_utilization: 41.2,
    open_incidents: 0,
    last_deploy: NOW - 3 * 3600_000,
  },
  {
    service: 'payments-worker',
    team: 'payments',
    tier: 1,
    status: 'down',
    availability: 0.9,
    error_rate: 0.1,
    latency_p99: 2400,
    request_rate: 8,
    cpu_utilization: 93,
    open_incidents: 2,
    last_deploy: null,
  },
  {
    service: 'search-api',
    team: 'discovery',
    tier: 2,
    status: 'degraded',
    availability: 0.995,
    error_rate: 0.005,
    latency_p99: 800,
    request_rate: 55,
    cpu_utilization: null,
    open_incidents: 1,
    last_deploy: NOW - 86_400_000,
  },
];

function clientAnswering(answer: Parameters<typeof fakeFetch>[0][string]) {
  const fetcher = fakeFetch({ [QUERY]: answer });
  return { client: new GatewayClient(BASE, fetcher), fetcher };
}

describe('FleetOverview', () => {
  let streams: ReturnType<typeof fakeEventSources>;
  beforeEach(() => {
    streams = fakeEventSources();
    jest.useFakeTimers({ now: NOW });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('asks the gateway for fleet health of the last hour', async () => {
    const { client, fetcher } = clientAnswering({ data: { results: { fleet: { frames: [fleetFrame(rows)] } } } });
    render(<FleetOverview client={client} eventSources={streams.factory} />);
    await screen.findByTestId(testIds.overview.fleet);
    const sent = fetcher.requests[0].data as QueryRequest;
    expect(sent.range).toEqual({ from: NOW - 3600_000, to: NOW });
    expect(sent.queries).toEqual([{ refId: 'fleet', queryType: 'fleet_health' }]);
  });

  it('renders a row per service with status text, metrics, incidents and last deploy, grouped by team', async () => {
    const { client } = clientAnswering({ data: { results: { fleet: { frames: [fleetFrame(rows)] } } } });
    render(<FleetOverview client={client} eventSources={streams.factory} />);

    const checkout = await screen.findByTestId(testIds.overview.serviceRow('checkout-api'));
    expect(within(checkout).getByTestId(testIds.overview.serviceStatus('checkout-api'))).toHaveTextContent('OK');
    expect(
      within(checkout).getByTestId(testIds.overview.serviceMetric('checkout-api', 'availability'))
    ).toHaveTextContent('99.95%');
    expect(
      within(checkout).getByTestId(testIds.overview.serviceMetric('checkout-api', 'error_rate'))
    ).toHaveTextContent('0.05%');
    expect(
      within(checkout).getByTestId(testIds.overview.serviceMetric('checkout-api', 'latency_p99'))
    ).toHaveTextContent('312 ms');
    expect(
      within(checkout).getByTestId(testIds.overview.serviceMetric('checkout-api', 'last_deploy'))
    ).toHaveTextContent('3 hours ago');
    expect(checkout).toHaveTextContent('Team payments · tier 1');

    expect(screen.getByTestId(testIds.overview.serviceStatus('payments-worker'))).toHaveTextContent('Down');
    expect(screen.getByTestId(testIds.overview.serviceMetric('payments-worker', 'open_incidents'))).toHaveTextContent(
      '2'
    );
    expect(screen.getByTestId(testIds.overview.serviceMetric('payments-worker', 'last_deploy'))).toHaveTextContent(
      'Never'
    );
    expect(screen.getByTestId(testIds.overview.serviceStatus('search-api'))).toHaveTextContent('Degraded');
    expect(screen.getByTestId(testIds.overview.serviceMetric('search-api', 'cpu_utilization'))).toHaveTextContent(
      'No data'
    );

    // Worst first within a team; teams alphabetical.
    const payments = screen.getByTestId(testIds.overview.teamGroup('payments'));
    expect(
      within(payments)
        .getAllByRole('article')
        .map((a) => a.getAttribute('data-testid'))
    ).toEqual([testIds.overview.serviceRow('payments-worker'), testIds.overview.serviceRow('checkout-api')]);
    const teamHeadings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(teamHeadings).toEqual(['Team discovery (1)', 'Team payments (2)']);
  });

  it("links each card's service name to its Service page", async () => {
    const { client } = clientAnswering({ data: { results: { fleet: { frames: [fleetFrame(rows)] } } } });
    render(<FleetOverview client={client} eventSources={streams.factory} />);
    const card = await screen.findByTestId(testIds.overview.serviceRow('checkout-api'));
    expect(within(card).getByRole('link', { name: 'checkout-api' })).toHaveAttribute(
      'href',
      servicePageUrl('checkout-api')
    );
  });

  it('summarises statuses and open incidents', async () => {
    const { client } = clientAnswering({ data: { results: { fleet: { frames: [fleetFrame(rows)] } } } });
    render(<FleetOverview client={client} eventSources={streams.factory} />);
    await screen.findByTestId(testIds.overview.summary);
    expect(screen.getByTestId(testIds.overview.summaryStat('services'))).toHaveTextContent('3');
    expect(screen.getByTestId(testIds.overview.summaryStat('ok'))).toHaveTextContent('1');
    expect(screen.getByTestId(testIds.overview.summaryStat('degraded'))).toHaveTextContent('1');
    expect(screen.getByTestId(testIds.overview.summaryStat('down'))).toHaveTextContent('1');
    expect(screen.getByTestId(testIds.overview.summaryStat('incidents'))).toHaveTextContent('3');
  });

  it('shows the demo badge only for demo frames', async () => {
    const demo = clientAnswering({ data: { results: { fleet: { frames: [fleetFrame(rows)] } } } });
    const { unmount } = render(<FleetOverview client={demo.client} eventSources={streams.factory} />);
    expect(await screen.findByTestId(testIds.overview.demoBadge)).toHaveTextContent('Demo data');
    unmount();

    const live = clientAnswering({
      data: { results: { fleet: { frames: [fleetFrame(rows, { custom: { source: 'cloudwatch', demo: false } })] } } },
    });
    render(<FleetOverview client={live.client} eventSources={streams.factory} />);
    await screen.findByTestId(testIds.overview.fleet);
    expect(screen.queryByTestId(testIds.overview.demoBadge)).not.toBeInTheDocument();
  });

  it('shows a warning for stale data', async () => {
    const stale = {
      custom: { source: 'cloudwatch', demo: false, stale: { since: NOW - 600_000, reason: 'ThrottlingException' } },
    };
    const { client } = clientAnswering({ data: { results: { fleet: { frames: [fleetFrame(rows, stale)] } } } });
    render(<FleetOverview client={client} eventSources={streams.factory} />);
    expect(await screen.findByTestId(testIds.overview.notices)).toHaveTextContent(
      /because the source failed: ThrottlingException/
    );
  });

  it('says what is wrong when the gateway cannot be reached', async () => {
    const { client } = clientAnswering({ fail: { status: 502, statusText: 'Bad Gateway' } });
    render(<FleetOverview client={client} eventSources={streams.factory} />);
    const error = await screen.findByTestId(testIds.overview.error);
    expect(error).toHaveTextContent(/could not reach the Opsdeck gateway/);
    expect(error).toHaveTextContent(/gateway URL/);
  });

  it('shows the query error the gateway gave for fleet_health', async () => {
    const { client } = clientAnswering({ data: { results: { fleet: { error: 'catalog is empty' } } } });
    render(<FleetOverview client={client} eventSources={streams.factory} />);
    expect(await screen.findByTestId(testIds.overview.error)).toHaveTextContent('catalog is empty');
  });

  it('reloads every 10 seconds and shows the new data', async () => {
    let calls = 0;
    const { client, fetcher } = clientAnswering(() => {
      calls++;
      const status = calls === 1 ? 'ok' : 'down';
      return { results: { fleet: { frames: [fleetFrame([{ ...rows[0], status }])] } } };
    });
    render(<FleetOverview client={client} eventSources={streams.factory} />);
    expect(await screen.findByTestId(testIds.overview.serviceStatus('checkout-api'))).toHaveTextContent('OK');

    await act(async () => {
      await jest.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS);
    });
    expect(fetcher.requests).toHaveLength(2);
    expect(screen.getByTestId(testIds.overview.serviceStatus('checkout-api'))).toHaveTextContent('Down');
  });

  it('reloads shortly after an incident event, before the next tick', async () => {
    let calls = 0;
    const { client, fetcher } = clientAnswering(() => {
      calls++;
      const status = calls === 1 ? 'ok' : 'down';
      return { results: { fleet: { frames: [fleetFrame([{ ...rows[0], status }])] } } };
    });
    render(<FleetOverview client={client} eventSources={streams.factory} />);
    expect(await screen.findByTestId(testIds.overview.serviceStatus('checkout-api'))).toHaveTextContent('OK');

    await act(async () => {
      streams.sources[0].emit({ id: 1, type: 'incident.changed', at: NOW, service: 'checkout-api', payload: {} });
      await jest.advanceTimersByTimeAsync(300);
    });
    expect(fetcher.requests).toHaveLength(2);
    expect(screen.getByTestId(testIds.overview.serviceStatus('checkout-api'))).toHaveTextContent('Down');
  });

  it('has no axe violations (labels, headings, landmarks, ARIA)', async () => {
    jest.useRealTimers();
    const { client } = clientAnswering({ data: { results: { fleet: { frames: [fleetFrame(rows)] } } } });
    const { container } = render(
      <main>
        <h1>Overview</h1>
        <FleetOverview client={client} eventSources={streams.factory} />
      </main>
    );
    await screen.findByTestId(testIds.overview.fleet, {}, { timeout: 5000 });
    // jsdom cannot compute colours, so contrast is left to the browser tests.
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
