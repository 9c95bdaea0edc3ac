import { act, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { GatewayClient, systemClock } from '@/api';
import { fakeFetch, type FakeAnswer } from '@/api/testing';
import { testIds } from '@/components/testIds';
import { servicePageUrl } from '@/constants';
import { type ReliabilityResponse } from '@opsdeck/contract';
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

  it('has no axe violations', async () => {
    const { view } = setup('/reliability');
    await screen.findByTestId(testIds.reliability.table, {}, WAIT);
    await act(async () => {});
    const results = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
