import { deploymentFilterBar, deploymentFilterChange } from './deploymentFilterBar';

describe('deployment filter bar', () => {
  it('clears the service when the team changes, since the service may not be in the new team', () => {
    expect(deploymentFilterChange('team', 'search')).toEqual({ team: 'search', service: '' });
    expect(deploymentFilterChange('environment', 'staging')).toEqual({ environment: 'staging' });
  });

  it('offers each environment once, sorted, whatever order the deploy history lists them in', () => {
    const environment = deploymentFilterBar([], [], ['staging', 'production', 'staging'])[2];
    expect(environment.choices).toEqual(['production', 'staging']);
  });
});
