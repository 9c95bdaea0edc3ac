import { render, screen } from '@testing-library/react';
import axe from 'axe-core';
import { GatewayClient, type GatewayRequest } from '@/api';
import { fakeFetch } from '@/api/testing';
import { type DataFrameJSON, type FieldSchema, type QueryRequest, type QueryResponse } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { InfraCostStrip } from './InfraCostStrip';

const BASE = '/api/datasources/proxy/uid/opsdeck';
const QUERY = `POST ${BASE}/read/api/query`;
const NOW = Date.UTC(2025, 0, 20, 12);
const DEMO = { custom: { source: 'demo', demo: true } };
const LIVE = { custom: { source: 'aws', demo: false } };

type Meta = DataFrameJSON['schema']['meta'];

function frame(
  name: string,
  columns: Array<[string, FieldSchema['type'], unknown[]]>,
  meta: Meta = DEMO
): DataFrameJSON {
  return {
    schema: { name, meta, fields: columns.map(([n, type]) => ({ name: n, type })) },
    data: { values: columns.map(([, , values]) => values) },
  };
}

const T = [NOW - 120_000, NOW - 60_000, NOW];

function frames(meta: Meta = DEMO): Record<string, DataFrameJSON[]> {
  return {
    month_to_date: [
      frame(
        'cost_month_to_date',
        [
          ['month_to_date', 'number', [12345.678]],
          ['same_days_last_month', 'number', [10000]],
          ['change', 'number', [0.2345678]],
        ],
        meta
      ),
    ],
    forecast: [
      frame(
        'cost_forecast',
        [
          ['month_end_total', 'number', [19876.5]],
          ['month_to_date', 'number', [12345.678]],
        ],
        meta
      ),
    ],
    top_service: [
      frame(
        'cost_by_service',
        [
          ['group', 'string', ['checkout', 'other']],
          ['amount', 'number', [4321.09, 8024.59]],
        ],
        meta
      ),
    ],
    upstream_spend: [
      frame(
        'upstream_spend',
        [
          ['source', 'string', ['cloudwatch', 'costexplorer']],
          ['usd_per_day', 'number', [0.20161, 0.2]],
        ],
        meta
      ),
    ],
    cpu: [
      frame(
        'checkout-api',
        [
          ['time', 'time', T],
          ['value', 'number', [95, 91, null]],
        ],
        meta
      ), // last point missing: 91 counts
      frame(
        'search-api',
        [
          ['time', 'time', T],
          ['value', 'number', [99, 50, 60]],
        ],
        meta
      ), // was hot, not now
      frame(
        'payments-worker',
        [
          ['time', 'time', T],
          ['value', 'number', [70, 85, 81]],
        ],
        meta
      ),
    ],
    asg: [
      frame(
        'checkout-api',
        [
          ['time', 'time', T],
          ['desired', 'number', [4, 4, 4]],
          ['in_service', 'number', [4, 4, 3]],
        ],
        meta
      ),
      frame(
        'search-api',
        [
          ['time', 'time', T],
          ['desired', 'number', [2, 3, 3]],
          ['in_service', 'number', [2, 2, 3]],
        ],
        meta
      ),
    ],
  };
}

/** Answers each refId of a request from `byRef`, as the gateway would. */
function clientAnswering(byRef: Record<string, DataFrameJSON[]>, errors: Record<string, string> = {}) {
  const fetcher = fakeFetch({
    [QUERY]: (request: GatewayRequest) => {
      const body = request.data as QueryRequest;
      const results: QueryResponse['results'] = {};
      for (const q of body.queries) {
        results[q.refId] = errors[q.refId] ? { error: errors[q.refId] } : { frames: byRef[q.refId] ?? [] };
      }
      return { results };
    },
  });
  return { client: new GatewayClient(BASE, fetcher), fetcher };
}

const stat = (s: Parameters<typeof testIds.overview.infraCostStat>[0]) =>
  screen.getByTestId(testIds.overview.infraCostStat(s));

