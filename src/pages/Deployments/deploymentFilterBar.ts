import { type FilterDescriptor } from '@/components/FilterBar';
import { testIds } from '@/components/testIds';
import { type DeploymentFilters } from './useDeploymentFilters';

type DeploymentFilterKey = 'team' | 'service' | 'environment';

const sorted = (values: string[]) => [...new Set(values)].sort();

/** Team, service and environment pickers; the values live in the URL (useDeploymentFilters). */
export function deploymentFilterBar(
  teams: string[],
  services: string[],
  environments: string[]
): Array<FilterDescriptor<DeploymentFilterKey>> {
  return [
    {
      key: 'team',
      label: 'Team',
      noFilterLabel: 'All teams',
      choices: sorted(teams),
      testId: testIds.deployments.filter('team'),
      width: 22,
    },
    {
      key: 'service',
      label: 'Service',
      noFilterLabel: 'All services',
      choices: sorted(services),
      testId: testIds.deployments.filter('service'),
      width: 26,
    },
    {
      key: 'environment',
      label: 'Environment',
      noFilterLabel: 'All environments',
      choices: sorted(environments),
      testId: testIds.deployments.filter('environment'),
      width: 22,
    },
  ];
}

/** A service belongs to one team, so a new team clears a service filter that may not be in it. */
export function deploymentFilterChange(key: DeploymentFilterKey, value: string): Partial<DeploymentFilters> {
  return key === 'team' ? { team: value, service: '' } : { [key]: value };
}
