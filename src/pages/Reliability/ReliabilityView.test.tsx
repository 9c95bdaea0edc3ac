import { act, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { GatewayClient, systemClock } from '@/api';
import { fakeFetch, type FakeAnswer } from '@/api/testing';
import { testIds } from '@/components/testIds';
import { servicePageUrl } from '@/constants';
import { type ReliabilityResponse } from '@opsdeck/contract';
import { costReport } from './costEfficiencyFixture';
import { fatigueReport } from './fatigueFixture';
import { minutes, RELIABILITY_NOW, reliabilityResponse, reliabilityRow } from './reliabilityFixture';
import { ReliabilityView } from './ReliabilityView';

// Three Comboboxes and a table under jsdom on a busy machine.
jest.setTimeout(20_000);
const WAIT = { timeout: 5000 };
const BASE = '/api/datasources/proxy/uid/opsdeck';
const read = (path: string) => `GET ${BASE}/read${path}`;
const DAY = 86_400_000;
const clock = { ...systemClock, now: () => RELIABILITY_NOW };

const catalog = {
  services: [
    { name: 'checkout-api', team: 'payments' },
    { name: 'payments-worker', team: 'payments' },
    { name: 'search-api', team: 'discovery' },
  ],
  teams: ['discovery', 'payments'],
  regions: [],
};

const byService = reliabilityResponse(
  [
    reliabilityRow(
      'checkout-api',
      { incidents: 6, inMaintenance: 2, mtta: minutes(6, 6), mttr: minutes(120, 6, 90, 300), mtbf: minutes(3000, 3) },
      { incidents: 4, mtta: minutes(5), mttr: minutes(60) },
      { mtta: { delta: 60_000, ratio: 0.2 }, mttr: { delta: 3_600_000, ratio: 1 } }
    ),
    reliabilityRow(
      'search-api',
      { incidents: 2, mtta: minutes(3, 2), mttr: minutes(30, 2), mtbf: minutes(6000, 1) },
      { incidents: 2, mttr: minutes(60, 2) },
      { mttr: { delta: -1_800_000, ratio: -0.5 } }
    ),
    reliabilityRow('', { incidents: 1 }),
  ],
  reliabilityRow(
    '',
    { incidents: 9, inMaintenance: 2, mtta: minutes(5, 8), mttr: minutes(90, 8, 60, 240), mtbf: minutes(4000, 5) },
    { incidents: 6, mtta: minutes(5, 6), mttr: minutes(100, 6, 60, 200), mtbf: minutes(2000, 4) },
    { mtta: { delta: 0, ratio: 0 }, mttr: { delta: -600_000, ratio: -0.1 }, mtbf: { delta: 2000 * 60_000, ratio: 1 } }
  )
);

function LocationProbe() {
  return <output data-testid="location">{useLocation().search}</output>;
}

function setup(path: string, answers: Record<string, FakeAnswer> = {}) {
  const fetcher = fakeFetch({
    [read('/api/services')]: { data: catalog },
    [read('/api/health')]: { data: { status: 'ok', mode: 'demo', version: '1', authenticated: true, sources: [] } },
    [read('/api/reliability?groupBy=service')]: { data: byService },
    [read(`/api/alert-fatigue?from=${RELIABILITY_NOW - 30 * DAY}`)]: { data: fatigueReport },
    [read('/api/cost-efficiency')]: { data: costReport },
    ...answers,
  });
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <main>
        <h1>Reliability</h1>
        <ReliabilityView client={new GatewayClient(BASE, fetcher)} clock={clock} />
        <LocationProbe />
      </main>
    </MemoryRouter>
  );
  const reliabilityUrls = () => fetcher.requests.map((r) => r.url).filter((u) => u.includes('/api/reliability'));
  return { fetcher, view, reliabilityUrls };
}

const location = () => screen.getByTestId('location').textContent;
/** @grafana/ui's BarGauge marks its value with this test id (@grafana/e2e-selectors). */
const BAR_GAUGE_VALUE = '[data-testid="data-testid Bar gauge value"]';

