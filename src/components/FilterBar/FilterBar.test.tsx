import { act, render, screen } from '@testing-library/react';
import { testIds } from '@/components/testIds';
import { FilterBar } from './FilterBar';

describe('FilterBar', () => {
  it('renders one labelled picker per descriptor, found by its test id, showing the chosen value', async () => {
    render(
      <FilterBar
        label="Alert filters"
        idPrefix="test"
        filters={[
          {
            key: 'team',
            label: 'Team',
            noFilterLabel: 'All teams',
            choices: ['payments', 'search'],
            testId: testIds.alerts.filter('team'),
          },
          {
            key: 'severity',
            label: 'Severity',
            noFilterLabel: 'All severities',
            choices: ['critical'],
            testId: testIds.alerts.filter('severity'),
          },
        ]}
        values={{ team: 'search' }}
        onChange={jest.fn()}
      />
    );
    expect(screen.getByRole('group', { name: 'Alert filters' })).toBeInTheDocument();
    expect(screen.getByTestId(testIds.alerts.filter('team'))).toHaveValue('search');
    expect(screen.getByLabelText('Team')).toBe(screen.getByTestId(testIds.alerts.filter('team')));
    expect(screen.getByTestId(testIds.alerts.filter('severity'))).toHaveValue('All severities');
    await act(async () => {});
  });
});
