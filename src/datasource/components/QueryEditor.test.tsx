import { act, fireEvent, render, screen } from '@testing-library/react';
import { fakeFetch } from '@/api/testing';
import { type OpsdeckQuery } from '@opsdeck/contract';
import { testIds } from '@/components/testIds';
import { DataSource } from '../datasource';
import { describeQuery } from '../queryTypes';
import { fakeTemplateSrv, instanceSettings, PROXY_URL } from '../testing';
import { QueryEditor } from './QueryEditor';
import { VariableQueryEditor } from './VariableQueryEditor';

const catalog = {
  services: [
    { name: 'checkout-api', displayName: 'Checkout API', team: 'payments', tier: 1, owners: [], aws: {}, slo: {}, objectives: [] },
  ],
  teams: ['payments'],
  regions: ['eu-west-1'],
};

function datasource(services: Parameters<typeof fakeFetch>[0][string]) {
  return new DataSource(
    instanceSettings(),
    fakeTemplateSrv({ service: 'x' }),
    fakeFetch({ [`GET ${PROXY_URL}/read/api/services`]: services })
  );
}

function renderEditor(query: OpsdeckQuery, ds = datasource({ data: catalog })) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(<QueryEditor datasource={ds} query={query} onChange={onChange} onRunQuery={onRunQuery} />);
  return { onChange, onRunQuery };
}

describe('QueryEditor', () => {
  it('shows the scope pickers and the metric picker for service metrics', async () => {
    renderEditor({ refId: 'A', queryType: 'service_metric', metric: 'latency_p99', service: '$service' });
    expect(screen.getByTestId(testIds.queryEditor.queryType)).toHaveValue('Service metric');
    expect(screen.getByTestId(testIds.queryEditor.metric)).toHaveValue('Latency p99');
    expect(screen.getByTestId(testIds.queryEditor.service)).toHaveValue('$service');
    expect(screen.getByTestId(testIds.queryEditor.team)).toHaveValue('All');
    expect(screen.getByTestId(testIds.queryEditor.region)).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.queryEditor.eventKinds)).not.toBeInTheDocument();
    return act(async () => {});
  });

  it('shows the event kinds picker for events only', () => {
    renderEditor({ refId: 'A', queryType: 'events', eventKinds: ['deployment'] });
    expect(screen.getByTestId(testIds.queryEditor.eventKinds)).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.queryEditor.metric)).not.toBeInTheDocument();
    // Let the catalog request settle inside act.
    return act(async () => {});
  });

  it('offers the alert fatigue view, per alert rule unless a saved query chose shifts', async () => {
    const { unmount } = render(
      <QueryEditor
        datasource={datasource({ data: catalog })}
        query={{ refId: 'A', queryType: 'alert_fatigue' }}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
      />
    );
    expect(screen.getByTestId(testIds.queryEditor.fatigueView)).toHaveValue('Per alert rule');
    await act(async () => {});
    unmount();
    renderEditor({ refId: 'A', queryType: 'alert_fatigue', fatigueView: 'shifts', team: 'payments' });
    expect(screen.getByTestId(testIds.queryEditor.fatigueView)).toHaveValue('Per on-call shift');
    expect(describeQuery({ refId: 'A', queryType: 'alert_fatigue', fatigueView: 'shifts', team: 'payments' })).toBe(
      'Alert fatigue per on-call shift · team payments'
    );
    expect(describeQuery({ refId: 'A', queryType: 'alert_fatigue' })).toBe('Alert fatigue');
    await act(async () => {});
  });

  it('shows the fatigue view for alert fatigue only', async () => {
    renderEditor({ refId: 'A', queryType: 'incident_stats' });
    expect(screen.queryByTestId(testIds.queryEditor.fatigueView)).not.toBeInTheDocument();
    await act(async () => {});
  });

  it('shows a query saved by an older dashboard as it will run', async () => {
    renderEditor({ refId: 'A', service: 'checkout-api' } as OpsdeckQuery);
    expect(screen.getByTestId(testIds.queryEditor.queryType)).toHaveValue('Fleet health');
    await act(async () => {});
  });

  it('saves an edited older query back in the current shape', async () => {
    const saved = { refId: 'A', queryType: 'raw_metric', namespace: 'AWS/SQS', period: '300' } as never;
    const { onChange } = renderEditor(saved);
    const metricName = screen.getByTestId(testIds.queryEditor.metricName);
    fireEvent.change(metricName, { target: { value: 'NumberOfMessagesSent' } });
    fireEvent.blur(metricName);
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'A',
      queryType: 'raw_metric',
      namespace: 'AWS/SQS',
      metricName: 'NumberOfMessagesSent',
      period: 300,
    });
    await act(async () => {});
  });

  it('warns when the catalog cannot be loaded but stays usable', async () => {
    renderEditor(
      { refId: 'A', queryType: 'fleet_health' },
      datasource({ fail: { status: 401, data: { error: 'bad token' } } })
    );
    expect(await screen.findByTestId(testIds.queryEditor.catalogError, {}, { timeout: 5000 })).toHaveTextContent(
      'rejected the API token'
    );
    expect(screen.getByTestId(testIds.queryEditor.service)).toBeEnabled();
  });
});

describe('VariableQueryEditor', () => {
  const ds = datasource({ data: catalog });

  it('switches the kind and commits the team filter on blur', () => {
    const onChange = jest.fn();
    render(
      <VariableQueryEditor
        datasource={ds}
        query={{ refId: 'v', kind: 'service' }}
        onChange={onChange}
        onRunQuery={jest.fn()}
      />
    );

    fireEvent.click(screen.getByLabelText('Teams'));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'v', kind: 'team' });

    const team = screen.getByTestId(testIds.variableEditor.team);
    fireEvent.change(team, { target: { value: ' $team ' } });
    fireEvent.blur(team);
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'v', kind: 'service', team: '$team' });
  });

  it('hides the team filter for non-service kinds', () => {
    render(
      <VariableQueryEditor
        datasource={ds}
        query={{ refId: 'v', kind: 'region' }}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
      />
    );
    expect(screen.queryByTestId(testIds.variableEditor.team)).not.toBeInTheDocument();
  });
});
