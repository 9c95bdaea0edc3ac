import { act, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { GatewayClient } from '@/api';
import { fakeFetch, type FakeAnswer } from '@/api/testing';
import { fakeEventSources } from '@/api/testingEventSource';
import { testIds } from '@/components/testIds';
import { servicePageUrl } from '@/constants';
import { type OnCallResponse, type QueryRequest } from '@opsdeck/contract';
import { deployment } from '@/pages/Deployments/deploymentsFixture';
import {
  catalogFixture,
  costByServiceFrame,
  healthFixture,
  objectiveFixture,
  serviceSloFixture,
  SLO_NOW,
  sloResponse,
} from './sloFixture';
import { ServicesView } from './ServicesView';
import { SERVICES_REFRESH_MS } from './useServicesOverview';

const WAIT = { timeout: 5000 };
// Two Comboboxes and a table under jsdom on a busy machine.
jest.setTimeout(20_000);

const BASE = '/api/datasources/proxy/uid/opsdeck';
const read = (path: string) => `GET ${BASE}/read${path}`;

const services = [
  serviceSloFixture({
    service: 'checkout-api',
    objectives: [objectiveFixture({ remaining: 0.4, burn1h: 2.5 })],
    health: healthFixture(72),
  }),
  serviceSloFixture({
    service: 'payments-worker',
    status: 'down',
    objectives: [
      objectiveFixture({ remaining: -0.3, burn1h: 20 }),
      objectiveFixture({ id: 'latency', remaining: 0.9 }),
    ],
    health: healthFixture(30),
    openIncidents: 1,
    openAlerts: 2,
  }),
  serviceSloFixture({
    service: 'search-api',
    team: 'catalog',
    tier: 2,
    objectives: [objectiveFixture({ remaining: 0.95 })],
  }),
  serviceSloFixture({
    service: 'catalog-ingest',
    team: 'catalog',
    tier: 3,
    objectives: [objectiveFixture({ remaining: null, burn1h: null })],
  }),
];

const onCall: OnCallResponse = {
  provider: 'demo',
  generatedAt: SLO_NOW,
  policies: [
    {
      id: 'p1',
      name: 'Payments',
      teams: ['payments'],
      services: ['checkout-api', 'payments-worker'],
      steps: [],
      layers: [
        { level: 2, now: [{ person: { id: 'u2', name: 'Bea Manager', contacts: [] } }], next: [] },
        {
          level: 1,
          now: [{ person: { id: 'u1', name: 'Ada Oncall', contacts: [] }, end: SLO_NOW + 3_600_000 }],
          next: [],
        },
      ],
    },
  ],
};

function answers(overrides: Record<string, FakeAnswer> = {}): Record<string, FakeAnswer> {
  return {
    [read('/api/slo')]: { data: sloResponse(services) },
    [read('/api/services')]: {
      data: {
        services: services.map((s) => catalogFixture(s.service, { team: s.team, tier: s.tier })),
        teams: [],
        regions: [],
      },
    },
    [read('/api/oncall')]: { data: onCall },
    [read('/api/deployments?latest=true')]: {
      data: {
        deployments: [
          deployment({ id: 'd2', service: 'checkout-api', version: 'v2.0.0', startedAt: SLO_NOW - 3_600_000 }),
          deployment({ id: 'd1', service: 'checkout-api', version: 'v1.9.0', startedAt: SLO_NOW - 86_400_000 }),
        ],
      },
    },
    [`POST ${BASE}/read/api/query`]: (request) => {
      const sent = request.data as QueryRequest;
      expect(sent.queries).toEqual([{ refId: 'by_service', queryType: 'cost', costView: 'by_service', topN: 50 }]);
      return {
        results: { by_service: { frames: [costByServiceFrame({ 'checkout-api': 1234.5, 'search-api': 10 })] } },
      };
    },
    ...overrides,
  };
}

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

function setup(path = '/services', overrides?: Record<string, FakeAnswer>) {
  const fetcher = fakeFetch(answers(overrides));
  const client = new GatewayClient(BASE, fetcher);
  const { factory, sources } = fakeEventSources();
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <main>
        <h1>Services</h1>
        <ServicesView client={client} eventSources={factory} />
        <LocationProbe />
      </main>
    </MemoryRouter>
  );
  return { fetcher, view, sources };
}

const shownOrder = () =>
  within(screen.getByTestId(testIds.services.table))
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.getAttribute('data-testid')?.replace(testIds.services.row(''), ''));

