import { type ComboboxOption } from '@grafana/ui';
import {
  ALERT_GROUP_BYS,
  ALERT_SEVERITIES,
  ALERT_SOURCES,
  ALERT_STATUSES,
  type AlertGroupBy,
  type AlertView,
  type QueryType,
} from '@opsdeck/contract';

export const ALERT_QUERY_TYPE_OPTIONS: Array<ComboboxOption<QueryType>> = [
  { value: 'open_alerts', label: 'Open alerts', description: 'Open alerts as a table, or counts per service and severity (live)' },
  { value: 'alert_rate', label: 'Alert rate', description: 'Alerts started per interval, one series per group (live)' },
  { value: 'mtta', label: 'MTTA', description: 'Mean time to acknowledge of the incidents in the range' },
];

export const ALERT_QUERY_TYPES: readonly QueryType[] = ALERT_QUERY_TYPE_OPTIONS.map((o) => o.value);

const ALL: ComboboxOption<string> = { value: '*', label: 'All' };
export const SEVERITY_OPTIONS: Array<ComboboxOption<string>> = [ALL, ...ALERT_SEVERITIES.map((s) => ({ value: s, label: s }))];
export const ALERT_SOURCE_OPTIONS: Array<ComboboxOption<string>> = [ALL, ...ALERT_SOURCES.map((s) => ({ value: s, label: s }))];
export const ALERT_STATUS_OPTIONS: Array<ComboboxOption<string>> = [
  { value: 'open', label: 'Open', description: 'Firing or acknowledged' },
  { value: 'all', label: 'Any', description: 'Every alert active in the range' },
  ...ALERT_STATUSES.map((s) => ({ value: s, label: s })),
];
export const ALERT_VIEW_OPTIONS: Array<ComboboxOption<AlertView>> = [
  { value: 'table', label: 'One row per alert' },
  { value: 'counts', label: 'Counts per service and severity' },
];
export const ALERT_GROUP_BY_OPTIONS: Array<ComboboxOption<AlertGroupBy>> = ALERT_GROUP_BYS.map((g) => ({ value: g, label: g }));
