import { act, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter } from 'react-router-dom';
import { GatewayClient } from '@/api';
import { fakeFetch, type FakeAnswer } from '@/api/testing';
import { fakeEventSources } from '@/api/testingEventSource';
import { testIds } from '@/components/testIds';
import { prefixRoute, ROUTES, servicePageUrl } from '@/constants';
import {
  actionPath,
  type DataFrameJSON,
  type MaintenanceWindow,
  type OnCallResponse,
  PLAYBOOKS_APP_PATH,
  type QueryRequest,
  type QueryResponse,
} from '@opsdeck/contract';
import { alertFixture } from '@/pages/Alerts/alertFixtures';
import { deployment } from '@/pages/Deployments/deploymentsFixture';
import { minutes, reliabilityResponse, reliabilityRow } from '@/pages/Reliability/reliabilityFixture';
import {
  catalogFixture,
  costByServiceFrame,
  objectiveFixture,
  serviceSloFixture,
  SLO_NOW,
  sloResponse,
} from './sloFixture';
import { ServiceView } from './ServiceView';

const WAIT = { timeout: 5000 };
jest.setTimeout(20_000);

const BASE = '/api/datasources/proxy/uid/opsdeck';
const read = (path: string) => `GET ${BASE}/read${path}`;
const HOUR = 3_600_000;

const checkout = serviceSloFixture({
  service: 'checkout-api',
  status: 'degraded',
  objectives: [
    objectiveFixture({
      remaining: 0.4,
      burn1h: 16,
      exhaustsAt: SLO_NOW + 30 * HOUR,
      alerts: [
        {
          severity: 'page',
          longWindow: '1h',
          shortWindow: '5m',
          threshold: 14.4,
          longBurnRate: 16,
          shortBurnRate: 18,
          firing: true,
        },
      ],
    }),
  ],
  openAlerts: 1,
});

const catalog = {
  services: [
    catalogFixture('checkout-api', {
      dependsOn: ['payments-worker', 'ledger'],
      runbookUrl: 'https://runbooks.example/checkout',
    }),
    catalogFixture('payments-worker'),
    catalogFixture('storefront', { dependsOn: ['checkout-api'] }),
  ],
  teams: ['payments'],
  regions: [],
};

const onCall: OnCallResponse = {
  provider: 'demo',
  generatedAt: SLO_NOW,
  policies: [
    {
      id: 'p1',
      name: 'Payments',
      teams: ['payments'],
      services: [],
      steps: [],
      layers: [
        {
          level: 1,
          now: [{ person: { id: 'u1', name: 'Ada Oncall', contacts: [] } }],
          next: [{ person: { id: 'u3', name: 'Cy Next', contacts: [] }, start: SLO_NOW + HOUR }],
        },
      ],
    },
  ],
};

function maintenanceWindow(overrides: Partial<MaintenanceWindow>): MaintenanceWindow {
  return {
    id: 'm1',
    services: [],
    teams: [],
    reason: 'Database upgrade',
    createdBy: 'alice',
    createdAt: SLO_NOW - HOUR,
    startsAt: SLO_NOW + HOUR,
    endsAt: SLO_NOW + 2 * HOUR,
    state: 'scheduled',
    activeNow: false,
    mirrors: {},
    ...overrides,
  } as MaintenanceWindow;
}

function series(name: string, field: string, values: number[]): DataFrameJSON {
  return {
    schema: {
      name,
      fields: [
        { name: 'time', type: 'time' },
        { name: field, type: 'number' },
      ],
    },
    data: { values: [values.map((_, i) => SLO_NOW - (values.length - i) * HOUR), values] },
  };
}

