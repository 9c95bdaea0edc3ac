import { act, fireEvent, render, screen } from '@testing-library/react';
import { fakeFetch } from '@/api/testing';
import { QUERY_TYPES, type OpsdeckQuery } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { DataSource } from '../datasource';
import { fakeTemplateSrv, instanceSettings, PROXY_URL } from '../testing';
import { parseDimensions, formatDimensions } from './awsQueryOptions';
import { QUERY_TYPE_OPTIONS } from '../queryTypes';
import { QueryEditor } from './QueryEditor';

const catalog = { services: [], teams: [], regions: [] };
const ds = () =>
  new DataSource(
    instanceSettings(),
    fakeTemplateSrv({}),
    fakeFetch({ [`GET ${PROXY_URL}/read/api/services`]: { data: catalog } })
  );

function renderEditor(query: OpsdeckQuery) {
  const onChange = jest.fn();
  render(<QueryEditor datasource={ds()} query={query} onChange={onChange} onRunQuery={jest.fn()} />);
  return onChange;
}

describe('QueryEditor: infrastructure, cost, raw metric and API spend', () => {
  it('offers every query type of the contract', () => {
    expect(QUERY_TYPE_OPTIONS.map((o) => o.value)).toEqual(
      expect.arrayContaining(['infrastructure', 'cost', 'raw_metric', 'upstream_spend'])
    );
    for (const option of QUERY_TYPE_OPTIONS) expect(QUERY_TYPES).toContain(option.value);
  });

  it('shows resource and metric for infrastructure queries', async () => {
    renderEditor({ refId: 'A', queryType: 'infrastructure', resource: 'rds', infraMetric: 'connections' });
    expect(screen.getByTestId(testIds.queryEditor.resource)).toHaveValue('RDS');
    expect(screen.getByTestId(testIds.queryEditor.infraMetric)).toHaveValue('Connections vs pool');
    expect(screen.queryByTestId(testIds.queryEditor.costView)).not.toBeInTheDocument();
    await act(async () => {});
  });

  it('shows view, grouping and top N for cost queries, and commits top N on blur', async () => {
    const onChange = renderEditor({ refId: 'A', queryType: 'cost', costView: 'daily' });
    expect(screen.getByTestId(testIds.queryEditor.costView)).toHaveValue('Daily trend');
    expect(screen.getByTestId(testIds.queryEditor.costGroupBy)).toHaveValue('Service (cost-allocation tag)');
    const topN = screen.getByTestId(testIds.queryEditor.topN);
    fireEvent.change(topN, { target: { value: '5' } });
    fireEvent.blur(topN);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ queryType: 'cost', topN: 5 }));
    await act(async () => {});
  });

  it('edits the raw metric fields, dimensions as Name=value pairs', async () => {
    const onChange = renderEditor({
      refId: 'A',
      queryType: 'raw_metric',
      namespace: 'AWS/SQS',
      dimensions: { QueueName: 'orders' },
    });
    expect(screen.getByTestId(testIds.queryEditor.namespace)).toHaveValue('AWS/SQS');
    const dims = screen.getByTestId(testIds.queryEditor.dimensions);
    expect(dims).toHaveValue('QueueName=orders');
    fireEvent.change(dims, { target: { value: 'QueueName=orders, Env = prod, broken' } });
    fireEvent.blur(dims);
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ dimensions: { QueueName: 'orders', Env: 'prod' } })
    );
    await act(async () => {});
  });

  it('shows no extra fields for upstream spend', async () => {
    renderEditor({ refId: 'A', queryType: 'upstream_spend' });
    expect(screen.queryByTestId(testIds.queryEditor.resource)).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.queryEditor.namespace)).not.toBeInTheDocument();
    expect(screen.getByTestId(testIds.queryEditor.queryType)).toHaveValue('Opsdeck API spend');
    await act(async () => {});
  });

  it('round-trips dimensions text', () => {
    expect(parseDimensions(formatDimensions({ A: '1', B: 'x' }))).toEqual({ A: '1', B: 'x' });
  });
});