describe('ServicesView', () => {
  beforeEach(() => jest.useFakeTimers({ now: SLO_NOW, advanceTimers: true }));
  afterEach(() => jest.useRealTimers());

  it('lists services least budget left first, a service without traffic last, each linking to its page', async () => {
    setup();
    await screen.findByTestId(testIds.services.table, {}, WAIT);
    expect(shownOrder()).toEqual(['payments-worker', 'checkout-api', 'search-api', 'catalog-ingest']);
    expect(screen.getByTestId(testIds.services.cell('payments-worker', 'budget'))).toHaveTextContent(
      '-30.0%availability'
    );
    expect(screen.getByTestId(testIds.services.cell('catalog-ingest', 'budget'))).toHaveTextContent('No data');
    expect(screen.getByTestId(testIds.services.rowLink('checkout-api'))).toHaveAttribute(
      'href',
      servicePageUrl('checkout-api')
    );
  });

  it('joins burn rate, incidents, on-call at the first level, last deploy and cost month to date', async () => {
    setup();
    await screen.findByTestId(testIds.services.table, {}, WAIT);
    expect(screen.getByTestId(testIds.services.cell('payments-worker', 'burn'))).toHaveTextContent('20×');
    expect(screen.getByTestId(testIds.services.cell('payments-worker', 'incidents'))).toHaveTextContent(
      '1 incident2 alerts'
    );
    expect(screen.getByTestId(testIds.services.cell('checkout-api', 'on_call'))).toHaveTextContent('Ada Oncall');
    expect(screen.getByTestId(testIds.services.cell('search-api', 'on_call'))).toHaveTextContent('Nobody');
    expect(screen.getByTestId(testIds.services.cell('checkout-api', 'last_deploy'))).toHaveTextContent('v2.0.0');
    expect(screen.getByTestId(testIds.services.cell('search-api', 'last_deploy'))).toHaveTextContent('Never');
    expect(screen.getByTestId(testIds.services.cell('checkout-api', 'cost'))).toHaveTextContent('$1,234.50');
    expect(screen.getByTestId(testIds.services.cell('payments-worker', 'cost'))).toHaveTextContent('No data');
    expect(screen.getByTestId(testIds.services.demoBadge)).toHaveTextContent('Demo data');
  });

  it('reverses the sort from its header and keeps sort and order in the URL', async () => {
    setup();
    await screen.findByTestId(testIds.services.table, {}, WAIT);
    fireEvent.click(screen.getByTestId(testIds.services.sort('budget')));
    expect(screen.getByTestId('location')).toHaveTextContent('?order=best');
    expect(shownOrder()).toEqual(['search-api', 'checkout-api', 'payments-worker', 'catalog-ingest']);
    fireEvent.click(screen.getByTestId(testIds.services.sort('health')));
    expect(screen.getByTestId('location')).toHaveTextContent('?sort=health');
    expect(shownOrder()[0]).toBe('payments-worker');
    expect(screen.getByTestId(testIds.services.sort('health')).closest('th')).toHaveAttribute('aria-sort', 'ascending');
  });

  it('filters by team and tier from the URL', async () => {
    setup('/services?team=catalog&tier=3');
    await screen.findByTestId(testIds.services.table, {}, WAIT);
    expect(shownOrder()).toEqual(['catalog-ingest']);
    expect(screen.getByTestId(testIds.services.filter('team'))).toHaveValue('catalog');
  });

  it('says so when no service matches the filters', async () => {
    setup('/services?team=nobody');
    expect(await screen.findByTestId(testIds.services.empty, {}, WAIT)).toHaveTextContent('No catalog service matches');
  });

  it('opens the health score breakdown on keyboard focus, not only on hover', async () => {
    setup();
    const score = await screen.findByTestId(testIds.services.healthScore('payments-worker'), {}, WAIT);
    expect(score).toHaveTextContent('30');
    expect(score).toHaveAccessibleName('Health score 30 of 100: Budget remaining −70');
    await act(async () => {
      score.focus();
    });
    expect(await screen.findByRole('tooltip', {}, WAIT)).toHaveTextContent(
      'Firing burn alerts: −0 of 25 (none firing)'
    );
  });

  it('reloads every 10 seconds', async () => {
    let calls = 0;
    const { fetcher } = setup('/services', {
      [read('/api/slo')]: () => {
        calls++;
        return sloResponse(calls === 1 ? services : [{ ...services[2], status: 'down' }]);
      },
    });
    await screen.findByTestId(testIds.services.table, {}, WAIT);
    await act(async () => {
      await jest.advanceTimersByTimeAsync(SERVICES_REFRESH_MS);
    });
    expect(fetcher.requests.filter((r) => r.url.endsWith('/api/slo'))).toHaveLength(2);
    expect(shownOrder()).toEqual(['search-api']);
    expect(screen.getByTestId(testIds.services.cell('search-api', 'status'))).toHaveAttribute('data-status', 'down');
  });

  it('reloads at once when an incident changes, without waiting for the next tick', async () => {
    let calls = 0;
    const { fetcher, sources } = setup('/services', {
      [read('/api/slo')]: () => {
        calls++;
        return sloResponse(
          calls === 1 ? services : services.map((s) => ({ ...s, status: 'down' as const, openIncidents: 1 }))
        );
      },
    });
    await screen.findByTestId(testIds.services.table, {}, WAIT);
    await act(async () => {
      sources[0].emit({ id: 1, type: 'incident.changed', at: SLO_NOW, service: 'search-api', payload: {} });
      await jest.advanceTimersByTimeAsync(300);
    });
    expect(fetcher.requests.filter((r) => r.url.endsWith('/api/slo'))).toHaveLength(2);
    expect(screen.getByTestId(testIds.services.cell('search-api', 'status'))).toHaveAttribute('data-status', 'down');
  });

  it('still lists services when on-call and cost fail, and names what is missing', async () => {
    setup('/services', {
      [read('/api/oncall')]: { fail: { status: 502, statusText: 'Bad Gateway' } },
      [`POST ${BASE}/read/api/query`]: { data: { results: { by_service: { error: 'Cost Explorer refused' } } } },
    });
    await screen.findByTestId(testIds.services.table, {}, WAIT);
    const notices = screen.getByTestId(testIds.services.notices);
    expect(notices).toHaveTextContent('Who is on call could not be loaded');
    expect(notices).toHaveTextContent('Cost Explorer refused');
  });

  it('shows the gateway error when service levels cannot be loaded', async () => {
    setup('/services', { [read('/api/slo')]: { fail: { status: 502, statusText: 'Bad Gateway' } } });
    expect(await screen.findByTestId(testIds.services.error, {}, WAIT)).toHaveTextContent(/gateway/);
  });

  it('has no axe violations', async () => {
    jest.useRealTimers();
    const { view } = setup();
    await screen.findByTestId(testIds.services.table, {}, WAIT);
    // jsdom cannot compute colours, so contrast is left to the browser tests.
    const results = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
