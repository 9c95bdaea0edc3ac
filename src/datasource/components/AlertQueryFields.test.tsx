import { render, screen } from '@testing-library/react';
import { type OpsdeckQuery } from '@opsdeck/contract';
import { describeQuery } from '../queryTypes';
import { AlertQueryFields } from './AlertQueryFields';

describe('AlertQueryFields', () => {
  const renderFor = (query: OpsdeckQuery) =>
    render(<AlertQueryFields query={query} labelWidth={12} update={() => undefined} />);

  it('offers status and view for open_alerts, group by for alert_rate, nothing for other types', () => {
    const { unmount } = renderFor({ refId: 'A', queryType: 'open_alerts', alertView: 'counts' });
    expect(screen.getByLabelText('Status')).toBeInTheDocument();
    expect(screen.getByLabelText('View')).toHaveValue('Counts per service and severity');
    expect(screen.queryByLabelText('Group by')).not.toBeInTheDocument();
    unmount();

    const rate = renderFor({ refId: 'A', queryType: 'alert_rate' });
    expect(screen.getByLabelText('Group by')).toHaveValue('severity');
    rate.unmount();

    const { container } = renderFor({ refId: 'A', queryType: 'fleet_health' });
    expect(container).toBeEmptyDOMElement();
  });

  it('describes the alert queries in one line', () => {
    expect(describeQuery({ refId: 'A', queryType: 'open_alerts', alertView: 'counts', team: 'payments' })).toBe(
      'Open alerts (counts) · team payments'
    );
    expect(describeQuery({ refId: 'A', queryType: 'alert_rate' })).toBe('Alert rate by severity');
    expect(describeQuery({ refId: 'A', queryType: 'mtta', alertGroupBy: 'team' })).toBe('MTTA by team');
  });
});
