import { ALERT_SEVERITIES, ALERT_SOURCES, ALERT_STATUSES, STATUS_ALL } from '@opsdeck/contract';
import { type FilterDescriptor } from '@/components/FilterBar';
import { testIds } from '@/components/testIds';
import { type AlertFilterKey } from './alertFilters';

/** The Alerts page's pickers; an empty status is the open alerts, as GET /api/alerts defaults. */
export function alertFilterBar(services: string[], teams: string[]): Array<FilterDescriptor<AlertFilterKey>> {
  const filter = (key: AlertFilterKey, label: string, noFilterLabel: string, choices: FilterDescriptor['choices']) => ({
    key,
    label,
    noFilterLabel,
    choices,
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
