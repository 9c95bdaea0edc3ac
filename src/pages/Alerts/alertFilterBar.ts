import {
  ALERT_SEVERITIES,
  ALERT_SOURCES,
  ALERT_STATUSES,
  type ListFacet,
  type ListFacets,
  STATUS_ALL,
} from '@opsdeck/contract';
import { type FilterChoice, type FilterDescriptor } from '@/components/FilterBar';
import { testIds } from '@/components/testIds';
import { type AlertFilterKey } from './alertFilters';

/** Values with their count beside them ("critical (1,204)") when the list's first page brought facet counts. */
function counted(choices: ReadonlyArray<string | FilterChoice>, counts?: ListFacets[ListFacet]): FilterChoice[] {
  const byValue = new Map(counts?.map((c) => [c.value, c.count]));
  return choices.map((choice) => {
    const { value, label } = typeof choice === 'string' ? { value: choice, label: undefined } : choice;
    const count = byValue.get(value);
    return { value, label: count === undefined ? label : `${label ?? value} (${count.toLocaleString('en-US')})` };
  });
}

/** The Alerts page's pickers; an empty status is the open alerts, as GET /api/alerts defaults. */
export function alertFilterBar(
  services: string[],
  teams: string[],
  facets?: ListFacets
): Array<FilterDescriptor<AlertFilterKey>> {
  const filter = (key: AlertFilterKey, label: string, noFilterLabel: string, choices: FilterDescriptor['choices']) => ({
    key,
    label,
    noFilterLabel,
    choices: counted(choices, facets?.[key]),
    testId: testIds.alerts.filter(key),
  });
  return [
    filter('service', 'Service', 'All services', services),
    filter('team', 'Team', 'All teams', teams),
    filter('severity', 'Severity', 'All severities', ALERT_SEVERITIES),
    filter('status', 'Status', 'Open', [...ALERT_STATUSES, { value: STATUS_ALL, label: 'Any status' }]),
    filter('source', 'Source', 'All sources', ALERT_SOURCES),
  ];
}