/** Answers POST /api/query by what it asks: cost, burn_rate, error_budget or service_metric. */
function queryAnswer(chartError?: string) {
  return (request: { data?: unknown }): QueryResponse => {
    const sent = request.data as QueryRequest;
    const results: QueryResponse['results'] = {};
    for (const q of sent.queries) {
      if (q.queryType === 'cost' && q.costView === 'by_service') {
        results[q.refId] = { frames: [costByServiceFrame({ 'checkout-api': 1234.5 })] };
      } else if (q.queryType === 'cost') {
        results[q.refId] = { frames: [series('cost_daily', 'checkout-api', [40, 41, 45])] };
      } else if (q.queryType === 'burn_rate') {
        results[q.refId] = chartError
          ? { error: chartError }
          : { frames: [series('checkout-api/availability', 'burn_1h', [1, 4, 16])] };
      } else if (q.queryType === 'error_budget') {
        results[q.refId] = { frames: [series('checkout-api/availability', 'budget_remaining', [0.6, 0.5, 0.4])] };
      } else {
        results[q.refId] = { frames: [series(q.service ?? '', 'value', [0.01, 0.02])] };
      }
    }
    return { results };
  };
}

function answers(overrides: Record<string, FakeAnswer> = {}): Record<string, FakeAnswer> {
  return {
    [read('/api/services')]: { data: catalog },
    [read('/api/slo?service=checkout-api')]: { data: sloResponse([checkout]) },
    [read('/api/alerts?service=checkout-api')]: {
      data: { alerts: [alertFixture({ id: 'a1', summary: 'Checkout 5xx' })] },
    },
    [read('/api/incidents?service=checkout-api')]: {
      data: {
        incidents: [
          {
            id: 'i1',
            source: 'pagerduty',
            externalId: 'P1',
            title: 'Checkout down',
            service: 'checkout-api',
            severity: 'critical',
            status: 'triggered',
            createdAt: SLO_NOW - HOUR,
            updatedAt: SLO_NOW,
            alertIds: [],
            links: [],
          },
        ],
      },
    },
    [read('/api/deployments?service=checkout-api&limit=10')]: {
      data: { deployments: [deployment({ id: 'd1', version: 'v2.0.0' })] },
    },
    [read('/api/deployments/suspects?service=checkout-api')]: { data: { service: 'checkout-api', suspects: [] } },
    [read('/api/oncall')]: { data: onCall },
    [read('/api/maintenance')]: {
      data: {
        windows: [
          maintenanceWindow({ teams: ['payments'] }),
          maintenanceWindow({ id: 'm2', services: ['search-api'] }),
        ],
      },
    },
    [read('/api/reliability?service=checkout-api')]: {
      data: reliabilityResponse(
        [],
        reliabilityRow(
          '',
          { incidents: 5, mtta: minutes(4, 5), mttr: minutes(40, 5), mtbf: minutes(3000, 3) },
          { incidents: 4, mtta: minutes(5, 4), mttr: minutes(20, 4), mtbf: minutes(2000, 2) },
          {
            mtta: { delta: -60_000, ratio: -0.2 },
            mttr: { delta: 20 * 60_000, ratio: 1 },
            mtbf: { delta: 1000 * 60_000, ratio: 0.5 },
          }
        )
      ),
    },
    [`POST ${BASE}/read/api/query`]: queryAnswer(),
    ...overrides,
  };
}

function setup(service: string, overrides?: Record<string, FakeAnswer>, canAcknowledge = true) {
  const fetcher = fakeFetch(answers(overrides));
  const { factory } = fakeEventSources();
  const view = render(
    <MemoryRouter>
      <main>
        <h1>{service}</h1>
        <ServiceView
          client={new GatewayClient(BASE, fetcher)}
          service={service}
          role={canAcknowledge ? 'Editor' : 'Viewer'}
          canAcknowledge={canAcknowledge}
          eventSources={factory}
        />
      </main>
    </MemoryRouter>
  );
  return { fetcher, view };
}

