import { render as renderInPage, screen, within } from '@testing-library/react';
import { type ReactElement } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { GatewayClient, systemClock } from '@/api';
import { fakeFetch } from '@/api/testing';
import { testIds } from '@/components/testIds';
import { reliabilityPageUrl } from '@/constants';
import { costReport } from '@/pages/Reliability/costEfficiencyFixture';
import { fatigueFigures, fatigueReport, ruleFatigue } from '@/pages/Reliability/fatigueFixture';
import { RELIABILITY_NOW } from '@/pages/Reliability/reliabilityFixture';
import { ServiceCostEfficiency } from './ServiceCostEfficiency';
import { ServiceFatigue } from './ServiceFatigue';

const BASE = '/api/datasources/proxy/uid/opsdeck';
const DAY = 86_400_000;
const WAIT = { timeout: 5000 };
const clock = { ...systemClock, now: () => RELIABILITY_NOW };
// TextLink is a router link.
const render = (ui: ReactElement) => renderInPage(<MemoryRouter>{ui}</MemoryRouter>);

describe("the Service page's fatigue and cost-efficiency sections", () => {
  it('lists the service rules over 30 days, most fatiguing first, linking to the fatigue tab', async () => {
    const quiet = ruleFatigue('Quiet', 'payments', fatigueFigures({}, { volume: 1 }));
    const fetcher = fakeFetch({
      [`GET ${BASE}/read/api/alert-fatigue?from=${RELIABILITY_NOW - 30 * DAY}&service=checkout-api`]: {
        data: { ...fatigueReport, rules: [quiet, ...fatigueReport.rules] },
      },
    });
    render(<ServiceFatigue client={new GatewayClient(BASE, fetcher)} service="checkout-api" clock={clock} />);
    const section = await screen.findByTestId(testIds.reliability.fatigue.service, {}, WAIT);
    await within(section).findByRole('table', {}, WAIT);
    expect(
      within(section)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.getAttribute('data-testid'))
    ).toEqual(
      ['payments/CheckoutLatencyHigh', 'discovery/SearchErrorsRising', 'payments/Quiet'].map(
        testIds.reliability.fatigue.serviceRule
      )
    );
    const cell = (column: string) =>
      screen.getByTestId(testIds.reliability.fatigue.serviceRuleCell('payments/CheckoutLatencyHigh', column));
    expect(cell('score')).toHaveTextContent('72');
    expect(cell('sleep')).toHaveTextContent('12');
    expect(cell('never_acknowledged')).toHaveTextContent('45%');
    expect(screen.getByTestId(testIds.reliability.fatigue.serviceLink)).toHaveAttribute(
      'href',
      reliabilityPageUrl({ service: 'checkout-api', section: 'fatigue' })
    );
    expect(reliabilityPageUrl({ service: 'checkout-api', section: 'fatigue' })).toMatch(
      /reliability\?service=checkout-api&section=fatigue$/
    );
  });

  it('says so when none of its alerts fired', async () => {
    const fetcher = fakeFetch({
      [`GET ${BASE}/read/api/alert-fatigue?from=${RELIABILITY_NOW - 30 * DAY}&service=quiet-api`]: {
        data: { ...fatigueReport, rules: [], fixFirst: [], teams: [], receivers: [] },
      },
    });
    render(<ServiceFatigue client={new GatewayClient(BASE, fetcher)} service="quiet-api" clock={clock} />);
    expect(await screen.findByTestId(testIds.reliability.fatigue.serviceEmpty, {}, WAIT)).toHaveTextContent(
      'No alert of this service fired'
    );
  });

  it('shows cost per 1,000 requests against the window before, cost against traffic and idle capacity', async () => {
    const fetcher = fakeFetch({
      [`GET ${BASE}/read/api/cost-efficiency?service=checkout-api`]: {
        data: { ...costReport, services: costReport.services.slice(0, 1) },
      },
    });
    render(<ServiceCostEfficiency client={new GatewayClient(BASE, fetcher)} service="checkout-api" />);
    const figure = async (id: string) =>
      (await screen.findByTestId(testIds.reliability.cost.serviceFigure(id), {}, WAIT)).textContent;
    expect(await figure('per_1k')).toBe('$3.00');
    expect(await figure('per_1k_good')).toBe('$3.1579');
    expect(await figure('previous_per_1k')).toBe('$2.00');
    expect(await figure('per_budget_point')).toBe('$75.00');
    expect(await figure('changes')).toBe('0% / +50%');
    expect(screen.getByTestId(testIds.reliability.cost.serviceFigure('efficiency'))).toHaveAttribute(
      'data-tone',
      'worse'
    );
    expect(screen.getByTestId(testIds.reliability.cost.serviceIdle('checkout-db'))).toHaveTextContent(
      'RDS instance checkout-db: p95 CPU 8.0% over 7 days; $450.50 in the last 30 days (this resource).'
    );
    expect(screen.getByTestId(testIds.reliability.cost.serviceLink)).toHaveAttribute(
      'href',
      reliabilityPageUrl({ service: 'checkout-api', section: 'cost' })
    );
  });

  it('keeps the section and says what failed when the gateway refuses', async () => {
    const fetcher = fakeFetch({
      [`GET ${BASE}/read/api/cost-efficiency?service=checkout-api`]: {
        fail: { status: 502, data: { error: 'Cost Explorer is unreachable' } },
      },
    });
    render(<ServiceCostEfficiency client={new GatewayClient(BASE, fetcher)} service="checkout-api" />);
    expect(await screen.findByTestId(testIds.reliability.cost.serviceError, {}, WAIT)).toHaveTextContent(
      'Cost Explorer is unreachable'
    );
  });
});
