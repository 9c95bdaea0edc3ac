import { act, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { GatewayClient } from '@/api';
import { fakeFetch, type FakeAnswer } from '@/api/testing';
import { testIds } from '@/components/testIds';
import { emptyReportFixture, sreReportFixture } from './reportFixture';
import { ReportView } from './ReportView';

// Comboboxes, radio buttons and six sections under jsdom on a busy machine.
jest.setTimeout(20_000);
const WAIT = { timeout: 5000 };
const BASE = '/api/datasources/proxy/uid/opsdeck';

beforeAll(() => {
  // @grafana/ui's Combobox menu watches its scroll edges with an IntersectionObserver, which jsdom lacks; and jsdom
  // lays nothing out, so its windowed option list needs boxes with a height to show any option.
  Object.assign(global, {
    IntersectionObserver: class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 40 });
});
const read = (path: string) => `GET ${BASE}/read${path}`;
const report = sreReportFixture();

const catalog = {
  services: [
    { name: 'checkout-api', team: 'payments' },
    { name: 'search-api', team: 'search' },
  ],
  teams: ['search', 'payments'],
  regions: [],
};

function LocationProbe() {
  return <output data-testid="location">{useLocation().search}</output>;
}

function setup(path: string, answers: Record<string, FakeAnswer> = {}) {
  const fetcher = fakeFetch({
    [read('/api/services')]: { data: catalog },
    [read('/api/reports/sre?period=week')]: { data: report },
    ...answers,
  });
  const print = jest.fn();
  const view = render(
    <MemoryRouter initialEntries={[path]}>
      <main>
        <h1>Report</h1>
        <ReportView client={new GatewayClient(BASE, fetcher)} print={print} />
        <LocationProbe />
      </main>
    </MemoryRouter>
  );
  const reportUrls = () => fetcher.requests.map((r) => r.url).filter((u) => u.includes('/api/reports/sre'));
  return { fetcher, view, print, reportUrls };
}

const text = (id: string) => screen.getByTestId(id).textContent;
const cell = (section: Parameters<typeof testIds.report.cell>[0], key: string, column: string) =>
  text(testIds.report.cell(section, key, column));

describe('ReportView', () => {
  it("shows the week's report as a document: title, generated time, demo note and every section's figures", async () => {
    setup('/report');
    expect(await screen.findByTestId(testIds.report.title, {}, WAIT)).toHaveTextContent(
      'SRE report — week 2026-11-26 to 2026-12-02'
    );
    expect(text(testIds.report.generated)).toBe('Generated 2026-12-03 09:30 UTC');
    expect(screen.getByTestId(testIds.report.document)).toHaveTextContent(
      'Compared with the week before, 2026-11-19 to 2026-11-25.'
    );
    expect(screen.getByTestId(testIds.report.demo)).toHaveTextContent('Demo data');
    expect(screen.queryByTestId(testIds.report.empty)).toBeNull();

    const headings = within(screen.getByTestId(testIds.report.document))
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(headings).toEqual(['SLOs', 'Incidents', 'Noisiest alert rules', 'Deploys and DORA', 'Cost', 'Notices']);

    // SLOs: targets and attainment to two decimals, budget to one; an objective without traffic says so.
    expect(cell('slo', 'checkout-api/availability', 'target')).toBe('99.90%');
    expect(cell('slo', 'checkout-api/availability', 'period')).toBe('99.80%');
    expect(cell('slo', 'checkout-api/availability', 'met')).toBe('Missed');
    expect(cell('slo', 'checkout-api/availability', 'previous')).toBe('99.95%');
    expect(cell('slo', 'checkout-api/availability', 'burn')).toBe('2.00×');
    expect(cell('slo', 'search-api/latency', 'met')).toBe('Met');
    expect(cell('slo', 'checkout-api/availability', 'budget')).toBe('-25.0%');
    expect(cell('slo', 'search-api/latency', 'window')).toBe('28 d');
    expect(cell('slo', 'batch-jobs/availability', 'period')).toBe('No data');
    expect(cell('slo', 'batch-jobs/availability', 'burn')).toBe('No data');

    // Incidents: the fleet against the period before, then per service in the gateway's order.
    expect(text(testIds.report.figure('incidents'))).toBe('9');
    expect(text(testIds.report.figure('incidents_previous'))).toBe('6');
    expect(text(testIds.report.figure('mtta'))).toBe('5 min');
    expect(text(testIds.report.figure('mttr'))).toBe('1 h 30 min');
    expect(text(testIds.report.figure('mttr_previous'))).toBe('1 h');
    expect(screen.getByTestId(testIds.report.figure('mttr_trend'))).toHaveAttribute('data-tone', 'worse');
    expect(screen.getByTestId(testIds.report.figure('mttr_trend'))).toHaveTextContent('↑ +50%');
    expect(screen.getByTestId(testIds.report.figure('mtbf_trend'))).toHaveAttribute('data-tone', 'better');
    expect(screen.getByTestId(testIds.report.section('incidents'))).toHaveTextContent('from 8 incidents');
    const serviceRows = within(screen.getByTestId(testIds.report.section('incidents')))
      .getAllByTestId(/ incidents row [^ ]+$/)
      .map((row) => row.getAttribute('data-testid'));
    expect(serviceRows).toEqual([
      testIds.report.row('incidents', 'checkout-api'),
      testIds.report.row('incidents', 'search-api'),
    ]);
    expect(cell('incidents', 'checkout-api', 'incidents')).toBe('6');
    expect(cell('incidents', 'checkout-api', 'mttr')).toBe('2 h');
    expect(cell('incidents', 'checkout-api', 'mtbf')).toBe('2 d 2 h');
    expect(cell('incidents', 'search-api', 'mtbf')).toBe('–');

    // Noisiest rules: a rule name from an upstream is text, never markup.
    expect(cell('rules', 'payments/CheckoutErrorBudgetBurn', 'score')).toBe('72');
    expect(cell('rules', 'payments/CheckoutErrorBudgetBurn', 'sleep')).toBe('2');
    expect(cell('rules', 'payments/CheckoutErrorBudgetBurn', 'never_acknowledged')).toBe('40.0%');
    expect(cell('rules', 'payments/CheckoutErrorBudgetBurn', 'alerts')).toBe('41');
    expect(cell('rules', 'search/=cmd|calc', 'rule')).toBe('=cmd|calc');

    // Deploys and DORA against the period before.
    expect(text(testIds.report.figure('deployments'))).toBe('21');
    expect(text(testIds.report.figure('deployments_previous'))).toBe('14');
    expect(text(testIds.report.figure('per_day'))).toBe('3.00');
    expect(text(testIds.report.figure('lead_time'))).toBe('1 h 30 min');
    expect(text(testIds.report.figure('change_failure_rate'))).toBe('4.8%');
    expect(text(testIds.report.figure('recovery_time'))).toBe('30 min');
    expect(text(testIds.report.figure('recovery_time_previous'))).toBe('–');

    // Cost: the total against the one before, per service with the change and the cost per 1,000 requests.
    expect(text(testIds.report.figure('cost_total'))).toBe('$12,345.67');
    expect(screen.getByTestId(testIds.report.section('cost'))).toHaveTextContent(
      'Total $12,345.67 against $11,000.00 the period before (+12%).'
    );
    expect(cell('cost', 'checkout-api', 'cost')).toBe('$8,200.50');
    expect(cell('cost', 'checkout-api', 'change')).toBe('+3%');
    expect(cell('cost', 'checkout-api', 'per_1k')).toBe('$0.0123');
    expect(cell('cost', 'search-api', 'per_1k')).toBe('No data');
    expect(cell('cost', 'batch-jobs', 'change')).toBe('–');

    expect(screen.getAllByTestId(testIds.report.notice).map((n) => n.textContent)).toEqual(report.notices);
  });

  it('keeps the period and team in the URL and asks the gateway for the report they name', async () => {
    const month = sreReportFixture({ period: 'month', team: 'payments' });
    const { reportUrls } = setup('/report?team=payments', {
      [read('/api/reports/sre?period=week&team=payments')]: { data: sreReportFixture({ team: 'payments' }) },
      [read('/api/reports/sre?period=month&team=payments')]: { data: month },
    });
    expect(await screen.findByTestId(testIds.report.title, {}, WAIT)).toHaveTextContent(', team payments');
    expect(reportUrls()).toEqual([`${BASE}/read/api/reports/sre?period=week&team=payments`]);

    fireEvent.click(screen.getByLabelText('Month'));
    await screen.findByText(/^SRE report — month/, {}, WAIT);
    expect(screen.getByTestId('location').textContent).toBe('?team=payments&period=month');
    expect(reportUrls()).toContain(`${BASE}/read/api/reports/sre?period=month&team=payments`);

    // Back to the whole fleet: the team leaves the URL, the week stays the default (absent).
    fireEvent.click(screen.getByLabelText('Week'));
    const team = screen.getByTestId(testIds.report.filter('team'));
    fireEvent.click(team);
    fireEvent.click(await screen.findByRole('option', { name: 'Whole fleet' }, WAIT));
    await screen.findByText('SRE report — week 2026-11-26 to 2026-12-02', {}, WAIT);
    expect(screen.getByTestId('location').textContent).toBe('');
    expect(reportUrls().at(-1)).toBe(`${BASE}/read/api/reports/sre?period=week`);
  });

  it('offers the catalog teams, prints with the browser, and links the downloads with period, team and format', async () => {
    const { print } = setup('/report?period=month&team=search', {
      [read('/api/reports/sre?period=month&team=search')]: {
        data: sreReportFixture({ period: 'month', team: 'search' }),
      },
    });
    await screen.findByTestId(testIds.report.document, {}, WAIT);
    const md = screen.getByTestId(testIds.report.download('md'));
    const csv = screen.getByTestId(testIds.report.download('csv'));
    expect(md).toHaveAttribute('href', `${BASE}/read/api/reports/sre?period=month&team=search&format=md`);
    expect(md).toHaveAttribute('download', 'sre-report-month-search.md');
    expect(csv).toHaveAttribute('href', `${BASE}/read/api/reports/sre?period=month&team=search&format=csv`);

    fireEvent.click(screen.getByTestId(testIds.report.print));
    expect(print).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByTestId(testIds.report.filter('team')));
    // jsdom applies the document's `<style media="print">` on screen too, which hides the menu's portal from role
    // queries: a browser does not (tests/e2e/report.test.ts).
    const options = (await screen.findAllByRole('option', { hidden: true }, WAIT)).map((o) => o.textContent);
    expect(options).toEqual(['Whole fleet', 'payments', 'search']);
  });

  it('prints with window.print by default', async () => {
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    try {
      const fetcher = fakeFetch({
        [read('/api/services')]: { data: catalog },
        [read('/api/reports/sre?period=week')]: { data: report },
      });
      render(
        <MemoryRouter initialEntries={['/report']}>
          <ReportView client={new GatewayClient(BASE, fetcher)} />
        </MemoryRouter>
      );
      await screen.findByTestId(testIds.report.document, {}, WAIT);
      fireEvent.click(screen.getByTestId(testIds.report.print));
      expect(print).toHaveBeenCalledTimes(1);
    } finally {
      print.mockRestore();
    }
  });

  it('says when there is nothing to report, section by section', async () => {
    setup('/report?team=quiet', { [read('/api/reports/sre?period=week&team=quiet')]: { data: emptyReportFixture() } });
    expect(await screen.findByTestId(testIds.report.empty, {}, WAIT)).toHaveTextContent(
      'Nothing to report for this week and team quiet'
    );
    for (const section of ['slo', 'incidents', 'rules', 'cost', 'notices'] as const) {
      expect(screen.getByTestId(testIds.report.sectionEmpty(section))).toBeInTheDocument();
    }
    expect(screen.queryByTestId(testIds.report.demo)).toBeNull();
    expect(text(testIds.report.figure('cost_total'))).toBe('No data');
    expect(text(testIds.report.figure('mttr'))).toBe('–');
  });

  it('shows loading, then what failed, with nothing to print', async () => {
    setup('/report', {
      [read('/api/reports/sre?period=week')]: { fail: { status: 400, data: { error: 'unknown team "x"' } } },
    });
    expect(screen.getByTestId(testIds.report.loading)).toBeInTheDocument();
    expect(await screen.findByTestId(testIds.report.error, {}, WAIT)).toHaveTextContent('unknown team "x"');
    expect(screen.queryByTestId(testIds.report.document)).toBeNull();
    expect(screen.getByTestId(testIds.report.print)).toBeDisabled();
  });

  it('renders its print rules with the document', async () => {
    const { view } = setup('/report');
    await screen.findByTestId(testIds.report.document, {}, WAIT);
    const style = view.container.querySelector('style[media="print"]');
    expect(style?.textContent).toContain('break-inside: avoid');
    expect(style?.textContent).toContain(screen.getByTestId(testIds.report.document).classList[0]);
  });

  it('has no axe violations', async () => {
    const { view } = setup('/report');
    await screen.findByTestId(testIds.report.document, {}, WAIT);
    await act(async () => {});
    const results = await axe.run(view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