describe('ServiceView', () => {
  beforeEach(() => jest.useFakeTimers({ now: SLO_NOW, advanceTimers: true }));
  afterEach(() => jest.useRealTimers());

  it('says plainly that a name is not in the catalog, with a way back to the list', async () => {
    setup('no-such-service');
    const unknown = await screen.findByTestId(testIds.service.unknown, {}, WAIT);
    expect(unknown).toHaveTextContent('No service named "no-such-service" in the catalog');
    expect(unknown).toHaveTextContent('checkout-api, payments-worker');
    expect(within(unknown).getByRole('link', { name: /Back to all services/ })).toHaveAttribute(
      'href',
      prefixRoute(ROUTES.Services)
    );
  });

  it('shows each objective with budget, burn rates, a firing burn alert and charts', async () => {
    setup('checkout-api');
    const objective = await screen.findByTestId(testIds.service.objective('availability'), {}, WAIT);
    expect(screen.getByTestId(testIds.service.objectiveFigure('availability', 'budget'))).toHaveTextContent('40.0%');
    expect(screen.getByTestId(testIds.service.objectiveFigure('availability', 'burn'))).toHaveTextContent('16×');
    expect(objective).toHaveTextContent('Paging: burn 16× over 1h and 18× over 5m, above 14.4×');
    expect(
      await within(objective).findByRole('img', { name: /budget left, last 7 days: from 60.0% to 40.0%/ }, WAIT)
    ).toBeInTheDocument();
    expect(
      within(objective).getByRole('img', { name: /burn rate over 1 h, last 24 h: from 1.00× to 16×/ })
    ).toBeInTheDocument();
    expect(screen.getByTestId(testIds.service.status)).toHaveAttribute('data-status', 'degraded');
    expect(screen.getByTestId(testIds.service.demoBadge)).toBeInTheDocument();
  });

  it('says the charts are unavailable when the gateway refuses the series, and keeps the figures', async () => {
    setup('checkout-api', { [`POST ${BASE}/read/api/query`]: queryAnswer('unknown query type burn_rate') });
    expect(await screen.findByTestId(testIds.service.sloChartsNotice, {}, WAIT)).toHaveTextContent(
      'unknown query type burn_rate'
    );
    expect(screen.getByTestId(testIds.service.objectiveFigure('availability', 'budget'))).toHaveTextContent('40.0%');
  });

  it('joins on-call now and next, runbook, dependencies, maintenance, cost and what is open', async () => {
    setup('checkout-api');
    await screen.findByTestId(testIds.service.summary, {}, WAIT);
    expect(screen.getByTestId(testIds.service.onCall)).toHaveTextContent('Ada Oncall');
    expect(screen.getByTestId(testIds.service.summary)).toHaveTextContent('Cy Next');
    expect(within(screen.getByTestId(testIds.service.runbook)).getByRole('link')).toHaveAttribute(
      'href',
      'https://runbooks.example/checkout'
    );
    expect(within(screen.getByTestId(testIds.service.dependency('payments-worker'))).getByRole('link')).toHaveAttribute(
      'href',
      servicePageUrl('payments-worker')
    );
    expect(screen.getByTestId(testIds.service.dependency('ledger'))).toHaveTextContent('ledger (not in the catalog)');
    expect(within(screen.getByTestId(testIds.service.dependent('storefront'))).getByRole('link')).toHaveAttribute(
      'href',
      servicePageUrl('storefront')
    );
    expect(within(screen.getByTestId(testIds.service.dependents)).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.getByTestId(testIds.service.maintenanceWindow('m1'))).toHaveTextContent('Database upgrade');
    expect(screen.queryByTestId(testIds.service.maintenanceWindow('m2'))).not.toBeInTheDocument();
    expect(screen.getByTestId(testIds.service.cost)).toHaveTextContent('$1,234.50');
    expect(
      within(screen.getByTestId(testIds.service.incident('i1'))).getByRole('link', { name: 'Checkout down' })
    ).toHaveAttribute('href', `${prefixRoute(ROUTES.Incidents)}?incident=i1`);
    expect(
      within(screen.getByTestId(testIds.service.alert('a1'))).getByRole('link', { name: 'Checkout 5xx' })
    ).toHaveAttribute('href', `${prefixRoute(ROUTES.Alerts)}?service=checkout-api&alert=a1`);
    // A critical PagerDuty incident and an alert with no rule name fall back to the service's "down" playbook.
    expect(screen.getByTestId(testIds.service.playbook('i1'))).toHaveAttribute(
      'href',
      `${PLAYBOOKS_APP_PATH}/service-down?service=checkout-api`
    );
    expect(screen.getByTestId(testIds.service.playbook('a1'))).toHaveTextContent('Playbook: Service down');
    expect(within(screen.getByTestId(testIds.service.playbooks)).getByRole('link')).toHaveAttribute(
      'href',
      `${PLAYBOOKS_APP_PATH}?service=checkout-api#checkout-api`
    );
    expect(screen.getByTestId(testIds.service.deploy('d1'))).toHaveTextContent('v2.0.0');
    expect(screen.getByTestId(testIds.service.rollback)).toHaveTextContent('Roll back v2.0.0');
  });

  it('acknowledges a firing alert at the source through the write route and says what happened', async () => {
    const ack = `POST ${BASE}/write${actionPath('alert', 'a1', 'acknowledge')}`;
    const { fetcher } = setup('checkout-api', {
      [ack]: {
        data: {
          action: 'acknowledge',
          target: 'alert',
          targetId: 'a1',
          outcome: 'done',
          provider: 'alertmanager',
          user: 'editor',
          at: SLO_NOW,
        },
      },
    });
    fireEvent.click(await screen.findByTestId(testIds.service.alertAcknowledge('a1'), {}, WAIT));
    expect(await screen.findByTestId(testIds.service.actionResult, {}, WAIT)).toHaveTextContent(
      'Acknowledged at the source (alertmanager).'
    );
    expect(fetcher.requests.map((r) => `${r.method} ${r.url}`)).toContain(ack);
  });

  it('offers neither acknowledge nor rollback to a Viewer', async () => {
    setup('checkout-api', undefined, false);
    await screen.findByTestId(testIds.service.alert('a1'), {}, WAIT);
    expect(screen.queryByTestId(testIds.service.alertAcknowledge('a1'))).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.service.rollback)).not.toBeInTheDocument();
  });

  it('shows its own MTTA, MTTR and MTBF over 30 days with counts and trends, linking to the Reliability page', async () => {
    const { fetcher } = setup('checkout-api');
    const section = await screen.findByTestId(testIds.reliability.service, {}, WAIT);
    const mttr = await within(section).findByTestId(testIds.reliability.serviceFigure('mttr'), {}, WAIT);
    expect(mttr).toHaveTextContent('40 min');
    expect(mttr).toHaveTextContent('from 5 incidents');
    expect(within(mttr).getByTitle(/100% longer than the period before \(worse\)/)).toHaveAttribute(
      'data-tone',
      'worse'
    );
    const mtta = screen.getByTestId(testIds.reliability.serviceFigure('mtta'));
    expect(within(mtta).getByTitle(/20% shorter/)).toHaveAttribute('data-tone', 'better');
    const mtbf = screen.getByTestId(testIds.reliability.serviceFigure('mtbf'));
    expect(mtbf).toHaveTextContent('2 d 2 h');
    expect(mtbf).toHaveTextContent('from 3 gaps between incidents');
    expect(within(mtbf).getByTitle(/50% longer than the period before \(better\)/)).toHaveAttribute(
      'data-tone',
      'better'
    );
    expect(screen.getByTestId(testIds.reliability.serviceLink)).toHaveAttribute(
      'href',
      `${prefixRoute(ROUTES.Reliability)}?service=checkout-api`
    );
    expect(fetcher.requests.map((r) => r.url)).toContain(`${BASE}/read/api/reliability?service=checkout-api`);
  });

  it('keeps the page when the reliability figures fail, and says so in the section', async () => {
    setup('checkout-api', {
      [read('/api/reliability?service=checkout-api')]: { fail: { status: 503, data: { error: 'store busy' } } },
    });
    expect(await screen.findByTestId(testIds.reliability.serviceError, {}, WAIT)).toHaveTextContent('store busy');
    expect(screen.getByTestId(testIds.service.summary)).toBeInTheDocument();
  });

  it('has no axe violations', async () => {
    jest.useRealTimers();
    const { view } = setup('checkout-api');
    await screen.findByTestId(testIds.service.objective('availability'), {}, WAIT);
    await screen.findByTestId(testIds.service.signal('error_rate'), {}, WAIT);
    await screen.findByTestId(testIds.reliability.serviceFigure('mttr'), {}, WAIT);
    await act(async () => {});
    const results = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