describe('InfraCostStrip', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('asks for cost since the first of the month and infrastructure over the last minutes', async () => {
    const { client, fetcher } = clientAnswering(frames());
    render(<InfraCostStrip client={client} />);
    await screen.findByTestId(testIds.overview.infraCostStat('month_to_date'));
    const sent = fetcher.requests.map((r) => r.data as QueryRequest);
    const cost = sent.find((r) => r.queries.some((q) => q.queryType === 'cost'))!;
    const infra = sent.find((r) => r.queries.some((q) => q.queryType === 'infrastructure'))!;
    expect(cost.range).toEqual({ from: Date.UTC(2025, 0, 1), to: NOW });
    expect(cost.queries.map((q) => [q.queryType, q.costView ?? ''])).toEqual([
      ['cost', 'month_to_date'],
      ['cost', 'forecast'],
      ['cost', 'by_service'],
      ['upstream_spend', ''],
    ]);
    expect(infra.range.to).toBe(NOW);
    expect(infra.queries.map((q) => `${q.resource}/${q.infraMetric}`)).toEqual(['ec2/cpu', 'asg/capacity']);
  });

  it('shows cost, forecast, top service, Opsdeck spend and the infrastructure counts', async () => {
    const { client } = clientAnswering(frames());
    render(<InfraCostStrip client={client} />);
    expect(await screen.findByTestId(testIds.overview.infraCostStat('month_to_date'))).toHaveTextContent('$12,345.68');
    expect(screen.getByText('+23.5% vs same days last month')).toBeInTheDocument();
    expect(stat('same_days_last_month')).toHaveTextContent('$10,000.00');
    expect(stat('forecast')).toHaveTextContent('$19,876.50');
    // "other" is bigger but is not a service.
    expect(stat('top_service')).toHaveTextContent('checkout');
    expect(screen.getByText('$4,321.09')).toBeInTheDocument();
    expect(stat('upstream_per_day')).toHaveTextContent('$0.4016'); // under a dollar: hundredths of a cent
    expect(stat('hot_cpu')).toHaveTextContent('2');
    expect(screen.getByText('checkout-api, payments-worker')).toBeInTheDocument();
    expect(stat('asg_short')).toHaveTextContent('1');
    expect(screen.getByTestId(testIds.overview.infraCostDemoBadge)).toHaveTextContent('Demo data');
  });

  it('has no demo badge for live data and says "No data" for a figure the gateway did not answer', async () => {
    const live = frames(LIVE);
    delete live.forecast;
    const { client } = clientAnswering(live);
    render(<InfraCostStrip client={client} />);
    await screen.findByTestId(testIds.overview.infraCostStat('forecast'));
    expect(stat('forecast')).toHaveTextContent('No data');
    expect(screen.queryByTestId(testIds.overview.infraCostDemoBadge)).not.toBeInTheDocument();
  });

  it('names the figure whose query failed and keeps the others', async () => {
    const { client } = clientAnswering(frames(), {
      forecast: 'Cost Explorer: AccessDeniedException (ce:GetCostForecast)',
    });
    render(<InfraCostStrip client={client} />);
    expect(await screen.findByTestId(testIds.overview.infraCostError)).toHaveTextContent(
      'forecast: Cost Explorer: AccessDeniedException (ce:GetCostForecast)'
    );
    expect(stat('month_to_date')).toHaveTextContent('$12,345.68');
  });

  it('warns when a figure is stale, naming since when and why', async () => {
    const stale = {
      custom: { source: 'aws', demo: false, stale: { since: NOW - 600_000, reason: 'ThrottlingException' } },
    };
    const { client } = clientAnswering({
      ...frames(LIVE),
      cpu: [
        frame(
          'checkout-api',
          [
            ['time', 'time', T],
            ['value', 'number', [1, 2, 3]],
          ],
          stale
        ),
      ],
    });
    render(<InfraCostStrip client={client} />);
    expect(await screen.findByTestId(testIds.overview.infraCostNotices)).toHaveTextContent(
      /checkout-api: showing data from .* because the source failed: ThrottlingException/
    );
  });

  it('says what is wrong when the gateway cannot be reached', async () => {
    const fetcher = fakeFetch({ [QUERY]: { fail: { status: 502, statusText: 'Bad Gateway' } } });
    render(<InfraCostStrip client={new GatewayClient(BASE, fetcher)} />);
    expect(await screen.findByTestId(testIds.overview.infraCostError)).toHaveTextContent(
      /could not reach the Opsdeck gateway/
    );
  });

  it('has no axe violations', async () => {
    jest.useRealTimers();
    const { client } = clientAnswering(frames());
    const { container } = render(
      <main>
        <h1>Overview</h1>
        <InfraCostStrip client={client} />
      </main>
    );
    await screen.findByTestId(testIds.overview.infraCostStat('hot_cpu'), {}, { timeout: 5000 });
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }, 30_000);
});
