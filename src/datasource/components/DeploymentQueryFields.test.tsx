import { fireEvent, render, screen } from '@testing-library/react';
import { type OpsdeckQuery } from '@opsdeck/contract';
import { DeploymentQueryFields } from './DeploymentQueryFields';

const base: OpsdeckQuery = { refId: 'A', queryType: 'dora' };

describe('DeploymentQueryFields', () => {
  it('shows nothing for other query types', () => {
    const { container } = render(
      <DeploymentQueryFields query={{ ...base, queryType: 'fleet_health' }} labelWidth={14} update={jest.fn()} />
    );
    expect(container).toBeEmptyDOMElement();
  });

  it('offers grouping for dora and sends the typed environment', () => {
    const update = jest.fn();
    render(<DeploymentQueryFields query={base} labelWidth={14} update={update} />);
    expect(screen.getByLabelText('Group by')).toBeInTheDocument();
    expect(screen.queryByLabelText('Jump in')).not.toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Environment'), { target: { value: '$environment' } });
    expect(update).toHaveBeenCalledWith({ environment: '$environment' });
  });

  it('offers the metric whose jump is explained for suspect_deploys', () => {
    render(
      <DeploymentQueryFields query={{ ...base, queryType: 'suspect_deploys' }} labelWidth={14} update={jest.fn()} />
    );
    expect(screen.getByLabelText('Jump in')).toBeInTheDocument();
    expect(screen.queryByLabelText('Group by')).not.toBeInTheDocument();
  });
});