describe('ReliabilityView', () => {
  it('shows the fleet tiles with counts and trends coloured by what is better for each figure', async () => {
    setup('/reliability');
    const tiles = await screen.findByTestId(testIds.reliability.tiles, {}, WAIT);
    expect(within(tiles).getByTestId(testIds.reliability.tileValue('mtta'))).toHaveTextContent('5 min');
    expect(within(tiles).getByTestId(testIds.reliability.tileValue('mttr'))).toHaveTextContent('1 h 30 min');
    expect(within(tiles).getByTestId(testIds.reliability.tileValue('mttrP90'))).toHaveTextContent('4 h');
    expect(within(tiles).getByTestId(testIds.reliability.tileValue('mtbf'))).toHaveTextContent('2 d 18 h');
    expect(screen.getByTestId(testIds.reliability.tileCount('mttr'))).toHaveTextContent('from 8 incidents');
    expect(screen.getByTestId(testIds.reliability.tileCount('mtbf'))).toHaveTextContent('from 5 gaps');
    // MTTR shorter: better. MTTR p90 longer (200 → 240 min): worse. MTBF longer: better. MTTA unchanged.
    expect(screen.getByTestId(testIds.reliability.trend('mttr'))).toHaveAttribute('data-tone', 'better');
    expect(screen.getByTestId(testIds.reliability.trend('mttr'))).toHaveTextContent('↓ −10%');
    expect(screen.getByTestId(testIds.reliability.trend('mttrP90'))).toHaveAttribute('data-tone', 'worse');
    expect(screen.getByTestId(testIds.reliability.trend('mttrP90'))).toHaveTextContent('↑ +20%');
    expect(screen.getByTestId(testIds.reliability.trend('mtbf'))).toHaveAttribute('data-tone', 'better');
    expect(screen.getByTestId(testIds.reliability.trend('mtta'))).toHaveAttribute('data-tone', 'same');
    expect(screen.getByTestId(testIds.reliability.demoBadge)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.reliability.range)).toHaveTextContent('against the 30 days before');
  });

  it('lists the rows in the gateway order, services linked to their page, with MTTR figures and trend', async () => {
    setup('/reliability');
    const table = await screen.findByTestId(testIds.reliability.table, {}, WAIT);
    const keys = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.getAttribute('data-testid'));
    expect(keys).toEqual(['checkout-api', 'search-api', ''].map(testIds.reliability.row));
    expect(screen.getByTestId(testIds.reliability.rowLink('checkout-api'))).toHaveAttribute(
      'href',
      servicePageUrl('checkout-api')
    );
    const cell = (key: string, column: string) => screen.getByTestId(testIds.reliability.cell(key, column));
    expect(cell('checkout-api', 'incidents')).toHaveTextContent('6 (2 in maintenance)');
    expect(cell('checkout-api', 'mttr_mean')).toHaveTextContent('2 h');
    expect(cell('checkout-api', 'mttr_median')).toHaveTextContent('1 h 30 min');
    expect(cell('checkout-api', 'mttr_p90')).toHaveTextContent('5 h');
    expect(cell('checkout-api', 'mtbf_mean')).toHaveTextContent('2 d 2 h');
    expect(cell('checkout-api', 'mttr_trend')).toHaveAttribute('data-tone', 'worse');
    expect(cell('search-api', 'mttr_trend')).toHaveAttribute('data-tone', 'better');
    expect(cell('', 'mttr_mean')).toHaveTextContent('–');
    expect(within(screen.getByTestId(testIds.reliability.row(''))).getByRole('rowheader')).toHaveTextContent(
      'No service'
    );
  });

  it('reads the filters from the URL, sends them to the gateway, and writes changes back', async () => {
    const teamQuery = `/api/reliability?groupBy=team&from=${RELIABILITY_NOW - 7 * DAY}&team=payments&severity=critical&includeMaintenance=true`;
    const byTeam: ReliabilityResponse = {
      ...reliabilityResponse([reliabilityRow('payments', { incidents: 3, mttr: minutes(20) })], undefined, 'team', 7),
    };
    const { reliabilityUrls } = setup(
      '/reliability?period=7d&groupBy=team&team=payments&severity=critical&includeMaintenance=true',
      {
        [read(teamQuery)]: { data: byTeam },
        [read(
          `/api/reliability?groupBy=team&from=${RELIABILITY_NOW - 90 * DAY}&team=payments&severity=critical&includeMaintenance=true`
        )]: { data: byTeam },
        [read(
          '/api/reliability?groupBy=team&from=' + (RELIABILITY_NOW - 90 * DAY) + '&team=payments&severity=critical'
        )]: { data: byTeam },
      }
    );
    const row = await screen.findByTestId(testIds.reliability.row('payments'), {}, WAIT);
    // Teams are not pages: no link.
    expect(within(row).queryByRole('link')).toBeNull();
    expect(screen.getByTestId(testIds.reliability.filter('team'))).toHaveValue('payments');
    expect(screen.getByTestId(testIds.reliability.filter('severity'))).toHaveValue('critical');
    expect(screen.getByLabelText(/Include maintenance in MTBF/)).toBeChecked();
    expect(screen.getByTestId(testIds.reliability.range)).toHaveTextContent('against the 7 days before');
    expect(reliabilityUrls()).toEqual([`${BASE}/read${teamQuery}`]);

    fireEvent.click(screen.getByLabelText('90 d'));
    await screen.findByTestId(testIds.reliability.row('payments'), {}, WAIT);
    expect(location()).toBe('?period=90d&groupBy=team&team=payments&severity=critical&includeMaintenance=true');
    fireEvent.click(screen.getByLabelText(/Include maintenance in MTBF/));
    await screen.findByTestId(testIds.reliability.row('payments'), {}, WAIT);
    expect(location()).toBe('?period=90d&groupBy=team&team=payments&severity=critical');
    expect(reliabilityUrls()).toHaveLength(3);

    fireEvent.click(within(screen.getByTestId(testIds.reliability.groupBy)).getByLabelText('Service'));
    expect(location()).toBe('?period=90d&team=payments&severity=critical');
  });

  it('exports the table as shown as CSV and JSON', async () => {
    const files: Blob[] = [];
    const names: string[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => {
        files.push(blob);
        return 'blob:opsdeck-export';
      }),
      revokeObjectURL: jest.fn(),
    });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      names.push(this.download);
    });
    try {
      setup('/reliability');
      fireEvent.click(await screen.findByTestId(testIds.reliability.exportButton('csv'), {}, WAIT));
      fireEvent.click(screen.getByTestId(testIds.reliability.exportButton('json')));
      const text = (blob: Blob) =>
        new Promise<string>((resolve) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.readAsText(blob);
        });
      const csv = (await text(files[0])).split('\r\n');
      expect(csv.slice(1, 4).map((line) => line.split(',')[0])).toEqual(['checkout-api', 'search-api', '']);
      expect(csv[1].split(',').slice(0, 3)).toEqual(['checkout-api', '6', '2']);
      const json = JSON.parse(await text(files[1]));
      expect(json.filters).toEqual({ period: '30d', groupBy: 'service' });
      expect(json.rows).toEqual(byService.rows);
      expect(names).toEqual([
        'reliability-period-30d-groupBy-service-2026-03-01T12-00-00Z.csv',
        'reliability-period-30d-groupBy-service-2026-03-01T12-00-00Z.json',
      ]);
    } finally {
      click.mockRestore();
    }
  });

  it('says when no incident matches, with nothing to export', async () => {
    setup('/reliability?service=search-api', {
      [read('/api/reliability?groupBy=service&service=search-api')]: { data: reliabilityResponse([]) },
    });
    expect(await screen.findByTestId(testIds.reliability.empty, {}, WAIT)).toHaveTextContent('No incident');
    expect(screen.getByTestId(testIds.reliability.exportButton('csv'))).toBeDisabled();
    expect(screen.getByTestId(testIds.reliability.tileValue('mttr'))).toHaveTextContent('–');
    expect(screen.getByTestId(testIds.reliability.tileCount('mttr'))).toHaveTextContent('from 0 incidents');
  });

  it('says what failed when the gateway refuses, and shows no demo badge for a live gateway', async () => {
    setup('/reliability', {
      [read('/api/reliability?groupBy=service')]: {
        fail: { status: 400, data: { error: '"from" must be before "to"' } },
      },
      [read('/api/health')]: { data: { status: 'ok', mode: 'live', version: '1', authenticated: true, sources: [] } },
    });
    expect(await screen.findByTestId(testIds.reliability.error, {}, WAIT)).toHaveTextContent(
      '"from" must be before "to"'
    );
    expect(screen.queryByTestId(testIds.reliability.table)).toBeNull();
    expect(screen.queryByTestId(testIds.reliability.demoBadge)).toBeNull();
  });

  it('draws MTTR per row as bar gauges, worst first, with the figure in each bar', async () => {
    setup('/reliability');
    const chart = await screen.findByTestId(testIds.reliability.chart('mttr'), {}, WAIT);
    const bars = within(chart).getAllByRole('listitem');
    expect(bars.map((b) => b.getAttribute('data-testid'))).toEqual(
      ['checkout-api', 'search-api', ''].map((key) => testIds.reliability.chartBar('mttr', key))
    );
    expect(bars[0]).toHaveAccessibleName('checkout-api: 2 h (from 6 incidents)');
    expect(bars[2]).toHaveAccessibleName('No service: no resolved incident');
    expect(chart.querySelectorAll(BAR_GAUGE_VALUE)).toHaveLength(3);
    expect(bars[0].querySelector(BAR_GAUGE_VALUE)).toHaveTextContent('2 h (from 6 incidents)');
  });

  it('switches to alert fatigue through the URL: teams, the rules to fix first with evidence, shifts, receivers', async () => {
    const { fetcher } = setup('/reliability?period=7d&severity=critical&groupBy=team', {
      [read(`/api/alert-fatigue?from=${RELIABILITY_NOW - 7 * DAY}`)]: { data: fatigueReport },
      [read(`/api/reliability?groupBy=team&from=${RELIABILITY_NOW - 7 * DAY}&severity=critical`)]: { data: byService },
    });
    await screen.findByTestId(testIds.reliability.table, {}, WAIT);
    fireEvent.click(screen.getByTestId(testIds.reliability.sectionTab('fatigue')));
    expect(location()).toBe('?period=7d&severity=critical&groupBy=team&section=fatigue');
    await screen.findByTestId(testIds.reliability.fatigue.teamTable, {}, WAIT);
    // Severity, group-by and maintenance do not apply to fatigue: not shown, not sent.
    expect(screen.queryByTestId(testIds.reliability.filter('severity'))).toBeNull();
    expect(screen.queryByTestId(testIds.reliability.groupBy)).toBeNull();
    expect(fetcher.requests.map((r) => r.url).filter((u) => u.includes('alert-fatigue'))).toEqual([
      `${BASE}/read/api/alert-fatigue?from=${RELIABILITY_NOW - 7 * DAY}`,
    ]);

    const teamRows = within(screen.getByTestId(testIds.reliability.fatigue.teamTable)).getAllByRole('row').slice(1);
    expect(teamRows.map((r) => r.getAttribute('data-testid'))).toEqual(
      ['payments', 'discovery'].map(testIds.reliability.fatigue.teamRow)
    );
    const team = (column: string) => screen.getByTestId(testIds.reliability.fatigue.teamCell('payments', column));
    expect(team('score')).toHaveTextContent('30');
    expect(team('sleep_interruptions')).toHaveTextContent('20 / 35');
    expect(team('never_acknowledged')).toHaveTextContent('10 / 25');
    const teamChart = screen.getByTestId(testIds.reliability.chart('fatigue-teams'));
    expect(teamChart.querySelectorAll(BAR_GAUGE_VALUE)).toHaveLength(2);

    const rules = within(screen.getByTestId(testIds.reliability.fatigue.fixFirst)).getAllByRole('listitem');
    expect(rules[0]).toHaveAttribute('data-testid', testIds.reliability.fatigue.rule('payments/CheckoutLatencyHigh'));
    const evidence = (id: string) =>
      screen.getByTestId(testIds.reliability.fatigue.ruleEvidence('payments/CheckoutLatencyHigh', id));
    expect(screen.getByTestId(testIds.reliability.fatigue.ruleScore('payments/CheckoutLatencyHigh'))).toHaveTextContent(
      '72 / 100'
    );
    expect(evidence('sleep')).toHaveTextContent('12 of 28');
    expect(evidence('never_acknowledged')).toHaveTextContent('45% (18 of 40)');
    expect(evidence('receivers')).toHaveTextContent('payments-pager, payments-slack');

    expect(
      screen.getByTestId(testIds.reliability.fatigue.shiftTeamCell('payments', 'interruptions'))
    ).toHaveTextContent('6.5 (9)');
    expect(screen.getByTestId(testIds.reliability.fatigue.shiftTeamCell('discovery', 'shifts'))).toHaveTextContent(
      'no shift history'
    );
    expect(within(screen.getByTestId(testIds.reliability.fatigue.heaviestShifts)).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId(testIds.reliability.fatigue.receiverCell('payments-pager', 'score'))).toHaveTextContent(
      '25'
    );
    expect(screen.getByTestId(testIds.reliability.demoBadge)).toBeInTheDocument();
  });

  it('says why there are no per-shift figures when the on-call source keeps no history', async () => {
    setup('/reliability?section=fatigue', {
      [read(`/api/alert-fatigue?from=${RELIABILITY_NOW - 30 * DAY}`)]: {
        data: { ...fatigueReport, teams: fatigueReport.teams.map((t) => ({ ...t, shifts: [], perShift: null })) },
      },
    });
    expect(await screen.findByTestId(testIds.reliability.fatigue.shiftsEmpty, {}, WAIT)).toHaveTextContent(
      'keeps no shift history'
    );
    expect(screen.queryByTestId(testIds.reliability.chart('fatigue-shifts'))).toBeNull();
  });

  it('shows cost efficiency per service worst first, the trend against traffic, idle capacity and notices', async () => {
    const files: Blob[] = [];
    const names: string[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => {
        files.push(blob);
        return 'blob:opsdeck-export';
      }),
      revokeObjectURL: jest.fn(),
    });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      names.push(this.download);
    });
    try {
      setup('/reliability?section=cost&team=payments', {
        [read('/api/cost-efficiency?team=payments')]: { data: costReport },
        [read('/api/reliability?groupBy=service&team=payments')]: { data: byService },
      });
      const table = await screen.findByTestId(testIds.reliability.cost.table, {}, WAIT);
      expect(screen.queryByTestId(testIds.reliability.period)).toBeNull();
      expect(
        within(table)
          .getAllByRole('row')
          .slice(1)
          .map((r) => r.getAttribute('data-testid'))
      ).toEqual(['checkout-api', 'search-api', 'legacy-batch'].map(testIds.reliability.cost.row));
      const cell = (service: string, column: string) =>
        screen.getByTestId(testIds.reliability.cost.cell(service, column));
      expect(cell('checkout-api', 'per_1k')).toHaveTextContent('$3.00');
      expect(cell('checkout-api', 'per_1k_good')).toHaveTextContent('$3.1579');
      expect(cell('checkout-api', 'previous_per_1k')).toHaveTextContent('$2.00');
      expect(cell('checkout-api', 'cost_change')).toHaveTextContent('+50%');
      expect(cell('checkout-api', 'efficiency')).toHaveAttribute('data-tone', 'worse');
      expect(cell('search-api', 'efficiency')).toHaveTextContent('Traffic outgrew cost');
      expect(cell('checkout-api', 'per_budget_point')).toHaveTextContent('$75.00');
      expect(cell('legacy-batch', 'per_1k_good')).toHaveTextContent('–');
      const chart = screen.getByTestId(testIds.reliability.chart('cost-per-1k-good'));
      expect(chart.querySelectorAll(BAR_GAUGE_VALUE)).toHaveLength(3);
      const idle = (name: string, column: string) =>
        screen.getByTestId(testIds.reliability.cost.idleCell('checkout-api', name, column));
      expect(idle('checkout-asg', 'resource')).toHaveTextContent('Auto Scaling group');
      expect(idle('checkout-asg', 'cpu')).toHaveTextContent('12.4%');
      expect(idle('checkout-asg', 'scope')).toHaveTextContent('whole service');
      expect(idle('checkout-db', 'monthly_cost')).toHaveTextContent('$450.50');
      expect(idle('checkout-db', 'scope')).toHaveTextContent('this resource');
      expect(screen.getByTestId(testIds.reliability.cost.notices)).toHaveTextContent(
        'No cost-allocation tag for legacy-batch.'
      );

      fireEvent.click(screen.getByTestId(testIds.reliability.cost.exportButton('csv')));
      fireEvent.click(screen.getByTestId(testIds.reliability.cost.exportButton('json')));
      expect(names).toEqual([
        'cost-efficiency-team-payments-2026-03-01T12-00-00Z.csv',
        'cost-efficiency-team-payments-2026-03-01T12-00-00Z.json',
      ]);
      expect(files).toHaveLength(2);

      fireEvent.click(screen.getByTestId(testIds.reliability.sectionTab('incidents')));
      expect(location()).toBe('?team=payments');
      await screen.findByTestId(testIds.reliability.table, {}, WAIT);
    } finally {
      click.mockRestore();
    }
  });

  it('has no axe violations', async () => {
    const { view } = setup('/reliability');
    const violations = async () => {
      await act(async () => {});
      const results = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
      return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    await screen.findByTestId(testIds.reliability.table, {}, WAIT);
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByTestId(testIds.reliability.sectionTab('fatigue')));
    await screen.findByTestId(testIds.reliability.fatigue.teamTable, {}, WAIT);
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByTestId(testIds.reliability.sectionTab('cost')));
    await screen.findByTestId(testIds.reliability.cost.table, {}, WAIT);
    expect(await violations()).toEqual([]);
  }, 60_000);
});
